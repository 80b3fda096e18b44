"""Calendar files and feeds of meetings, and members' answers to invitations.

Each calendar holds what its reader may see and nothing more: a meeting's
.ics the signed-in reader; a committee's feed the anonymous public, whoever
fetches it (its address is public); a personal feed the account its secret
key belongs to. Unknown, hidden and forged addresses all answer 404.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from gemeinwohl.accounts.actions import feed_token_renew
from gemeinwohl.accounts.models import FeedToken
from gemeinwohl.committees import ical, selectors
from gemeinwohl.committees.actions import invitation_respond
from gemeinwohl.committees.invitations import invitation_from_token, when_text
from gemeinwohl.committees.models import AgendaItem, Committee, InvitationResponse, Meeting
from gemeinwohl.core.access import get_visible_or_404

# Feeds reach a year back; older meetings stay on the committee's pages.


def _calendar_response(content: bytes, *, filename: str = "", private: bool = True) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    if filename:
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    if private:
        patch_cache_control(response, private=True, no_cache=True)
        response["X-Robots-Tag"] = "noindex"
    else:
        # The public feed is the same for everyone; calendar apps poll it, caches may keep it a few minutes.
        patch_cache_control(response, public=True, max_age=300)
    return response


def _feed(request, meetings, *, name: str) -> bytes:
    return ical.feed_calendar(
        ((meeting, meeting.visible_items) for meeting in meetings),
        name=name,
        link_for=lambda meeting: request.build_absolute_uri(meeting.get_absolute_url()),
    )


def meeting_ics(request, pk):
    """One meeting as a calendar file, with the agenda the signed-in reader may see."""
    meeting = get_visible_or_404(Meeting.objects.select_related("committee"), request.user, pk=pk)
    agenda = list(AgendaItem.objects.visible_to(request.user).filter(meeting=meeting).order_by("position", "pk"))
    content = ical.meeting_calendar(
        meeting, method=ical.PUBLISH, link=request.build_absolute_uri(meeting.get_absolute_url()), agenda=agenda
    )
    return _calendar_response(content, filename=f"sitzung-{meeting.pk}.ics")


def committee_feed(request, slug):
    """A committee's public calendar: what anyone may see, whoever is signed in while fetching it."""
    public = AnonymousUser()
    committee = get_visible_or_404(Committee.objects.all(), public, slug=slug)
    meetings = selectors.calendar_meetings(fetched_by=public, committee=committee)
    content = _feed(request, meetings, name=f"{committee.name} – {settings.SITE_NAME}")
    return _calendar_response(content, private=False)


def personal_feed(request, key):
    """Every meeting the key's account may see, across committees, in that account's language."""
    token = FeedToken.objects.select_related("user").filter(key=key, user__is_active=True).first()
    if token is None:
        raise Http404
    reader = token.user
    with translation.override(reader.language):
        meetings = selectors.calendar_meetings(fetched_by=reader)
        content = _feed(request, meetings, name=_("Meine Sitzungen – %(site)s") % {"site": settings.SITE_NAME})
    return _calendar_response(content)


@require_http_methods(["GET", "HEAD", "POST"])
def rsvp(request, pk, token):
    """A member answers an invitation from the link in their mail; the signed link is their only key."""
    invitation = invitation_from_token(meeting_id=pk, token=token)
    if invitation is None:
        raise Http404
    meeting = invitation.meeting
    context = {
        "invitation": invitation,
        "meeting": meeting,
        "when": when_text(meeting),
        "chosen": request.GET.get("antwort", ""),
        "errors": [],
    }
    status = 200
    if meeting.is_cancelled:
        status = 410
    elif request.method == "POST":
        try:
            invitation_respond(invitation=invitation, response=request.POST.get("response", ""))
        except ValidationError as error:
            context["errors"], status = error.messages, 400
        else:
            if invitation.response == InvitationResponse.ACCEPTED:
                messages.success(request, _("Danke, Ihre Zusage ist gespeichert."))
            else:
                messages.success(request, _("Danke, Ihre Absage ist gespeichert."))
            return redirect(request.path)
    response = render(request, "committees/rsvp.html", context, status=status)
    response["X-Robots-Tag"] = "noindex"
    return response


@login_required
@require_POST
def feed_renew(request):
    """A new secret calendar address for the signed-in account; the old one stops working at once."""
    feed_token_renew(user=request.user)
    messages.success(
        request,
        _(
            "Ihre Kalenderadresse wurde erneuert. Die bisherige Adresse funktioniert nicht mehr: "
            "Bitte tragen Sie die neue Adresse in Ihrem Kalenderprogramm ein."
        ),
    )
    return redirect("accounts:profile")
