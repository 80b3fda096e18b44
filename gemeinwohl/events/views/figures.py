"""Figures on events (to be built)."""

from django.http import Http404
from django.views import View


class _NotYet(View):
    def dispatch(self, request, *args, **kwargs):
        raise Http404


def _not_yet(request, *args, **kwargs):
    raise Http404


FiguresView = _NotYet
figures_export = _not_yet
