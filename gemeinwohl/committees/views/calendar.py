"""Calendar files and feeds, and answers to invitations (to be built)."""

from django.http import Http404


def meeting_ics(request, pk):
    raise Http404


def committee_feed(request, slug):
    raise Http404


def personal_feed(request, key):
    raise Http404


def rsvp(request, pk, token):
    raise Http404


def feed_renew(request):
    raise Http404
