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
        register_books_menu()


def _book_url(name: str):
    def url(request, unit):
        from django.urls import reverse

        return reverse(name, args=[unit.code]) if unit is not None else None

    return url


def _keeps_books(request, unit) -> bool:
    """The books are the clerk's, read by the unit's heads, leaders and inspectors; an officer
    follows the money of its own cases on the case page."""
    from thads.org.models import Role

    access = request.access
    return unit is not None and (access.is_superuser or access.role != Role.OFFICER)


def register_books_menu() -> None:
    """Sổ sách: the receipt register, the cash book, the payouts due (held money is a core
    entry of the menu, thads.web.menu)."""
    from django.utils.translation import gettext_lazy as _

    from thads.common.ui import MenuItem, register_menu_item

    for key, label, name, order in (
        ("receipt_register", _("Sổ biên lai"), "ledger:receipt_register", 10),
        ("cash_book", _("Sổ quỹ"), "ledger:cash_book", 20),
        ("payouts_due", _("Tiền chờ chi trả"), "ledger:payouts_due", 30),
    ):
        register_menu_item(
            MenuItem(key, "books", label, url=_book_url(name), visible=_keeps_books, order=order)
        )
