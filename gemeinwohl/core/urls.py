from django.urls import path

from gemeinwohl.core import views

app_name = "core"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("uebersicht/", views.DashboardView.as_view(), name="dashboard"),
    path("seiten/<slug:slug>/", views.PageView.as_view(), name="page"),
    path("seiten/<slug:slug>/bearbeiten/", views.PageEditView.as_view(), name="page_edit"),
]
