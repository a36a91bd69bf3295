from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "thads.cases"
    label = "cases"
