"""Stub: replaced by the real views."""

from django.http import Http404
from django.views import View


class OverviewView(View):
    def get(self, request, **kwargs):
        raise Http404
