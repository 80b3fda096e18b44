"""(being built)"""

from django.http import Http404
from django.views import View


class _Stub(View):
    def dispatch(self, request, *args, **kwargs):
        raise Http404

MinutesEditView = _Stub
MinutesApproveView = _Stub
MinutesCorrectView = _Stub
MinutesHistoryView = _Stub
