"""Stub: replaced by the real views."""

from django.http import Http404
from django.views import View


class PropertyListView(View):
    def get(self, request, **kwargs):
        raise Http404


class PropertyCreateView(View):
    def get(self, request, **kwargs):
        raise Http404


class PropertyDetailView(View):
    def get(self, request, **kwargs):
        raise Http404


class PropertyUpdateView(View):
    def get(self, request, **kwargs):
        raise Http404
