"""Stub: replaced by the real views."""

from django.http import Http404
from django.views import View


class CaseListView(View):
    def get(self, request, **kwargs):
        raise Http404


class DeadlineBoardView(View):
    def get(self, request, **kwargs):
        raise Http404


class CaseCreateView(View):
    def get(self, request, **kwargs):
        raise Http404


class CaseDetailView(View):
    def get(self, request, **kwargs):
        raise Http404


class CaseUpdateView(View):
    def get(self, request, **kwargs):
        raise Http404


class StepCreateView(View):
    def get(self, request, **kwargs):
        raise Http404


class DocumentUploadView(View):
    def get(self, request, **kwargs):
        raise Http404


class AgreementCreateView(View):
    def get(self, request, **kwargs):
        raise Http404


class AgreementRegisterView(View):
    def get(self, request, **kwargs):
        raise Http404


class PublicFiguresView(View):
    def get(self, request, **kwargs):
        raise Http404


class FiguresPublishView(View):
    def get(self, request, **kwargs):
        raise Http404


def document_download(request, **kwargs):
    raise Http404
