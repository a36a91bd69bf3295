from django.apps import AppConfig


class OversightConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "thads.oversight"
    verbose_name = "Theo dõi THAHC, kiểm tra, kiểm sát"

    def ready(self) -> None:
        from thads.oversight import registry

        registry.register()
