from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "thads.portal"
    label = "portal"
    verbose_name = _("Cổng thông tin công khai")

    def load_demo(self) -> int:
        """`thads demo`: publish the demo units' contacts; the number published."""
        from thads.portal.demo import load_contacts

        return load_contacts()

    def ready(self):
        """A link to the public portal in the staff's menu (the crawler then checks its pages);
        the case page's panel with the auction notice the portal publishes for the case."""
        from django.urls import reverse

        from thads.cases.actions import register_case_panel
        from thads.common.ui import MenuItem, register_menu_item
        from thads.org.models import Role
        from thads.portal.auctions import case_panel

        register_case_panel("portal/_case_auction.html", case_panel)

        def _steers(request, unit) -> bool:
            """Those who see the steering section: leaders, inspectors, heads and deputies."""
            access = request.access
            return unit is not None and (
                access.is_leader or access.role in {Role.HEAD, Role.DEPUTY}
            )

        register_menu_item(
            MenuItem(
                key="portal",
                section="steering",
                label=_("Cổng thông tin công khai"),
                url=lambda request, unit: reverse("portal:debtors"),
                visible=_steers,
                order=90,
            )
        )
