from django.contrib import admin

from gemeinwohl.oparl.models import LegislativeTerm


@admin.register(LegislativeTerm)
class LegislativeTermAdmin(admin.ModelAdmin):
    list_display = ["name", "start_date", "end_date"]
    fields = ["name", "start_date", "end_date"]
