"""What an administrator configures for advice: case types (timeline, transitions), consent texts, retention.

Cases themselves are not here: the team works them on its own pages,
through the actions that check every rule.
"""

from django.contrib import admin

from gemeinwohl.advice.models import CaseType, ConsentText, RetentionPolicy, TimelineStep, Transition


class TimelineStepInline(admin.TabularInline):
    model = TimelineStep
    fields = ["position", "title", "kind", "anchor", "days", "working_days"]
    extra = 0


class TransitionInline(admin.TabularInline):
    model = Transition
    fields = ["source", "target"]
    extra = 0


@admin.register(CaseType)
class CaseTypeAdmin(admin.ModelAdmin):
    list_display = ["name", "is_default", "active", "updated_at"]
    list_filter = ["active"]
    search_fields = ["name"]
    fields = ["name", "description", "is_default", "active"]
    inlines = [TimelineStepInline, TransitionInline]

    def has_delete_permission(self, request, obj=None):
        # Cases keep their type (PROTECT); a type no longer used is set inactive instead.
        if obj is not None and obj.cases.exists():
            return False
        return super().has_delete_permission(request, obj)


@admin.register(ConsentText)
class ConsentTextAdmin(admin.ModelAdmin):
    """New versions only: a stored consent refers to the exact text the requester agreed to."""

    list_display = ["version", "created_at"]
    fields = ["version", "text", "text_en", "created_at"]
    readonly_fields = ["created_at"]

    def has_change_permission(self, request, obj=None):
        # Without it, an existing version's page shows the text read-only.
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(RetentionPolicy)
class RetentionPolicyAdmin(admin.ModelAdmin):
    """The one row of the retention period: changed, never added twice nor deleted."""

    list_display = ["__str__", "anonymise_after_days", "updated_at"]
    fields = ["anonymise_after_days"]

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not RetentionPolicy.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        obj.pk = 1  # the single row the database allows
        super().save_model(request, obj, form, change)
