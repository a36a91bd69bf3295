from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "thads.portal"
    label = "portal"
    verbose_name = _("Cổng thông tin công khai")

    def ready(self):
        """A link to the public portal in the staff's menu (the crawler then checks its pages)."""
        from django.urls import reverse

        from thads.common.ui import MenuItem, register_menu_item
        from thads.org.models import Role

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
