from django.urls import path

from gemeinwohl.events.views import figures, public, team

app_name = "events"

urlpatterns = [
    # The public calendar and registration without an account.
    path("", public.CalendarView.as_view(), name="calendar"),
    path("monat/<int:year>/<int:month>/", public.MonthView.as_view(), name="calendar_month"),
    path("rueckblick/", public.ArchiveView.as_view(), name="archive"),
    path("kalender.ics", public.feed, name="feed"),
    path("<int:pk>/", public.EventDetailView.as_view(), name="event_detail"),
    path("<int:pk>/termin.ics", public.event_ics, name="event_ics"),
    path("<int:pk>/anmeldung/", public.RegisterView.as_view(), name="register"),
    path("<int:pk>/anmeldung/gesendet/", public.RegisteredView.as_view(), name="registered"),
    path("<int:pk>/fotos/<int:photo>/", public.photo, name="photo"),
    path("<int:pk>/dateien/<int:file>/", public.file_download, name="file"),
    path("anmeldung/<str:token>/", public.RegistrationView.as_view(), name="registration"),
    path("anmeldung/<str:token>/termin.ics", public.registration_ics, name="registration_ics"),
    # The team: planning, registrations, the door, documentation, formats.
    path("planung/", team.ManageListView.as_view(), name="manage"),
    path("neu/", team.EventCreateView.as_view(), name="event_create"),
    path("<int:pk>/bearbeiten/", team.EventUpdateView.as_view(), name="event_update"),
    path("<int:pk>/absagen/", team.EventCancelView.as_view(), name="event_cancel"),
    path("<int:pk>/anmeldungen/", team.RegistrationListView.as_view(), name="registrations"),
    path("<int:pk>/anmeldungen/export.<str:file_format>", team.registrations_export, name="registrations_export"),
    path(
        "<int:pk>/anmeldungen/<int:registration>/abmelden/",
        team.RegistrationCancelView.as_view(),
        name="registration_cancel",
    ),
    path("<int:pk>/einlass/", team.CheckInView.as_view(), name="check_in"),
    path("<int:pk>/einlass/liste.pdf", team.check_in_pdf, name="check_in_pdf"),
    path("<int:pk>/einlass/<int:registration>/", team.AttendanceView.as_view(), name="attendance"),
    path("<int:pk>/einlass/abschliessen/", team.AttendanceCloseView.as_view(), name="attendance_close"),
    path("<int:pk>/einlass/nachmeldung/", team.WalkInView.as_view(), name="walk_in"),
    path("<int:pk>/dokumentation/", team.DocumentationView.as_view(), name="documentation"),
    path("<int:pk>/dokumentation/fotos/", team.PhotoAddView.as_view(), name="photo_add"),
    path("<int:pk>/dokumentation/dateien/", team.FileAddView.as_view(), name="file_add"),
    path("<int:pk>/dokumentation/fotos/<int:photo>/entfernen/", team.PhotoRemoveView.as_view(), name="photo_remove"),
    path("<int:pk>/dokumentation/dateien/<int:file>/entfernen/", team.FileRemoveView.as_view(), name="file_remove"),
    path("formate/", team.FormatListView.as_view(), name="formats"),
    path("formate/<int:format_pk>/", team.FormatUpdateView.as_view(), name="format_update"),
    # Figures.
    path("zahlen/", figures.FiguresView.as_view(), name="figures"),
    path("zahlen/export.<str:file_format>", figures.figures_export, name="figures_export"),
]
