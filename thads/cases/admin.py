from django.contrib import admin

from thads.cases.models import Case, CaseEvent, Judgment


@admin.register(Judgment)
class JudgmentAdmin(admin.ModelAdmin):
    list_display = ("number", "date", "court", "kind")
    search_fields = ("number", "court")


@admin.register(Case)
class CaseAdmin(admin.ModelAdmin):
    """Read-only: cases change only through the workflow (services)."""

    list_display = ("code", "unit", "accepted_on", "mode", "state", "amount", "collected")
    list_filter = ("state", "mode")
    search_fields = ("code", "decision_no")

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False


@admin.register(CaseEvent)
class CaseEventAdmin(CaseAdmin):
    list_display = ("case", "seq", "type", "on", "amount", "recorded_by", "recorded_at")
    list_filter = ("type",)
    search_fields = ("case__code",)
