from django.apps import AppConfig


class ComplaintsConfig(AppConfig):
    name = "thads.complaints"
    label = "complaints"
    verbose_name = "Khiếu nại, tố cáo"

    def ready(self):
        from thads.complaints.menu import register

        register()
