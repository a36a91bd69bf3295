from django.apps import AppConfig


class ComplaintsConfig(AppConfig):
    name = "thads.complaints"
    label = "complaints"
    verbose_name = "Khiếu nại, tố cáo"

    def ready(self):
        """Menu entries; the case page shows the matters about the case (and a suspension);
        forms 8 and 9 are counted by `statistics` (registered in common.form_sources)."""
        from thads.cases.actions import register_case_panel
        from thads.common.form_sources import register_form_source
        from thads.complaints import statistics
        from thads.complaints.menu import register
        from thads.complaints.views.matters import case_panel

        register()
        register_form_source(statistics.COMPLAINTS)
        register_form_source(statistics.RECEPTION)
        register_case_panel("complaints/_case_panel.html", case_panel)
