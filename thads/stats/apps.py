from django.apps import AppConfig
from django.db.models.signals import post_migrate


class StatsConfig(AppConfig):
    name = "thads.stats"
    label = "stats"

    def ready(self):
        from thads.cases.deadlines import register_stored_source
        from thads.common import jobs
        from thads.stats import db_guards, deadlines, tasks

        # Deadlines of many cases read from the rows written with the facts.
        register_stored_source(deadlines.stored_source)
        # Local time (Asia/Ho_Chi_Minh), when nobody is working.
        jobs.schedule("stats.nightly", tasks.nightly_task, hour=1, minute=30)
        jobs.schedule("stats.month_start", tasks.month_start_task, day=1, hour=0, minute=5)
        post_migrate.connect(db_guards.after_migrate, sender=self, dispatch_uid="thads.stats")
