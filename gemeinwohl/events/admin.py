from django.contrib import admin

from gemeinwohl.events.models import EventFormat, EventRetentionPolicy


@admin.register(EventFormat)
class EventFormatAdmin(admin.ModelAdmin):
    list_display = ["name", "name_en", "is_active"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(EventRetentionPolicy)
class EventRetentionPolicyAdmin(admin.ModelAdmin):
    list_display = ["__str__", "anonymise_after_months"]

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not EventRetentionPolicy.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False
