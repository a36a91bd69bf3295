from django.apps import AppConfig


class CommonConfig(AppConfig):
    name = "thads.common"
    label = "common"
