from django.contrib import admin

from gemeinwohl.core.actions import page_update
from gemeinwohl.core.models import Page


@admin.register(Page)
class PageAdmin(admin.ModelAdmin):
    list_display = ["title", "slug", "updated_at"]
    search_fields = ["title", "body"]
    # The address is fixed: the footer links and the start page find the pages by it.
    readonly_fields = ["slug", "created_at", "updated_at"]

    def has_add_permission(self, request):
        return False  # the pages are fixed; a data migration creates them

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        page_update(
            page=obj, by=request.user, **{f: form.cleaned_data[f] for f in ("title", "body", "title_en", "body_en")}
        )
