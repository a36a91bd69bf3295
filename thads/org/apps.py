from django.apps import AppConfig


class OrgConfig(AppConfig):
    name = "thads.org"
    label = "org"
