from django.urls import path, re_path

from gemeinwohl.oparl import views

app_name = "oparl"

urlpatterns = [
    path("", views.system, name="system"),
    path("body/", views.body_list, name="body_list"),
    path("body/<str:body>/", views.body, name="body"),
    path("body/<str:body>/<str:kind>/", views.entity_list, name="list"),
    path("organization/<int:pk>/meeting/", views.organization_meetings, name="organization_meetings"),
    path("<str:kind>/<int:pk>/", views.detail, name="object"),
    re_path(r"^(?P<rest>.*)$", views.not_found),
]
