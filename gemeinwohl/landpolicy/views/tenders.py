"""Stub: replaced by the real views."""

from django.http import Http404
from django.views import View


class TenderListView(View):
    def get(self, request, **kwargs):
        raise Http404


class TenderCreateView(View):
    def get(self, request, **kwargs):
        raise Http404


class TenderDetailView(View):
    def get(self, request, **kwargs):
        raise Http404


class TenderUpdateView(View):
    def get(self, request, **kwargs):
        raise Http404


class CriteriaView(View):
    def get(self, request, **kwargs):
        raise Http404


class BidCreateView(View):
    def get(self, request, **kwargs):
        raise Http404


class JuryView(View):
    def get(self, request, **kwargs):
        raise Http404


class ScoreView(View):
    def get(self, request, **kwargs):
        raise Http404


def evaluation_pdf(request, **kwargs):
    raise Http404


def evaluation_xlsx(request, **kwargs):
    raise Http404
