from django.urls import path
from django.views.generic import RedirectView

from gemeinwohl.directory import views
from gemeinwohl.directory.models import Organisation, Person

app_name = "directory"

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="directory:person_list"), name="index"),
    path("personen/", views.PersonListView.as_view(), name="person_list"),
    path("personen/export.<str:fmt>", views.ExportView.as_view(kind="personen"), name="person_export"),
    path("personen/neu/", views.PersonEditView.as_view(), name="person_create"),
    path("personen/<int:pk>/", views.PersonDetailView.as_view(), name="person_detail"),
    path("personen/<int:pk>/bearbeiten/", views.PersonEditView.as_view(), name="person_edit"),
    path("personen/<int:pk>/archivieren/", views.ArchiveView.as_view(model=Person), name="person_archive"),
    path("personen/<int:pk>/wiederherstellen/", views.RestoreView.as_view(model=Person), name="person_restore"),
    path("personen/<int:pk>/notiz/", views.NoteCreateView.as_view(model=Person), name="person_note"),
    path("personen/<int:pk>/einwilligung/", views.ConsentCreateView.as_view(), name="person_consent"),
    path("organisationen/", views.OrganisationListView.as_view(), name="organisation_list"),
    path(
        "organisationen/export.<str:fmt>",
        views.ExportView.as_view(kind="organisationen"),
        name="organisation_export",
    ),
    path("organisationen/neu/", views.OrganisationEditView.as_view(), name="organisation_create"),
    path("organisationen/<int:pk>/", views.OrganisationDetailView.as_view(), name="organisation_detail"),
    path("organisationen/<int:pk>/bearbeiten/", views.OrganisationEditView.as_view(), name="organisation_edit"),
    path(
        "organisationen/<int:pk>/archivieren/",
        views.ArchiveView.as_view(model=Organisation),
        name="organisation_archive",
    ),
    path(
        "organisationen/<int:pk>/wiederherstellen/",
        views.RestoreView.as_view(model=Organisation),
        name="organisation_restore",
    ),
    path("organisationen/<int:pk>/notiz/", views.NoteCreateView.as_view(model=Organisation), name="organisation_note"),
    path("import/", views.ImportView.as_view(), name="import"),
    path("import/vorlage-<str:kind>.csv", views.ImportTemplateView.as_view(), name="import_template"),
]
