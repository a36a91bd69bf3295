"""Vietnamese unless the user chose otherwise."""

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class ChosenLanguageMiddleware(LocaleMiddleware):
    """The language comes from the user's choice (the language switch's cookie), else Vietnamese.

    Django's LocaleMiddleware would also follow the browser's Accept-Language: most agency
    computers run an English browser, and their users would get English without asking for it.
    """

    def process_request(self, request):
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if language not in dict(settings.LANGUAGES):
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
