"""Agenda and approved minutes as PDF (to be built)."""

from django.http import Http404


def agenda_pdf(request, pk):
    raise Http404


def minutes_pdf(request, pk):
    raise Http404
