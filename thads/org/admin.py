from django.contrib import admin

from thads.org import services
from thads.org.models import Membership, Staff, Unit


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "level", "parent", "valid_from", "valid_to", "successor")
    list_filter = ("level",)
    search_fields = ("code", "name")
    readonly_fields = ("path", "version", "created_at", "updated_at", "created_by", "updated_by")

    def save_model(self, request, obj, form, change):
        """Save through the services, which keep the materialised `path` of the subtree."""
        if change:
            fields = {name: getattr(obj, name) for name in form.changed_data}
            if fields:
                current = Unit.objects.get(pk=obj.pk)
                services.unit_update(
                    current, expected_version=current.version, by=request.user, **fields
                )
            obj.refresh_from_db()
            return
        created = services.unit_create(
            code=obj.code,
            name=obj.name,
            level=obj.level,
            parent=obj.parent,
            valid_from=obj.valid_from,
            valid_to=obj.valid_to,
            successor=obj.successor,
            by=request.user,
        )
        obj.pk = created.pk
        obj.refresh_from_db()


class MembershipInline(admin.TabularInline):
    model = Membership
    fk_name = "staff"
    extra = 0
    fields = ("unit", "role", "is_head", "valid_from", "valid_to")


@admin.register(Staff)
class StaffAdmin(admin.ModelAdmin):
    list_display = ("code", "full_name", "title", "user")
    search_fields = ("code", "full_name")
    inlines = [MembershipInline]
    readonly_fields = ("version", "created_at", "updated_at", "created_by", "updated_by")
