"""Vietnamese unless the user chose otherwise."""

from django.conf import settings
from django.contrib import messages
from django.http import JsonResponse
from django.middleware.locale import LocaleMiddleware
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import Resolver404, resolve, reverse
from django.utils import translation
from django.utils.translation import gettext as _

from thads.common import replica
from thads.common.parameters import has_control_characters


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


class ForcedPasswordChangeMiddleware:
    """An account given a temporary password (org.accounts) may open nothing but the password
    change (and sign out, static files, the language switch) until it has chosen its own."""

    ALLOWED = ("/doi-mat-khau/", "/dang-xuat/", "/static/", "/ngon-ngu/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not request.path.startswith(self.ALLOWED)
            and getattr(self._staff(request, user), "must_change_password", False)
        ):
            messages.warning(request, _("Mật khẩu của bạn là mật khẩu tạm thời: hãy đổi mật khẩu."))
            return redirect(reverse("password_change"))
        return self.get_response(request)

    @staticmethod
    def _staff(request, user):
        """The request's Access has read the staff record already (org.middleware)."""
        access = getattr(request, "access", None)
        return access.staff if access is not None else getattr(user, "staff", None)


class HostileInputMiddleware:
    """A request with a control character (NUL …) in its path, query or form gets a 400 page in
    Vietnamese before any view runs (`common.parameters.has_control_characters`; issue 9)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._hostile(request):
            if request.path.startswith("/api/"):
                # API clients get a problem-details body (RFC 9457), as from every API error.
                return JsonResponse(
                    {
                        "type": "/api/v1/loi/du-lieu-khong-hop-le",
                        "title": str(_("Dữ liệu không hợp lệ")),
                        "status": 400,
                        "detail": str(_("Dữ liệu gửi lên không hợp lệ.")),
                        "instance": "",
                    },
                    status=400,
                    content_type="application/problem+json",
                    json_dumps_params={"ensure_ascii": False},
                )
            response = TemplateResponse(request, "400.html", status=400)
            return response.render()
        return self.get_response(request)

    @staticmethod
    def _hostile(request) -> bool:
        if has_control_characters(request.path):
            return True
        try:
            sources = [request.GET]
            if request.method == "POST" and request.content_type in (
                "application/x-www-form-urlencoded",
                "multipart/form-data",
            ):
                sources.append(request.POST)
            for query in sources:
                for key, values in query.lists():
                    if has_control_characters(key) or any(
                        isinstance(v, str) and has_control_characters(v) for v in values
                    ):
                        return True
        except Exception:  # noqa: BLE001 - an unparsable body is hostile too
            return True
        return False


# The report screens whose reads go to the replica when one is configured (common.replica):
# statistics forms and their drill-downs, the cockpit, the bottleneck lists, the API's forms.
REPORT_VIEWS = frozenset(
    {
        "stats:report",
        "stats:drill",
        "stats:export",
        "targets:cockpit",
        "targets:summary",
        "bottlenecks:overview",
        "bottlenecks:panel",
        "bottlenecks:people",
        "bottlenecks:list",
        "api:report",
    }
)


class ReportReadsMiddleware:
    """GET and HEAD requests of the report screens read from the replica (`DATABASE_REPLICA_URL`);
    last in MIDDLEWARE, so the view and its template rendering are inside, the session and the
    user (read before) are not."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ("GET", "HEAD") or not replica.enabled():
            return self.get_response(request)
        try:
            view_name = resolve(request.path_info).view_name
        except Resolver404:
            return self.get_response(request)
        if view_name not in REPORT_VIEWS:
            return self.get_response(request)
        with replica.report_reads():
            return self.get_response(request)
