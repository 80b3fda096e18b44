"""Registrations as a table (CSV/XLSX) and the check-in list: what the team takes to the door.

Both read the registrations once through ``selectors.registration_list``
(answers prefetched), so a list of a thousand people costs the same few
queries as one of ten.
"""

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from gemeinwohl.core.spreadsheets import Sheet
from gemeinwohl.events.models import Event, QuestionKind, Registration, RegistrationQuestion, RegistrationStatus


def answer_text(question: RegistrationQuestion, value: str) -> str:
    if question.kind == QuestionKind.YES_NO and value in ("ja", "nein"):
        return _("ja") if value == "ja" else _("nein")
    return value


def attach_answers(registrations, questions: list[RegistrationQuestion]) -> list[Registration]:
    """Give each registration ``answer_cells``: its answers in the order of the event's questions."""
    registrations = list(registrations)
    for registration in registrations:
        given = {answer.question_id: answer.value for answer in registration.answers.all()}
        registration.answer_cells = [answer_text(question, given.get(question.pk, "")) for question in questions]
    return registrations


def _moment(value) -> str:
    return date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT") if value else ""


def _attended(registration: Registration) -> str:
    if registration.attended is None:
        return ""
    return _("ja") if registration.attended else _("nein")


def registration_sheet(event: Event, registrations: list[Registration], questions) -> Sheet:
    """One row per registration, the event's own questions as columns at the end."""
    header = [
        _("Stand"),
        _("Platz auf der Warteliste"),
        _("Name"),
        _("E-Mail-Adresse"),
        _("Organisation"),
        _("Bereich"),
        _("Bedarfe für die Teilnahme"),
        _("einverstanden mit Fotos"),
        _("Sprache"),
        _("vor Ort dazugekommen"),
        _("angemeldet am"),
        _("abgemeldet am"),
        _("anwesend"),
        *[question.label for question in questions],
    ]
    rows = []
    waiting = 0
    for registration in registrations:
        place = ""
        if registration.status == RegistrationStatus.WAITLISTED:
            waiting += 1
            place = waiting
        rows.append(
            [
                registration.get_status_display(),
                place,
                registration.name,
                registration.email,
                registration.organisation,
                registration.get_sector_display() if registration.sector else "",
                registration.accessibility_needs,
                _("ja") if registration.photo_consent else _("nein"),
                registration.language,
                _("ja") if registration.walk_in else "",
                _moment(registration.created_at),
                _moment(registration.cancelled_at),
                _attended(registration),
                *registration.answer_cells,
            ]
        )
    return Sheet(title=_("Anmeldungen"), header=header, rows=rows)


def export_filename(event: Event) -> str:
    day = timezone.localtime(event.start).date().isoformat()
    return f"anmeldungen-{event.pk}-{day}"
