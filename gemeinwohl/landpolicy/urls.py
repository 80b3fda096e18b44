from django.urls import path

from gemeinwohl.landpolicy.views import leases, overview, preemption, properties, tenders

app_name = "landpolicy"

urlpatterns = [
    path("", overview.OverviewView.as_view(), name="overview"),
    # Properties (Grundstücke)
    path("grundstuecke/", properties.PropertyListView.as_view(), name="property_list"),
    path("grundstuecke/neu/", properties.PropertyCreateView.as_view(), name="property_create"),
    path("grundstuecke/<int:pk>/", properties.PropertyDetailView.as_view(), name="property_detail"),
    path("grundstuecke/<int:pk>/bearbeiten/", properties.PropertyUpdateView.as_view(), name="property_update"),
    # Pre-emption cases (Vorkaufsfälle)
    path("vorkauf/", preemption.CaseListView.as_view(), name="case_list"),
    path("vorkauf/fristen/", preemption.DeadlineBoardView.as_view(), name="deadline_board"),
    path("vorkauf/neu/", preemption.CaseCreateView.as_view(), name="case_create"),
    path("vorkauf/<int:pk>/", preemption.CaseDetailView.as_view(), name="case_detail"),
    path("vorkauf/<int:pk>/bearbeiten/", preemption.CaseUpdateView.as_view(), name="case_update"),
    path("vorkauf/<int:pk>/schritt/", preemption.StepCreateView.as_view(), name="step_create"),
    path("vorkauf/<int:pk>/dokumente/", preemption.DocumentUploadView.as_view(), name="document_upload"),
    path("vorkauf/<int:pk>/dokumente/<int:document>/", preemption.document_download, name="case_document"),
    path("vorkauf/<int:pk>/abwendung/", preemption.AgreementCreateView.as_view(), name="agreement_create"),
    path("abwendungsvereinbarungen/", preemption.AgreementRegisterView.as_view(), name="agreement_register"),
    path("vorkauf/zahlen/", preemption.PublicFiguresView.as_view(), name="public_figures"),
    path("vorkauf/zahlen/veroeffentlichen/", preemption.FiguresPublishView.as_view(), name="figures_publish"),
    # Concept tenders (Konzeptverfahren)
    path("konzeptverfahren/", tenders.TenderListView.as_view(), name="tender_list"),
    path("konzeptverfahren/neu/", tenders.TenderCreateView.as_view(), name="tender_create"),
    path("konzeptverfahren/<int:pk>/", tenders.TenderDetailView.as_view(), name="tender_detail"),
    path("konzeptverfahren/<int:pk>/bearbeiten/", tenders.TenderUpdateView.as_view(), name="tender_update"),
    path("konzeptverfahren/<int:pk>/kriterien/", tenders.CriteriaView.as_view(), name="tender_criteria"),
    path("konzeptverfahren/<int:pk>/gebote/neu/", tenders.BidCreateView.as_view(), name="bid_create"),
    path("konzeptverfahren/<int:pk>/jury/", tenders.JuryView.as_view(), name="tender_jury"),
    path("konzeptverfahren/<int:pk>/bewerten/<int:bid>/", tenders.ScoreView.as_view(), name="bid_score"),
    path("konzeptverfahren/<int:pk>/auswertung.pdf", tenders.evaluation_pdf, name="tender_pdf"),
    path("konzeptverfahren/<int:pk>/auswertung.xlsx", tenders.evaluation_xlsx, name="tender_xlsx"),
    # Heritable building rights (Erbbaurechte)
    path("erbbaurecht/", leases.LeaseRegisterView.as_view(), name="lease_register"),
    path("erbbaurecht/neu/", leases.LeaseCreateView.as_view(), name="lease_create"),
    path("erbbaurecht/<int:pk>/", leases.LeaseDetailView.as_view(), name="lease_detail"),
    path("erbbaurecht/<int:pk>/bearbeiten/", leases.LeaseUpdateView.as_view(), name="lease_update"),
]
