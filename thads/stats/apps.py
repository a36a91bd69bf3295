from django.apps import AppConfig


class StatsConfig(AppConfig):
    name = "thads.stats"
    label = "stats"

    def ready(self):
        from thads.common import jobs
        from thads.stats import tasks

        # Local time (Asia/Ho_Chi_Minh), when nobody is working.
        jobs.schedule("stats.nightly", tasks.nightly_task, hour=1, minute=30)
        jobs.schedule("stats.month_start", tasks.month_start_task, day=1, hour=0, minute=5)
