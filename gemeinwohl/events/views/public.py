"""The public side: calendar, event pages, calendar files, registration without an account (to be built)."""

from django.http import Http404
from django.views import View


class _NotYet(View):
    def dispatch(self, request, *args, **kwargs):
        raise Http404


def _not_yet(request, *args, **kwargs):
    raise Http404


CalendarView = _NotYet
MonthView = _NotYet
ArchiveView = _NotYet
EventDetailView = _NotYet
RegisterView = _NotYet
RegisteredView = _NotYet
RegistrationView = _NotYet
feed = _not_yet
event_ics = _not_yet
photo = _not_yet
file_download = _not_yet
registration_ics = _not_yet
