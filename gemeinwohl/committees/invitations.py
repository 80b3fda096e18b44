"""Invitation mails to a committee's members, each with the agenda that member may see and an .ics.

The mails go out after the action that invited, changed or cancelled a
meeting has committed, so there is no request: links are made absolute with
``site_url``. Every member reads the meeting as the platform would show it
to them: with their account if their address-book entry has one, otherwise
as a member without account (``MEMBER_WITHOUT_ACCOUNT_CLEARANCE`` in their
committee, the public part elsewhere). A mail never holds more than that.
"""

import logging
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format, time_format
from django.utils.translation import gettext as _

from gemeinwohl.accounts.models import MEMBER_WITHOUT_ACCOUNT_CLEARANCE
from gemeinwohl.committees import ical
from gemeinwohl.committees.models import AgendaItem, Invitation, Meeting, Membership
from gemeinwohl.core import ical as core_ical
from gemeinwohl.core.links import site_url
from gemeinwohl.core.visibility import Visibility
from gemeinwohl.directory.models import ContactContext, ContactDetail, ContactKind

logger = logging.getLogger(__name__)

RSVP_SALT = "gemeinwohl.committees.invitation-rsvp"
METHOD_OF_KIND = {"invite": ical.REQUEST, "update": ical.REQUEST, "cancel": ical.CANCEL}


def member_addresses(committee) -> list[tuple]:
    """(person, e-mail) of every current member who can be reached by mail, sorted by name.

    The first e-mail address (work or private) of each person, whatever its
    visibility: this is the team writing to its committee. Archived
    address-book entries are not written to.
    """
    memberships = (
        Membership.objects.current()
        .filter(committee=committee, person__archived_at__isnull=True)
        .select_related("person")
        .order_by("person__family_name", "person__given_name", "person__pk")
    )
    people = {}
    for membership in memberships:
        people.setdefault(membership.person_id, membership.person)
    first_address = {}
    for person_id, address in (
        ContactDetail.objects.filter(
            person_id__in=people,
            kind=ContactKind.EMAIL,
            context__in=[ContactContext.WORK, ContactContext.PRIVATE],
        )
        .order_by("pk")
        .values_list("person_id", "value")
    ):
        first_address.setdefault(person_id, address)
    return [(person, first_address[pk]) for pk, person in people.items() if pk in first_address]


# --- who reads what ------------------------------------------------------------------


@dataclass(frozen=True)
class MemberReader:
    """How an invited person reads a meeting: with their account, or with a clearance of their own.

    ``level`` is only used without an account: what that person may read in
    the meeting's committee.
    """

    account: object | None = None
    level: Visibility = Visibility.PUBLIC

    @classmethod
    def of(cls, person, *, current_member_ids) -> "MemberReader":
        if person.account_id is not None:
            return cls(account=person.account)
        in_committee = person.pk in current_member_ids
        return cls(level=MEMBER_WITHOUT_ACCOUNT_CLEARANCE if in_committee else Visibility.PUBLIC)

    @property
    def has_account(self) -> bool:
        return self.account is not None

    def sees(self, meeting: Meeting) -> bool:
        if self.has_account:
            return Meeting.objects.visible_to(self.account).filter(pk=meeting.pk).exists()
        return meeting.deleted_at is None and meeting.visibility <= self.level

    def agenda(self, meeting: Meeting) -> list[AgendaItem]:
        """The agenda items this reader may see, in order."""
        if self.has_account:
            items = AgendaItem.objects.visible_to(self.account)
        else:
            items = AgendaItem.objects.filter(
                visibility__lte=self.level,
                meeting__visibility__lte=self.level,
                deleted_at__isnull=True,
                meeting__deleted_at__isnull=True,
            )
        return list(items.filter(meeting=meeting).order_by("position", "pk"))

    def opens_page(self, meeting: Meeting) -> bool:
        """Whether the meeting's page would show them anything (members without account: public meetings)."""
        return self.has_account or meeting.visibility == Visibility.PUBLIC


# --- answers from the mail ------------------------------------------------------------


def rsvp_token(invitation: Invitation) -> str:
    """The signed part of an invitation's answer link; it names that one invitation and no other."""
    return signing.dumps(invitation.pk, salt=RSVP_SALT)


def rsvp_path(invitation: Invitation) -> str:
    return reverse("committees:rsvp", kwargs={"pk": invitation.meeting_id, "token": rsvp_token(invitation)})


def invitation_from_token(*, meeting_id: int, token: str) -> Invitation | None:
    """The invitation an answer link was made for, if the link is genuine and belongs to this meeting."""
    try:
        pk = signing.loads(token, salt=RSVP_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(pk, int):
        return None
    return (
        Invitation.objects.select_related("meeting__committee", "person")
        .filter(pk=pk, meeting_id=meeting_id, meeting__deleted_at__isnull=True)
        .first()
    )


# --- the mails ------------------------------------------------------------------------


def when_text(meeting: Meeting) -> str:
    """Date and time of the meeting in the platform's time zone, in the active language."""
    start, end = timezone.localtime(meeting.start), timezone.localtime(meeting.end)
    day = f"{date_format(start, 'l')}, {date_format(start, 'DATE_FORMAT')}"
    if start.date() == end.date():
        return _("%(day)s, %(start)s bis %(end)s Uhr") % {
            "day": day,
            "start": time_format(start, "TIME_FORMAT"),
            "end": time_format(end, "TIME_FORMAT"),
        }
    last_day = f"{date_format(end, 'l')}, {date_format(end, 'DATE_FORMAT')}"
    return _("%(day)s, %(start)s Uhr bis %(last_day)s, %(end)s Uhr") % {
        "day": day,
        "start": time_format(start, "TIME_FORMAT"),
        "last_day": last_day,
        "end": time_format(end, "TIME_FORMAT"),
    }


def _subject(meeting: Meeting, kind: str) -> str:
    # One line whatever the title holds: a line break in a header would stop every mail.
    title = " ".join(meeting.display_title.split())
    values = {"title": title, "date": date_format(timezone.localtime(meeting.start), "DATE_FORMAT")}
    if kind == "cancel":
        return _("Abgesagt: %(title)s am %(date)s") % values
    if kind == "update":
        return _("Geändert: %(title)s am %(date)s") % values
    return _("Einladung: %(title)s am %(date)s") % values


def meeting_message(*, meeting: Meeting, invitation: Invitation, reader: MemberReader, kind: str):
    """The mail to one invited member: the meeting, the agenda they may see, answer links and the .ics."""
    method = METHOD_OF_KIND[kind]
    agenda = reader.agenda(meeting) if kind != "cancel" else []
    meeting_link = site_url(meeting.get_absolute_url())
    rsvp = site_url(rsvp_path(invitation))
    context = {
        "kind": kind,
        "meeting": meeting,
        "committee": meeting.committee,
        "person": invitation.person,
        "when": when_text(meeting),
        "agenda": agenda,
        "accept_url": f"{rsvp}?antwort=zugesagt",
        "decline_url": f"{rsvp}?antwort=abgesagt",
        "meeting_url": meeting_link if reader.opens_page(meeting) else "",
        "site_name": settings.SITE_NAME,
    }
    calendar = ical.meeting_calendar(
        meeting,
        method=method,
        link=meeting_link,
        agenda=agenda,
        attendee=ical.Attendee(name=invitation.person.full_name, email=invitation.email, response=invitation.response),
    )
    message = EmailMultiAlternatives(
        subject=_subject(meeting, kind),
        body=render_to_string("committees/email/meeting.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[invitation.email],
    )
    message.attach_alternative(render_to_string("committees/email/meeting.html", context), "text/html")
    filename = "absage.ics" if kind == "cancel" else "einladung.ics"
    message.attach(core_ical.mime_part(calendar, method=method, filename=filename))
    return message


def send_meeting_mail(*, meeting_id: int, kind: str) -> None:
    """Mail every invited member about a meeting: ``invite``, ``update`` or ``cancel``.

    An invitation goes to those the last ``invitations_send`` invited (their
    invitation carries the meeting's current SEQUENCE); changes and
    cancellations to everyone ever invited. Each mail is in the member's
    language and holds only what they may see; a member who may no longer see
    the meeting gets nothing. A failing address is logged and does not stop
    the others.
    """
    if kind not in METHOD_OF_KIND:
        raise ValueError(f"unknown kind of meeting mail: {kind}")
    meeting = Meeting.objects.select_related("committee").filter(pk=meeting_id, deleted_at__isnull=True).first()
    if meeting is None:
        return
    invitations = (
        Invitation.objects.filter(meeting=meeting)
        .select_related("person__account")
        .order_by("person__family_name", "person__given_name", "pk")
    )
    if kind == "invite":
        invitations = invitations.filter(sequence=meeting.sequence)
    current_member_ids = set(
        Membership.objects.current().filter(committee_id=meeting.committee_id).values_list("person_id", flat=True)
    )
    for invitation in invitations:
        reader = MemberReader.of(invitation.person, current_member_ids=current_member_ids)
        if not reader.sees(meeting):
            logger.info(
                "meeting %s: invitation %s not mailed, the person may not see the meeting", meeting.pk, invitation.pk
            )
            continue
        language = reader.account.language if reader.has_account else settings.LANGUAGE_CODE
        with translation.override(language):
            message = meeting_message(meeting=meeting, invitation=invitation, reader=reader, kind=kind)
        try:
            message.send()
        except Exception:
            logger.exception("meeting %s: mail to invitation %s failed", meeting.pk, invitation.pk)
