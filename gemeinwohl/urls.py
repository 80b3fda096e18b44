from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.i18n import set_language

admin.site.site_header = _("Gemeinwohl – Verwaltung")
admin.site.site_title = "Gemeinwohl"

urlpatterns = [
    path("", include("gemeinwohl.core.urls")),
    path("konto/", include("gemeinwohl.accounts.urls")),
    path("adressbuch/", include("gemeinwohl.directory.urls")),
    path("", include("gemeinwohl.committees.urls")),
    path("beratung/", include("gemeinwohl.advice.urls")),
    path("veranstaltungen/", include("gemeinwohl.events.urls")),
    path("orte/", include("gemeinwohl.places.urls")),
    path("boden/", include("gemeinwohl.landpolicy.urls")),
    path("oparl/v1.1/", include("gemeinwohl.oparl.urls")),
    path("api/v1/", include("gemeinwohl.api.urls")),
    path("sprache/", set_language, name="set_language"),
    path("admin/", admin.site.urls),
]
