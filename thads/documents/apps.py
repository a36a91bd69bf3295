from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "thads.documents"
    label = "documents"

    def ready(self) -> None:
        from thads.documents import registrations

        registrations.register()
