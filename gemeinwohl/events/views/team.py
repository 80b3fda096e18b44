"""The team's side: planning, registrations, the door, documentation, formats.

Every page needs a login and one of the team's permissions (``events/rules.py``);
a page about one event first loads it for the reader through
``selectors.event_get``, so a hidden event answers 404 before any permission
is asked. Registrants' details appear on these pages only.
"""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View
from django.views.generic import TemplateView
from rules.contrib.views import PermissionRequiredMixin

from gemeinwohl.committees import pdf
from gemeinwohl.core.forms import add_errors
from gemeinwohl.core.spreadsheets import csv_response, xlsx_response
from gemeinwohl.core.views import InvalidFormStatusMixin
from gemeinwohl.events import actions, exports, selectors, team_forms
from gemeinwohl.events.models import Event, EventFormat, RegistrationStatus

PAST_PER_PAGE = 30
EXPORTERS = {"csv": csv_response, "xlsx": xlsx_response}


def _is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


def _auto_id(name: str) -> str:
    """Each form on a page gets ids of its own, so that every label points at its own field."""
    return f"{name}_%s"


class TeamMixin(LoginRequiredMixin, PermissionRequiredMixin):
    """Logged in (else the login page) and holding ``permission_required`` (else 403)."""

    permission_required = "events.view_registrations"


class EventTeamMixin(TeamMixin):
    """A team page about the event of the URL: 404 when the reader may not see it, 403 without the permission."""

    @cached_property
    def event(self) -> Event:
        return selectors.event_get(pk=self.kwargs["pk"], fetched_by=self.request.user)

    def get_permission_object(self):
        return self.event

    def get_context_data(self, **kwargs):
        return super().get_context_data(event=self.event, **kwargs)


# --- planning --------------------------------------------------------------------------------


class ManageListView(TeamMixin, TemplateView):
    template_name = "events/manage/event_list.html"

    def get_context_data(self, **kwargs):
        now = timezone.now()
        events = selectors.planning_events(fetched_by=self.request.user)
        past = Paginator(events.past(now).order_by("-start", "-pk"), PAST_PER_PAGE).get_page(
            self.request.GET.get("seite")
        )
        return super().get_context_data(
            upcoming=list(events.upcoming(now).order_by("start", "pk")),
            past=past,
            **kwargs,
        )


class EventEditView(TeamMixin, InvalidFormStatusMixin, TemplateView):
    """Plan an event or change one: the event's fields in fieldsets and its free questions below."""

    template_name = "events/manage/event_form.html"
    permission_required = "events.add_event"

    def get_event(self) -> Event | None:
        return None

    def get_context_data(self, *, form, formset, **kwargs):
        kwargs.setdefault("event", self.get_event())
        formset_errors = [*formset.non_form_errors(), *getattr(formset, "action_errors", [])]
        for number, question_form in enumerate(formset.forms, start=1):
            for field in question_form:
                for error in field.errors:
                    formset_errors.append(
                        _("Frage %(number)s, %(field)s: %(error)s")
                        % {"number": number, "field": field.label, "error": error}
                    )
        return super().get_context_data(form=form, formset=formset, formset_errors=formset_errors, **kwargs)

    def get(self, request, *args, **kwargs):
        event = self.get_event()
        form = team_forms.EventForm(user=request.user, event=event)
        formset = team_forms.QuestionFormSet(prefix="questions", event=event)
        return self.render_to_response(self.get_context_data(form=form, formset=formset))

    def post(self, request, *args, **kwargs):
        event = self.get_event()
        form = team_forms.EventForm(request.POST, user=request.user, event=event)
        formset = team_forms.QuestionFormSet(request.POST, prefix="questions", event=event)
        if form.is_valid() and formset.is_valid():
            data = form.to_input(formset.to_inputs())
            try:
                if event is None:
                    event = actions.event_create(data=data, by=request.user)
                else:
                    event = actions.event_update(event=event, data=data, by=request.user)
            except ValidationError as error:
                team_forms.put_event_errors(form, formset, error)
            else:
                messages.success(request, _("„%(title)s“ wurde gespeichert.") % {"title": event.title})
                return redirect("events:registrations", pk=event.pk)
        return self.form_invalid(form, formset=formset)


class EventCreateView(EventEditView):
    pass


class EventUpdateView(EventTeamMixin, EventEditView):
    permission_required = "events.change_event"

    def get_event(self):
        return self.event


class EventCancelView(EventTeamMixin, TemplateView):
    """Ask before calling an event off; the POST does it."""

    permission_required = "events.change_event"
    template_name = "events/manage/event_cancel.html"

    def post(self, request, *args, **kwargs):
        try:
            actions.event_cancel(event=self.event, by=request.user)
        except ValidationError as error:
            return self.render_to_response(self.get_context_data(action_errors=error.messages), status=422)
        messages.success(
            request,
            _("„%(title)s“ ist abgesagt. Alle Angemeldeten und Wartenden erhalten eine Nachricht.")
            % {"title": self.event.title},
        )
        return redirect("events:manage")


# --- registrations ---------------------------------------------------------------------------


def _registrations_with_answers(event: Event, user, statuses=None) -> list:
    questions = list(event.questions.all())  # prefetched by event_get
    registrations = selectors.registration_list(event=event, fetched_by=user, statuses=statuses)
    return exports.attach_answers(registrations, questions)


class RegistrationListView(EventTeamMixin, TemplateView):
    template_name = "events/manage/registrations.html"

    def get_context_data(self, **kwargs):
        registrations = _registrations_with_answers(self.event, self.request.user)
        by_status = {status: [] for status in RegistrationStatus.values}
        for registration in registrations:
            by_status[registration.status].append(registration)
        return super().get_context_data(
            questions=list(self.event.questions.all()),
            confirmed=by_status[RegistrationStatus.CONFIRMED],
            waitlisted=by_status[RegistrationStatus.WAITLISTED],
            cancelled=by_status[RegistrationStatus.CANCELLED],
            can_change=self.request.user.has_perm("events.change_registration", self.event),
            **kwargs,
        )


class RegistrationCancelView(RegistrationListView):
    """The team cancels one registration; a freed place goes to the waitlist."""

    http_method_names = ["post"]
    permission_required = "events.change_registration"

    def post(self, request, *args, **kwargs):
        registration = get_object_or_404(self.event.registrations, pk=kwargs["registration"])
        try:
            actions.registration_cancel(registration=registration, by=request.user)
        except ValidationError as error:
            return self.render_to_response(self.get_context_data(action_errors=error.messages), status=422)
        messages.success(request, _("%(name)s ist abgemeldet.") % {"name": registration.name})
        return redirect("events:registrations", pk=self.event.pk)


class RegistrationExportView(EventTeamMixin, View):
    http_method_names = ["get", "head"]

    def get(self, request, *args, file_format, **kwargs):
        export = EXPORTERS.get(file_format)
        if export is None:
            raise Http404
        questions = list(self.event.questions.all())
        registrations = _registrations_with_answers(self.event, request.user)
        sheet = exports.registration_sheet(self.event, registrations, questions)
        response = export(exports.export_filename(self.event), [sheet])
        response["Cache-Control"] = "private, no-store"
        return response


registrations_export = RegistrationExportView.as_view()


class CheckInPdfView(EventTeamMixin, View):
    """The list to print for the door: everyone with a place, by name, a box to tick."""

    http_method_names = ["get", "head"]

    def get(self, request, *args, **kwargs):
        confirmed = selectors.registration_list(
            event=self.event, fetched_by=request.user, statuses=[RegistrationStatus.CONFIRMED]
        )
        people = sorted(confirmed, key=lambda registration: registration.name.casefold())
        content = pdf.render_pdf("events/pdf/check_in.html", {"event": self.event, "people": people})
        day = timezone.localtime(self.event.start).date().isoformat()
        response = HttpResponse(content, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="einlass-{self.event.pk}-{day}.pdf"'
        response["X-Content-Type-Options"] = "nosniff"
        response["Cache-Control"] = "private, no-store"
        return response


check_in_pdf = CheckInPdfView.as_view()


# --- at the door -----------------------------------------------------------------------------


def attendance_counts(event: Event) -> dict:
    return event.registrations.confirmed().aggregate(
        expected=Count("pk"),
        present=Count("pk", filter=Q(attended=True)),
        absent=Count("pk", filter=Q(attended=False)),
        walk_ins=Count("pk", filter=Q(walk_in=True)),
    )


class CheckInView(EventTeamMixin, TemplateView):
    """The door: everyone with a place, a button each to mark them present or not."""

    template_name = "events/manage/check_in.html"
    permission_required = "events.change_registration"

    def get_context_data(self, *, walk_in_form=None, **kwargs):
        query = self.request.GET.get("name", "").strip()[:100]
        people = selectors.registration_list(
            event=self.event, fetched_by=self.request.user, statuses=[RegistrationStatus.CONFIRMED]
        )
        if query:
            people = people.filter(name__icontains=query)
        return super().get_context_data(
            people=sorted(people, key=lambda registration: registration.name.casefold()),
            query=query,
            counts=attendance_counts(self.event),
            can_record=timezone.localdate() >= timezone.localdate(self.event.start),
            walk_in_form=walk_in_form or team_forms.WalkInForm(auto_id=_auto_id("walk_in")),
            **kwargs,
        )

    def failed(self, **context):
        return self.render_to_response(self.get_context_data(**context), status=422)


class AttendanceView(CheckInView):
    """Mark one person: the updated row for HTMX, else back to the door's page."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        registration = get_object_or_404(self.event.registrations, pk=kwargs["registration"])
        form = team_forms.AttendanceForm(request.POST)
        error_messages = []
        if not form.is_valid():
            error_messages = [_("Bitte wählen Sie anwesend, nicht da oder offen.")]
        else:
            try:
                registration = actions.attendance_record(
                    registration=registration, attended=form.cleaned_data["attended"], by=request.user
                )
            except ValidationError as error:
                error_messages = error.messages
        if _is_htmx(request):
            html = render_to_string(
                "events/manage/_attendance_update.html",
                {
                    "event": self.event,
                    "person": registration,
                    "row_errors": error_messages,
                    "counts": attendance_counts(self.event),
                    "can_record": True,
                },
                request=request,
            )
            return HttpResponse(html, status=422 if error_messages else 200)
        if error_messages:
            return self.failed(action_errors=error_messages)
        return redirect(reverse("events:check_in", kwargs={"pk": self.event.pk}) + f"#person-{registration.pk}")


class AttendanceCloseView(CheckInView):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        try:
            absent = actions.attendance_close(event=self.event, by=request.user)
        except ValidationError as error:
            return self.failed(action_errors=error.messages)
        messages.success(
            request,
            ngettext(
                "Die Anwesenheit ist abgeschlossen; %(count)s Person gilt als nicht erschienen.",
                "Die Anwesenheit ist abgeschlossen; %(count)s Personen gelten als nicht erschienen.",
                absent,
            )
            % {"count": absent},
        )
        return redirect("events:check_in", pk=self.event.pk)


class WalkInView(CheckInView):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        form = team_forms.WalkInForm(request.POST, auto_id=_auto_id("walk_in"))
        if form.is_valid():
            try:
                person = actions.walk_in_add(event=self.event, data=form.to_input(), by=request.user)
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, _("%(name)s ist als anwesend eingetragen.") % {"name": person.name})
                return redirect("events:check_in", pk=self.event.pk)
        return self.failed(walk_in_form=form)


# --- documentation ---------------------------------------------------------------------------


class DocumentationView(EventTeamMixin, TemplateView):
    template_name = "events/manage/documentation.html"
    permission_required = "events.document_event"

    def get_context_data(self, *, failed=None, failed_name="", **kwargs):
        user = self.request.user
        photos, files = selectors.documentation(event=self.event, fetched_by=user)
        forms = {
            "report": team_forms.ReportForm(initial={"report": self.event.report}, auto_id=_auto_id("report")),
            "photo": team_forms.PhotoForm(user=user, event=self.event, auto_id=_auto_id("photo")),
            "file": team_forms.FileForm(user=user, event=self.event, auto_id=_auto_id("file")),
        }
        if failed is not None:
            forms[failed_name] = failed
        return super().get_context_data(photos=photos, files=files, forms=forms, failed_name=failed_name, **kwargs)

    def failed(self, form, name):
        return self.render_to_response(self.get_context_data(failed=form, failed_name=name), status=422)

    def post(self, request, *args, **kwargs):
        form = team_forms.ReportForm(request.POST, auto_id=_auto_id("report"))
        if not form.is_valid():
            return self.failed(form, "report")
        actions.report_save(event=self.event, report=form.cleaned_data["report"], by=request.user)
        messages.success(request, _("Der Bericht wurde gespeichert."))
        return redirect("events:documentation", pk=self.event.pk)


class PhotoAddView(DocumentationView):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        form = team_forms.PhotoForm(
            request.POST, request.FILES, user=request.user, event=self.event, auto_id=_auto_id("photo")
        )
        if form.is_valid():
            data = form.cleaned_data
            try:
                actions.photo_add(
                    event=self.event,
                    upload=data["file"],
                    alt_text=data["alt_text"],
                    caption=data["caption"],
                    credit=data["credit"],
                    visibility=data["visibility"],
                    by=request.user,
                )
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, _("Das Foto wurde hinzugefügt."))
                return redirect(reverse("events:documentation", kwargs={"pk": self.event.pk}) + "#fotos")
        return self.failed(form, "photo")


class FileAddView(DocumentationView):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        form = team_forms.FileForm(
            request.POST, request.FILES, user=request.user, event=self.event, auto_id=_auto_id("file")
        )
        if form.is_valid():
            data = form.cleaned_data
            try:
                actions.file_add(
                    event=self.event,
                    upload=data["file"],
                    title=data["title"],
                    visibility=data["visibility"],
                    by=request.user,
                )
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, _("Die Datei wurde hinzugefügt."))
                return redirect(reverse("events:documentation", kwargs={"pk": self.event.pk}) + "#dateien")
        return self.failed(form, "file")


class DocumentationRemoveView(DocumentationView):
    """Take one photo or file out; only one the reader can see on the page."""

    http_method_names = ["post"]
    url_kwarg = ""
    success_message = ""

    def find(self, photos, files):
        raise NotImplementedError

    def post(self, request, *args, **kwargs):
        photos, files = selectors.documentation(event=self.event, fetched_by=request.user)
        wanted = kwargs[self.url_kwarg]
        item = next((item for item in self.find(photos, files) if item.pk == wanted), None)
        if item is None:
            raise Http404
        actions.documentation_remove(item=item, by=request.user)
        messages.success(request, self.success_message)
        return redirect("events:documentation", pk=self.event.pk)


class PhotoRemoveView(DocumentationRemoveView):
    url_kwarg = "photo"
    success_message = _("Das Foto wurde entfernt.")

    def find(self, photos, files):
        return photos


class FileRemoveView(DocumentationRemoveView):
    url_kwarg = "file"
    success_message = _("Die Datei wurde entfernt.")

    def find(self, photos, files):
        return files


# --- formats ---------------------------------------------------------------------------------


class FormatListView(TeamMixin, InvalidFormStatusMixin, TemplateView):
    template_name = "events/manage/formats.html"
    permission_required = "events.manage_formats"

    def get_context_data(self, **kwargs):
        kwargs.setdefault("form", team_forms.FormatForm())
        formats = EventFormat.objects.annotate(event_count=Count("events")).order_by("-is_active", "name")
        return super().get_context_data(formats=formats, **kwargs)

    def post(self, request, *args, **kwargs):
        form = team_forms.FormatForm(request.POST)
        if form.is_valid():
            try:
                event_format = actions.format_save(by=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, _("Das Format „%(name)s“ wurde angelegt.") % {"name": event_format.name})
                return redirect("events:formats")
        return self.form_invalid(form)


class FormatUpdateView(TeamMixin, InvalidFormStatusMixin, TemplateView):
    template_name = "events/manage/format_form.html"
    permission_required = "events.manage_formats"

    @cached_property
    def event_format(self) -> EventFormat:
        return get_object_or_404(EventFormat, pk=self.kwargs["format_pk"])

    def get_context_data(self, **kwargs):
        return super().get_context_data(event_format=self.event_format, **kwargs)

    def get(self, request, *args, **kwargs):
        event_format = self.event_format
        form = team_forms.FormatUpdateForm(
            initial={
                "name": event_format.name,
                "name_en": event_format.name_en,
                "description": event_format.description,
                "is_active": event_format.is_active,
            }
        )
        return self.render_to_response(self.get_context_data(form=form))

    def post(self, request, *args, **kwargs):
        form = team_forms.FormatUpdateForm(request.POST)
        if form.is_valid():
            try:
                # A copy, so that a refused name does not show up in the heading as if saved.
                saved = actions.format_save(
                    event_format=EventFormat.objects.get(pk=self.event_format.pk), by=request.user, **form.cleaned_data
                )
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, _("Das Format „%(name)s“ wurde gespeichert.") % {"name": saved.name})
                return redirect("events:formats")
        return self.form_invalid(form)
