"""(being built)"""

from django.http import Http404
from django.views import View


class _Stub(View):
    def dispatch(self, request, *args, **kwargs):
        raise Http404

CommitteeListView = _Stub
CommitteeEditView = _Stub
CommitteeDetailView = _Stub
MembersView = _Stub
MembershipEndView = _Stub
