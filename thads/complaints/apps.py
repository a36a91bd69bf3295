from django.apps import AppConfig


class ComplaintsConfig(AppConfig):
    name = "thads.complaints"
    label = "complaints"
