from django.contrib import admin

from thads.org.models import Membership, Staff, Unit


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "level", "parent", "valid_from", "valid_to", "successor")
    list_filter = ("level",)
    search_fields = ("code", "name")
    readonly_fields = ("path", "version", "created_at", "updated_at", "created_by", "updated_by")


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
