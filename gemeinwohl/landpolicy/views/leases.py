"""Stub: replaced by the real views."""

from django.http import Http404
from django.views import View


class LeaseRegisterView(View):
    def get(self, request, **kwargs):
        raise Http404


class LeaseCreateView(View):
    def get(self, request, **kwargs):
        raise Http404


class LeaseDetailView(View):
    def get(self, request, **kwargs):
        raise Http404


class LeaseUpdateView(View):
    def get(self, request, **kwargs):
        raise Http404
