"""(being built)"""

from django.http import Http404
from django.views import View


class _Stub(View):
    def dispatch(self, request, *args, **kwargs):
        raise Http404

MeetingEditView = _Stub
MeetingDetailView = _Stub
MeetingCancelView = _Stub
MeetingHeldView = _Stub
MeetingInviteView = _Stub
AgendaItemEditView = _Stub
AgendaItemMoveView = _Stub
AgendaItemRemoveView = _Stub
DocumentUploadView = _Stub
DocumentDownloadView = _Stub
AttendanceView = _Stub
DecisionCreateView = _Stub
TaskCreateView = _Stub
TaskStatusView = _Stub
