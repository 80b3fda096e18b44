"""The public side: list, map, GeoJSON, place pages, proposals (to be built)."""

from django.http import Http404
from django.views import View


class _NotYet(View):
    def dispatch(self, request, *args, **kwargs):
        raise Http404


def _not_yet(request, *args, **kwargs):
    raise Http404


PlaceListView = _NotYet
MapView = _NotYet
PlaceDetailView = _NotYet
ProposeView = _NotYet
ProposedView = _NotYet
places_geojson = _not_yet
areas_geojson = _not_yet
