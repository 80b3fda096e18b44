"""The public side: calendar, month view, archive, event pages, calendar files, registration without an account.

Every page reads its events through ``selectors`` for the reader at hand
(hidden events answer 404, like missing ones); the feed always for the
anonymous public, whoever fetches it. The registration link from the mail
is the only key to a registration: its pages are kept out of caches,
search engines and referrers.
"""

import datetime
import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from gemeinwohl.core.access import get_visible_or_404
from gemeinwohl.core.forms import add_errors
from gemeinwohl.core.spam import rate_limited
from gemeinwohl.core.uploads import attachment_response
from gemeinwohl.core.views import InvalidFormStatusMixin, keep_private
from gemeinwohl.events import actions, ical, selectors
from gemeinwohl.events import calendar as month_grid
from gemeinwohl.events.forms import RegistrationForm
from gemeinwohl.events.mails import waitlist_position
from gemeinwohl.events.models import Event, EventFile, EventFormat, EventPhoto, Provision, RegistrationStatus
from gemeinwohl.events.tokens import registration_for_token

EVENTS_PER_PAGE = 20
# The feed reaches a year back; older events stay in the archive.
FEED_REACHES_BACK = datetime.timedelta(days=365)
FEED_CACHE_SECONDS = 3600
REGISTERED_SESSION_KEY = "events_registered"


def _calendar_response(content: bytes, *, filename: str = "", public: bool = False) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    if filename:
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    if public:
        # The public feed is the same for everyone; calendar apps poll it, caches may keep it a few minutes.
        patch_cache_control(response, public=True, max_age=300)
    else:
        patch_cache_control(response, private=True, no_cache=True)
        response["X-Robots-Tag"] = "noindex"
    return response


# --- what a page says about places and the registration window -------------------------------


@dataclass(frozen=True)
class Availability:
    """Where the registration of an event stands, for the reader: no names, only numbers."""

    state: str  # cancelled, past, no_registration, not_open_yet, open, waitlist, full, closed
    places_left: int | None
    waiting: int
    opens_at: datetime.datetime | None
    closes_at: datetime.datetime

    @property
    def can_register(self) -> bool:
        return self.state in ("open", "waitlist")


def availability(event: Event, *, now: datetime.datetime) -> Availability:
    """The registration state of ``event`` (annotated with ``confirmed_count`` and ``waitlist_count``) at ``now``."""
    places_left = None if event.capacity is None else max(0, event.capacity - event.confirmed_count)
    if event.is_cancelled:
        state = "cancelled"
    elif event.end <= now:
        state = "past"
    elif not event.registration_enabled:
        state = "no_registration"
    elif event.registration_opens_at and now < event.registration_opens_at:
        state = "not_open_yet"
    elif now >= event.registration_closes:
        state = "closed"
    elif places_left == 0:
        state = "waitlist" if event.waitlist_enabled else "full"
    else:
        state = "open"
    return Availability(
        state=state,
        places_left=places_left,
        waiting=event.waitlist_count,
        opens_at=event.registration_opens_at,
        closes_at=event.registration_closes,
    )


def _with_availability(events, now):
    events = list(events)
    for event in events:
        event.availability = availability(event, now=now)
    return events


PROVISION_SENTENCES = {
    "step_free": {
        Provision.YES: gettext_lazy("Der Ort ist stufenlos zugänglich."),
        Provision.ON_REQUEST: gettext_lazy(
            "Einen stufenlosen Zugang gibt es auf Anfrage; bitte sagen Sie uns vorher Bescheid."
        ),
        Provision.NO: gettext_lazy("Der Ort ist leider nicht stufenlos zugänglich."),
    },
    "accessible_toilet": {
        Provision.YES: gettext_lazy("Es gibt ein barrierefreies WC."),
        Provision.ON_REQUEST: gettext_lazy("Ein barrierefreies WC gibt es auf Anfrage."),
        Provision.NO: gettext_lazy("Es gibt kein barrierefreies WC."),
    },
    "sign_language": {
        Provision.YES: gettext_lazy("Es wird in Deutsche Gebärdensprache gedolmetscht."),
        Provision.ON_REQUEST: gettext_lazy(
            "Gebärdensprachdolmetschung gibt es auf Anfrage; bitte geben Sie es bei der Anmeldung an."
        ),
        Provision.NO: gettext_lazy("Es gibt keine Gebärdensprachdolmetschung."),
    },
    "childcare": {
        Provision.YES: gettext_lazy("Es gibt eine Kinderbetreuung."),
        Provision.ON_REQUEST: gettext_lazy(
            "Kinderbetreuung gibt es auf Anfrage; bitte geben Sie es bei der Anmeldung an."
        ),
        Provision.NO: gettext_lazy("Es gibt keine Kinderbetreuung."),
    },
}


def accessibility_sentences(event: Event) -> list[str]:
    """What the event offers for access, in plain sentences; features nobody has stated are left out."""
    return [
        str(sentences[getattr(event, name)])
        for name, sentences in PROVISION_SENTENCES.items()
        if getattr(event, name) in sentences
    ]


# --- calendar, month, archive ----------------------------------------------------------------


class _EventListMixin:
    """The format filter (``?format=slug``) and the team's rights, shared by the list pages."""

    def chosen_format(self, formats) -> EventFormat | None:
        slug = self.request.GET.get("format", "")
        return next((event_format for event_format in formats if event_format.slug == slug), None)

    def list_context(self) -> dict:
        formats = list(EventFormat.objects.order_by("name"))
        chosen = self.chosen_format(formats)
        user = self.request.user
        return {
            "formats": formats,
            "chosen_format": chosen,
            "query_string": urlencode({"format": chosen.slug}) if chosen else "",
            "can_manage": user.has_perm("events.view_registrations"),
            "can_add": user.has_perm("events.add_event"),
            "today": timezone.localdate(),
            "feed_url": self.request.build_absolute_uri(reverse("events:feed")),
        }


class CalendarView(_EventListMixin, TemplateView):
    """ "Veranstaltungen": the events not yet over, earliest first, a page at a time."""

    template_name = "events/calendar.html"

    def get_context_data(self, **kwargs):
        context = self.list_context()
        events = selectors.calendar_events(fetched_by=self.request.user, event_format=context["chosen_format"])
        page = Paginator(events.upcoming(), EVENTS_PER_PAGE).get_page(self.request.GET.get("seite"))
        page.object_list = _with_availability(page.object_list, timezone.now())
        return super().get_context_data(page=page, events=page.object_list, **context, **kwargs)


class MonthView(_EventListMixin, TemplateView):
    """One month as a table of weeks, every day with its events; past and cancelled ones included."""

    template_name = "events/month.html"

    def get_context_data(self, **kwargs):
        year, month = self.kwargs["year"], self.kwargs["month"]
        if not (1 <= month <= 12 and month_grid.FIRST_YEAR <= year <= month_grid.LAST_YEAR):
            raise Http404
        context = self.list_context()
        start, end = month_grid.month_bounds(year, month)
        events = list(
            selectors.calendar_events(
                fetched_by=self.request.user, event_format=context["chosen_format"], start=start, end=end
            )
        )
        previous, following = month_grid.neighbour(year, month, -1), month_grid.neighbour(year, month, 1)
        return super().get_context_data(
            month_start=start.date(),
            weeks=month_grid.month_weeks(year, month, events, today=context["today"]),
            events=events,
            previous=datetime.date(*previous, 1) if previous[0] >= month_grid.FIRST_YEAR else None,
            following=datetime.date(*following, 1) if following[0] <= month_grid.LAST_YEAR else None,
            **context,
            **kwargs,
        )


class ArchiveView(_EventListMixin, TemplateView):
    """ "Rückblick": events that are over, the latest first, with a pointer to their documentation."""

    template_name = "events/archive.html"

    def get_context_data(self, **kwargs):
        context = self.list_context()
        events = selectors.calendar_events(fetched_by=self.request.user, event_format=context["chosen_format"])
        events = events.past().order_by("-start", "-pk")
        page = Paginator(events, EVENTS_PER_PAGE).get_page(self.request.GET.get("seite"))
        page.object_list = _with_availability(page.object_list, timezone.now())
        return super().get_context_data(page=page, events=page.object_list, **context, **kwargs)


# --- one event -------------------------------------------------------------------------------


class EventDetailView(TemplateView):
    """An event with everything a visitor needs: when, where, access, places, and its documentation."""

    template_name = "events/event_detail.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        event = selectors.event_get(pk=self.kwargs["pk"], fetched_by=user)
        photos, files = selectors.documentation(event=event, fetched_by=user)
        return super().get_context_data(
            event=event,
            availability=availability(event, now=timezone.now()),
            accessibility=accessibility_sentences(event),
            photos=photos,
            files=files,
            can_manage=user.has_perm("events.view_registrations", event),
            can_change=user.has_perm("events.change_event", event),
            can_document=user.has_perm("events.document_event", event),
            **kwargs,
        )


def _limited(request, *, increment: bool) -> bool:
    return rate_limited(
        request, group="events.registration", rate=settings.EVENTS_REGISTRATION_RATE, increment=increment
    )


class RegisterView(InvalidFormStatusMixin, TemplateView):
    """ "Anmelden": the form the event asks for, without an account."""

    template_name = "events/register.html"

    def dispatch(self, request, *args, **kwargs):
        self.event = selectors.event_get(pk=kwargs["pk"], fetched_by=request.user)
        self.availability = availability(self.event, now=timezone.now())
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(event=self.event, availability=self.availability, **kwargs)

    def make_form(self, data=None) -> RegistrationForm:
        return RegistrationForm(data, event=self.event, questions=self.event.questions.all())

    def get(self, request, *args, **kwargs):
        form = self.make_form() if self.availability.can_register else None
        return self.render_to_response(self.get_context_data(form=form))

    def refuse(self, form, message: str, status: int):
        response = self.render_to_response(self.get_context_data(form=form, refusal=message))
        response.status_code = status
        return response

    def post(self, request, *args, **kwargs):
        form = self.make_form(request.POST)
        if form.is_spam:
            return self.refuse(
                form,
                _("Ihre Anmeldung wurde nicht gesendet, weil das Feld „Bitte leer lassen“ ausgefüllt war."),
                400,
            )
        if _limited(request, increment=False):
            return self.refuse(
                form,
                _(
                    "Von Ihrer Adresse sind in letzter Zeit schon viele Anmeldungen gekommen. "
                    "Bitte versuchen Sie es in einer Stunde noch einmal oder schreiben Sie uns eine E-Mail."
                ),
                429,
            )
        if form.is_valid():
            try:
                registration = actions.registration_register(event=self.event, data=form.to_input())
            except ValidationError as error:
                add_errors(form, error)
            else:
                _limited(request, increment=True)
                request.session[REGISTERED_SESSION_KEY] = {"event": self.event.pk, "registration": registration.pk}
                return redirect("events:registered", pk=self.event.pk)
        else:
            # Say as well that the window is shut, so nobody corrects a form that cannot go through.
            try:
                actions.check_registration_window(self.event, now=timezone.now())
            except ValidationError as error:
                add_errors(form, error)
        return self.form_invalid(form)


class RegisteredView(TemplateView):
    """Once, in the browser that registered: a place is confirmed, or the place on the waitlist."""

    template_name = "events/registered.html"

    def get(self, request, *args, **kwargs):
        sent = request.session.pop(REGISTERED_SESSION_KEY, None)
        if not sent or sent.get("event") != kwargs["pk"]:
            return redirect("events:event_detail", pk=kwargs["pk"])
        event = selectors.event_get(pk=kwargs["pk"], fetched_by=request.user)
        registration = get_object_or_404(event.registrations.all(), pk=sent["registration"])
        position = waitlist_position(registration) if registration.status == RegistrationStatus.WAITLISTED else None
        response = self.render_to_response(
            self.get_context_data(event=event, registration=registration, position=position)
        )
        # Personal, but without a secret in its address: kept out of caches and search engines only.
        response["Cache-Control"] = "private, no-store"
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response


class RegistrationView(TemplateView):
    """The page behind the link in the mails: the registration, its state, and a way to cancel it."""

    template_name = "events/registration.html"

    def dispatch(self, request, *args, **kwargs):
        registration = registration_for_token(kwargs["token"])
        if registration is None or registration.anonymised_at is not None:
            raise Http404
        self.registration = registration
        return keep_private(super().dispatch(request, *args, **kwargs))

    def get_context_data(self, **kwargs):
        registration = self.registration
        event = registration.event
        active = registration.status != RegistrationStatus.CANCELLED
        return super().get_context_data(
            registration=registration,
            event=event,
            token=self.kwargs["token"],
            answers=list(registration.answers.select_related("question").order_by("question__position", "pk")),
            position=waitlist_position(registration) if registration.status == RegistrationStatus.WAITLISTED else None,
            can_cancel=active and event.end > timezone.now(),
            # Link the event's page only where this browser may open it (a members' event needs a login).
            event_visible=Event.objects.visible_to(self.request.user).filter(pk=event.pk).exists(),
            **kwargs,
        )

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(confirm="abmelden" in request.GET))

    def post(self, request, *args, **kwargs):
        if request.POST.get("confirm") != "ja":
            return self.render_to_response(self.get_context_data(confirm=True))
        try:
            actions.registration_cancel(registration=self.registration)
        except ValidationError as error:
            response = self.render_to_response(self.get_context_data(action_errors=error.messages))
            response.status_code = 422
            return response
        messages.success(request, _("Sie sind abgemeldet. Wir haben Ihnen eine Bestätigung per E-Mail geschickt."))
        return redirect("events:registration", token=kwargs["token"])


# --- calendar files --------------------------------------------------------------------------


def feed(request):
    """All public events of the last year and the future, for calendar apps; the same for whoever fetches it.

    Building the file costs about a millisecond per event, and calendar apps
    poll it; so it is kept in the cache until an event or a format changes
    (``selectors.feed_stamp``), the day turns, or an hour has passed.
    """
    public = AnonymousUser()
    since = timezone.now() - FEED_REACHES_BACK
    stamp = selectors.feed_stamp(fetched_by=public, start=since)
    key = (
        "events:feed:"
        + hashlib.sha256(
            f"{translation.get_language()}|{request.get_host()}|{timezone.localdate()}|{stamp}".encode()
        ).hexdigest()
    )
    content = cache.get(key)
    if content is None:
        events = selectors.calendar_events(fetched_by=public, start=since)
        content = ical.feed_calendar(
            events,
            name=_("Veranstaltungen – %(site)s") % {"site": settings.SITE_NAME},
            link_for=lambda event: request.build_absolute_uri(event.get_absolute_url()),
        )
        cache.set(key, content, FEED_CACHE_SECONDS)
    return _calendar_response(content, public=True)


def event_ics(request, pk):
    """One event as a calendar file, if the reader may see it."""
    event = get_visible_or_404(Event.objects.select_related("event_format"), request.user, pk=pk)
    content = ical.event_calendar(event, method=ical.PUBLISH, link=request.build_absolute_uri(event.get_absolute_url()))
    return _calendar_response(content, filename=f"veranstaltung-{event.pk}.ics")


def registration_ics(request, token):
    """The registrant's own calendar entry, with the private link; only while they hold a place."""
    registration = registration_for_token(token)
    if registration is None or registration.anonymised_at is not None:
        raise Http404
    if registration.status != RegistrationStatus.CONFIRMED:
        raise Http404
    event = registration.event
    private_url = request.build_absolute_uri(reverse("events:registration", kwargs={"token": token}))
    content = ical.event_calendar(
        event,
        method=ical.PUBLISH,
        link=request.build_absolute_uri(event.get_absolute_url()),
        note=ical.registration_note(private_url=private_url),
    )
    return keep_private(_calendar_response(content, filename=f"veranstaltung-{event.pk}.ics"))


# --- documentation ---------------------------------------------------------------------------


def photo(request, pk, photo):
    """A photo of the documentation, shown in the page; its type was checked by content on upload."""
    item = selectors.documentation_item(model=EventPhoto, event_pk=pk, item_pk=photo, fetched_by=request.user)
    try:
        stored = item.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(stored, content_type=item.content_type, filename=item.file_name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    patch_cache_control(response, private=True, max_age=3600)
    return response


def file_download(request, pk, file):
    """A file of the documentation, always as a download."""
    item = selectors.documentation_item(model=EventFile, event_pk=pk, item_pk=file, fetched_by=request.user)
    try:
        return attachment_response(item.file, file_name=item.file_name, content_type=item.content_type)
    except FileNotFoundError:
        raise Http404 from None
