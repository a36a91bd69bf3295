"""The rule table is edited here by administrators; every change keeps its history
(pghistory `ComplaintRuleHistory`, and the author and version on the row)."""

from django.contrib import admin
from django.db.models import F

from thads.complaints.models import ComplaintRule


class RuleHistoryInline(admin.TabularInline):
    model = ComplaintRule.pgh_event_model
    fk_name = "pgh_obj"
    extra = 0
    can_delete = False
    fields = (
        "pgh_created_at",
        "pgh_label",
        "days",
        "day_count",
        "resolver",
        "source",
        "verified",
        "updated_by",
    )
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(ComplaintRule)
class ComplaintRuleAdmin(admin.ModelAdmin):
    list_display = (
        "kind",
        "label",
        "key",
        "effective_from",
        "days",
        "day_count",
        "resolver",
        "verified",
    )
    list_filter = ("kind", "verified")
    search_fields = ("key", "label", "source")
    readonly_fields = ("version", "created_at", "updated_at", "created_by", "updated_by")
    inlines = [RuleHistoryInline]

    def save_model(self, request, obj, form, change):
        """Who changed the rule and when; the version moves on every change."""
        obj.updated_by = request.user
        if not change:
            obj.created_by = request.user
        else:
            obj.version = F("version") + 1
        obj.full_clean(exclude=["version"])
        super().save_model(request, obj, form, change)
        obj.refresh_from_db()
