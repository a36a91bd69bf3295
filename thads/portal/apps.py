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

        register_menu_item(
            MenuItem(
                key="portal",
                section="steering",
                label=_("Cổng thông tin công khai"),
                url=lambda request, unit: reverse("portal:debtors"),
                visible=lambda request, unit: True,
                order=90,
            )
        )
