import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
application = get_wsgi_application()

# Views, catalogues and templates loaded now, not by the first user's request.
from thads.web.warmup import warm_up  # noqa: E402

warm_up()
