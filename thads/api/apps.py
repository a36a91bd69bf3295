from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "thads.api"
    label = "api"
    verbose_name = "API"

    def ready(self):
        """The schema's authentication schemes (drf-spectacular extensions register on import)."""
        from thads.api import schema  # noqa: F401
