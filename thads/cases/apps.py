from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "thads.cases"
    label = "cases"

    def ready(self):
        from thads.cases import tasks
        from thads.common import jobs

        # Local time (Asia/Ho_Chi_Minh): before the working day starts (07:00 or 07:30).
        jobs.schedule("cases.reminders", tasks.reminders_task, hour=6, minute=30)
