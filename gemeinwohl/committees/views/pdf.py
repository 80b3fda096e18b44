"""Agenda and approved minutes as PDF downloads, each showing what its reader may see of the meeting.

Both are scoped exactly like the meeting page, through ``selectors.meeting_get``:
a hidden meeting answers 404, hidden agenda items are left out and numbered
around, attendance appears only for readers of the committee's members' part.

Minutes that are not approved yet answer 409 with a short German page rather
than 404: the reader may see the meeting, so nothing is revealed by saying
that its minutes are still a draft, and "not found" would send them looking
for a wrong address.
"""

from collections import defaultdict

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from gemeinwohl.committees import pdf, selectors
from gemeinwohl.committees.models import Meeting, MinutesRevision


@require_safe
def agenda_pdf(request, pk):
    meeting = selectors.meeting_get(pk=pk, fetched_by=request.user)
    content = pdf.render_pdf("committees/pdf/agenda.html", {"meeting": meeting})
    return _pdf_response(content, filename=_filename("tagesordnung", meeting))


@require_safe
def minutes_pdf(request, pk):
    meeting = selectors.meeting_get(pk=pk, fetched_by=request.user)
    minutes = getattr(meeting, "minutes", None)  # a meeting without minutes has no related row
    if minutes is None or not minutes.is_approved:
        return render(request, "committees/pdf/not_approved.html", {"meeting": meeting}, status=409)
    corrected = _attach_corrections(meeting.items)
    numbers = {item.pk: item.number for item in meeting.items}
    for task in meeting.meeting_tasks:
        task.number = numbers.get(task.agenda_item_id)
    # Attendance is the members' part: others get no section at all, rather than "not recorded".
    shows_attendance = request.user.has_perm("committees.view_attendance", meeting)
    content = pdf.render_pdf(
        "committees/pdf/minutes.html",
        {"meeting": meeting, "shows_attendance": shows_attendance, "corrected": corrected},
    )
    return _pdf_response(content, filename=_filename("protokoll", meeting))


def _attach_corrections(items) -> bool:
    """Give each (visible) item the corrections made to its minutes after approval; whether there were any.

    Only the items the reader was given are asked about, so this reads no further than the selector did.
    """
    corrections = defaultdict(list)
    for revision in MinutesRevision.objects.filter(
        entry__agenda_item__in=[item.pk for item in items], is_correction=True
    ).select_related("entry"):
        corrections[revision.entry.agenda_item_id].append(revision)
    for item in items:
        item.corrections = corrections.get(item.pk, [])
    return bool(corrections)


def _filename(kind: str, meeting: Meeting) -> str:
    day = timezone.localtime(meeting.start).date().isoformat()
    return f"{kind}-{meeting.committee.slug}-{day}.pdf"


def _pdf_response(content: bytes, *, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    # Each reader gets their own PDF: no shared cache may keep one for the next.
    response["Cache-Control"] = "private, no-store"
    return response
