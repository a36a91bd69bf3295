from django.apps import AppConfig


class TargetsConfig(AppConfig):
    name = "thads.targets"
    label = "targets"
