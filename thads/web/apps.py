from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "thads.web"
    label = "web"

    def ready(self):
        """The core menu entries and home-page panels (other apps register their own)."""
        from thads.web import home, menu

        menu.register()
        home.register()
