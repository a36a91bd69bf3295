from django.apps import AppConfig


class LedgerConfig(AppConfig):
    name = "thads.ledger"
    label = "ledger"

    def ready(self):
        """Money actions on the case page go through the ledger (receipt, fee, legal order)."""
        from thads.cases.actions import register_action_view, register_case_panel
        from thads.cases.models import EventType
        from thads.ledger.views.panel import case_panel

        register_action_view(EventType.THU_TIEN, "ledger:payment")
        register_action_view(EventType.CHI_TRA, "ledger:payout")
        register_case_panel("ledger/_case_panel.html", case_panel)
