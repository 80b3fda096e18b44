from django.urls import path

from gemeinwohl.places.views import public, team

app_name = "places"

urlpatterns = [
    # The public map, list and pages; proposals without an account.
    path("", public.PlaceListView.as_view(), name="place_list"),
    path("karte/", public.MapView.as_view(), name="map"),
    path("orte.geojson", public.places_geojson, name="places_geojson"),
    path("gebiete/<str:kind>.geojson", public.areas_geojson, name="areas_geojson"),
    path("<int:pk>/", public.PlaceDetailView.as_view(), name="place_detail"),
    path("vorschlagen/", public.ProposeView.as_view(), name="propose"),
    path("vorschlagen/danke/", public.ProposedView.as_view(), name="proposed"),
    # The team.
    path("neu/", team.PlaceCreateView.as_view(), name="place_create"),
    path("<int:pk>/bearbeiten/", team.PlaceUpdateView.as_view(), name="place_update"),
    path("<int:pk>/stand/", team.StatusChangeView.as_view(), name="status_change"),
    path("<int:pk>/beteiligte/", team.ActorsView.as_view(), name="actors"),
    path("<int:pk>/kriterien/", team.AssessmentView.as_view(), name="assessment"),
    path("vorschlaege/", team.ProposalListView.as_view(), name="proposals"),
    path("<int:pk>/pruefen/", team.ProposalReviewView.as_view(), name="proposal_review"),
]
