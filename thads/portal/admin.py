from django.contrib import admin

from thads.portal.models import UnitContact
from thads.portal.services import CONTACT_FIELDS, unit_contact_save


@admin.register(UnitContact)
class UnitContactAdmin(admin.ModelAdmin):
    list_display = ("unit", "address", "phone", "hours", "reception_days")
    search_fields = ("unit__code", "unit__name", "address")
    autocomplete_fields = ("unit",)
    readonly_fields = ("version", "created_at", "updated_at", "created_by", "updated_by")

    def save_model(self, request, obj, form, change):
        """Through the service: who and when, and the version (a stale edit fails loudly)."""
        fields = {name: getattr(obj, name) for name in CONTACT_FIELDS}
        saved = unit_contact_save(
            obj.unit, by=request.user, expected_version=obj.version if change else None, **fields
        )
        obj.pk, obj.version = saved.pk, saved.version
