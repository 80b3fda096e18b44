from django.urls import path

from gemeinwohl.advice.views import cases, figures, privacy, public

app_name = "advice"

case = "faelle/<int:pk>/"

urlpatterns = [
    # The initiative, without an account.
    path("", public.RequestFormView.as_view(), name="request"),
    path("gesendet/", public.RequestSentView.as_view(), name="request_sent"),
    path("status/<str:token>/", public.StatusView.as_view(), name="status"),
    path("status/<str:token>/dokumente/<int:document>/", public.StatusDocumentView.as_view(), name="status_document"),
    # The team.
    path("faelle/", cases.CaseListView.as_view(), name="case_list"),
    path(case, cases.CaseDetailView.as_view(), name="case_detail"),
    path(case + "zuweisen/", cases.CaseAssignView.as_view(), name="case_assign"),
    path(case + "falltyp/", cases.CaseTypeChangeView.as_view(), name="case_type"),
    path(case + "stand/", cases.CaseTransitionView.as_view(), name="case_transition"),
    path(case + "notizen/", cases.NoteAddView.as_view(), name="note_add"),
    path(case + "dokumente/", cases.DocumentAddView.as_view(), name="document_add"),
    path(case + "dokumente/<int:document>/", cases.DocumentDownloadView.as_view(), name="document_download"),
    path(case + "aktivitaeten/", cases.ActivityAddView.as_view(), name="activity_add"),
    path(
        case + "aktivitaeten/<int:activity>/erledigt/", cases.ActivityCompleteView.as_view(), name="activity_complete"
    ),
    path(case + "weitervermittlungen/", cases.ReferralAddView.as_view(), name="referral_add"),
    path(case + "weitervermittlungen/<int:referral>/", cases.ReferralOutcomeView.as_view(), name="referral_outcome"),
    path(case + "freigaben/", cases.CaseShareView.as_view(), name="case_share"),
    path(case + "verknuepfungen/", cases.CaseLinksView.as_view(), name="case_links"),
    path(case + "statuslink/", cases.StatusLinkRenewView.as_view(), name="status_link_renew"),
    path(case + "auskunft.json", privacy.RequesterDataExportView.as_view(), name="requester_export"),
    # Figures for reporting.
    path("auswertung/", figures.FiguresView.as_view(), name="figures"),
    path("auswertung/export.<str:fmt>", figures.FiguresExportView.as_view(), name="figures_export"),
]
