from django.apps import AppConfig


class StatsConfig(AppConfig):
    name = "thads.stats"
    label = "stats"
