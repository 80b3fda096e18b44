from django.urls import path

from gemeinwohl.committees.views import calendar, committees, meetings, minutes, pdf

app_name = "committees"

urlpatterns = [
    # committees
    path("gremien/", committees.CommitteeListView.as_view(), name="committee_list"),
    path("gremien/neu/", committees.CommitteeEditView.as_view(), name="committee_create"),
    path("gremien/<slug:slug>/", committees.CommitteeDetailView.as_view(), name="committee_detail"),
    path("gremien/<slug:slug>/bearbeiten/", committees.CommitteeEditView.as_view(), name="committee_edit"),
    path("gremien/<slug:slug>/mitglieder/", committees.MembersView.as_view(), name="members"),
    path(
        "gremien/<slug:slug>/mitglieder/<int:pk>/beenden/",
        committees.MembershipEndView.as_view(),
        name="membership_end",
    ),
    path("gremien/<slug:slug>/sitzungen/neu/", meetings.MeetingEditView.as_view(), name="meeting_create"),
    path("gremien/<slug:slug>/kalender.ics", calendar.committee_feed, name="committee_feed"),
    # meetings
    path("sitzungen/<int:pk>/", meetings.MeetingDetailView.as_view(), name="meeting_detail"),
    path("sitzungen/<int:pk>/bearbeiten/", meetings.MeetingEditView.as_view(), name="meeting_edit"),
    path("sitzungen/<int:pk>/absagen/", meetings.MeetingCancelView.as_view(), name="meeting_cancel"),
    path("sitzungen/<int:pk>/durchgefuehrt/", meetings.MeetingHeldView.as_view(), name="meeting_held"),
    path("sitzungen/<int:pk>/einladen/", meetings.MeetingInviteView.as_view(), name="meeting_invite"),
    path("sitzungen/<int:pk>/tagesordnung/neu/", meetings.AgendaItemEditView.as_view(), name="agenda_item_create"),
    path(
        "sitzungen/<int:pk>/tagesordnung/<int:item>/bearbeiten/",
        meetings.AgendaItemEditView.as_view(),
        name="agenda_item_edit",
    ),
    path(
        "sitzungen/<int:pk>/tagesordnung/<int:item>/verschieben/",
        meetings.AgendaItemMoveView.as_view(),
        name="agenda_item_move",
    ),
    path(
        "sitzungen/<int:pk>/tagesordnung/<int:item>/entfernen/",
        meetings.AgendaItemRemoveView.as_view(),
        name="agenda_item_remove",
    ),
    path("sitzungen/<int:pk>/dokumente/neu/", meetings.DocumentUploadView.as_view(), name="document_upload"),
    path("dokumente/<int:pk>/", meetings.DocumentDownloadView.as_view(), name="document_download"),
    path("sitzungen/<int:pk>/anwesenheit/", meetings.AttendanceView.as_view(), name="attendance"),
    path("sitzungen/<int:pk>/beschluesse/neu/", meetings.DecisionCreateView.as_view(), name="decision_create"),
    path("sitzungen/<int:pk>/aufgaben/neu/", meetings.TaskCreateView.as_view(), name="task_create"),
    path("aufgaben/<int:pk>/stand/", meetings.TaskStatusView.as_view(), name="task_status"),
    path("sitzungen/<int:pk>/protokoll/", minutes.MinutesEditView.as_view(), name="minutes_edit"),
    path("sitzungen/<int:pk>/protokoll/genehmigen/", minutes.MinutesApproveView.as_view(), name="minutes_approve"),
    path(
        "sitzungen/<int:pk>/protokoll/<int:item>/korrektur/",
        minutes.MinutesCorrectView.as_view(),
        name="minutes_correct",
    ),
    path(
        "sitzungen/<int:pk>/protokoll/<int:item>/verlauf/",
        minutes.MinutesHistoryView.as_view(),
        name="minutes_history",
    ),
    # files and calendars
    path("sitzungen/<int:pk>/tagesordnung.pdf", pdf.agenda_pdf, name="agenda_pdf"),
    path("sitzungen/<int:pk>/protokoll.pdf", pdf.minutes_pdf, name="minutes_pdf"),
    path("sitzungen/<int:pk>/termin.ics", calendar.meeting_ics, name="meeting_ics"),
    path("sitzungen/<int:pk>/antwort/<str:token>/", calendar.rsvp, name="rsvp"),
    path("kalender/erneuern/", calendar.feed_renew, name="feed_renew"),
    path("kalender/<str:key>.ics", calendar.personal_feed, name="personal_feed"),
]
