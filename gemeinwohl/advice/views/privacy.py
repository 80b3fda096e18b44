"""A requester's data on request, as a JSON download for the team to hand over."""

import json

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.views import View

from gemeinwohl.advice.models import Case
from gemeinwohl.advice.privacy import requester_data


class RequesterDataExportView(LoginRequiredMixin, View):
    """``auskunft-<reference>.json``: 404 for a case the reader may not open, 403 without the permission."""

    def get(self, request, pk):
        case = get_object_or_404(Case.objects.visible_to(request.user), pk=pk)
        data = requester_data(case=case, fetched_by=request.user)
        body = json.dumps(data, ensure_ascii=False, indent=2, cls=DjangoJSONEncoder)
        response = HttpResponse(body.encode("utf-8"), content_type="application/json; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="auskunft-{case.reference}.json"'
        response["X-Content-Type-Options"] = "nosniff"
        response["Cache-Control"] = "private, no-store"
        return response
