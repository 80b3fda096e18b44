from django.contrib import admin

from gemeinwohl.landpolicy.models import Obligation, ReminderPolicy


@admin.register(Obligation)
class ObligationAdmin(admin.ModelAdmin):
    list_display = ["name", "position", "is_active"]
    list_editable = ["position", "is_active"]


@admin.register(ReminderPolicy)
class ReminderPolicyAdmin(admin.ModelAdmin):
    list_display = ["__str__", "lead_days"]

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not ReminderPolicy.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False  # one row; without it the defaults apply
