from django.contrib import admin

from gemeinwohl.places.models import Area, Criterion


@admin.register(Criterion)
class CriterionAdmin(admin.ModelAdmin):
    list_display = ["name", "position", "is_active"]
    list_editable = ["position", "is_active"]


@admin.register(Area)
class AreaAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "key", "district_name", "in_force_since"]
    list_filter = ["kind"]
    search_fields = ["name", "key"]
    exclude = ["geometry"]
    readonly_fields = [
        "kind",
        "key",
        "name",
        "district_name",
        "in_force_since",
        "regulation_url",
        "min_lon",
        "min_lat",
        "max_lon",
        "max_lat",
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).defer("geometry")

    def has_add_permission(self, request):
        return False  # areas come from the official geodata: manage.py places_load_areas
