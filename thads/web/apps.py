from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "thads.web"
    label = "web"
