"""The team's side: place form, status, actors, criteria, proposals (to be built)."""

from django.http import Http404
from django.views import View


class _NotYet(View):
    def dispatch(self, request, *args, **kwargs):
        raise Http404


def _not_yet(request, *args, **kwargs):
    raise Http404


PlaceCreateView = _NotYet
PlaceUpdateView = _NotYet
StatusChangeView = _NotYet
ActorsView = _NotYet
AssessmentView = _NotYet
ProposalListView = _NotYet
ProposalReviewView = _NotYet
