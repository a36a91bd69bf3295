from django.apps import AppConfig


class InterchangeConfig(AppConfig):
    name = "thads.interchange"
    label = "interchange"

    def ready(self):
        from thads.common import jobs
        from thads.interchange import excel_intake

        jobs.register("interchange.intake", pending=excel_intake.pending, run=excel_intake.run)
