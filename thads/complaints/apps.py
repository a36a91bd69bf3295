from django.apps import AppConfig


class ComplaintsConfig(AppConfig):
    name = "thads.complaints"
    label = "complaints"
    verbose_name = "Khiếu nại, tố cáo"

    def ready(self):
        """Menu entries; the case page shows the matters about the case (and a suspension);
        forms 8 and 9 are counted by `statistics` (common.stat_sources)."""
        from thads.cases.actions import register_case_panel
        from thads.complaints import statistics
        from thads.complaints.menu import register
        from thads.complaints.views.matters import case_panel

        register()
        statistics.register()
        register_case_panel("complaints/_case_panel.html", case_panel)
