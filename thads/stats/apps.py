from django.apps import AppConfig


class StatsConfig(AppConfig):
    name = "thads.stats"
    label = "stats"

    def ready(self):
        from thads.common import jobs
        from thads.stats import tasks

        jobs.register("stats.export", pending=tasks.pending, run=tasks.run)
