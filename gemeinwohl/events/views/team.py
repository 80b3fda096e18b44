"""The team's side: planning, registrations, check-in, documentation, formats (to be built)."""

from django.http import Http404
from django.views import View


class _NotYet(View):
    def dispatch(self, request, *args, **kwargs):
        raise Http404


def _not_yet(request, *args, **kwargs):
    raise Http404


ManageListView = _NotYet
EventCreateView = _NotYet
EventUpdateView = _NotYet
EventCancelView = _NotYet
RegistrationListView = _NotYet
RegistrationCancelView = _NotYet
CheckInView = _NotYet
AttendanceView = _NotYet
AttendanceCloseView = _NotYet
WalkInView = _NotYet
DocumentationView = _NotYet
PhotoAddView = _NotYet
FileAddView = _NotYet
PhotoRemoveView = _NotYet
FileRemoveView = _NotYet
FormatListView = _NotYet
FormatUpdateView = _NotYet
registrations_export = _not_yet
check_in_pdf = _not_yet
