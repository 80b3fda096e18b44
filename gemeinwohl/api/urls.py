from django.urls import path, re_path

from gemeinwohl.api import views
from gemeinwohl.api.endpoints import api

app_name = "api"

urlpatterns = [
    path("schluessel/", views.TokenCreateView.as_view(), name="token_create"),
    path("schluessel/<int:pk>/widerrufen/", views.TokenRevokeView.as_view(), name="token_revoke"),
    *api.urls[0],
    # Anything else under /api/v1/ answers in the API's own error shape, not with an HTML page.
    re_path(r"^.*$", views.not_found, name="not_found"),
]
