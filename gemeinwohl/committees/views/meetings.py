"""A meeting and what the team does with it: agenda, documents, invitations, attendance, decisions, tasks."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View
from django.views.generic import TemplateView

from gemeinwohl.committees import actions, selectors
from gemeinwohl.committees.forms import (
    AgendaItemForm,
    AttendanceForm,
    DecisionForm,
    DocumentForm,
    MeetingForm,
    TaskForm,
)
from gemeinwohl.committees.models import Attendance, Document, Meeting, Membership, Task
from gemeinwohl.core.access import get_visible_or_404
from gemeinwohl.core.forms import add_errors
from gemeinwohl.core.uploads import attachment_response
from gemeinwohl.core.views import InvalidFormStatusMixin


class MeetingMixin:
    """Loads the meeting of the URL for the reader (404 when hidden) and checks ``permission`` on it."""

    permission: str | None = None

    def dispatch(self, request, *args, **kwargs):
        if self.permission and not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return super().dispatch(request, *args, **kwargs)

    def load_meeting(self) -> Meeting:
        meeting = get_visible_or_404(
            Meeting.objects.select_related("committee"), self.request.user, pk=self.kwargs["pk"]
        )
        if self.permission and not self.request.user.has_perm(self.permission, meeting):
            raise PermissionDenied
        return meeting


class MeetingDetailView(MeetingMixin, TemplateView):
    template_name = "committees/meeting_detail.html"

    def get_context_data(self, **kwargs):
        meeting = selectors.meeting_get(pk=self.kwargs["pk"], fetched_by=self.request.user)
        return super().get_context_data(meeting=meeting, committee=meeting.committee, **kwargs)


def render_meeting_with_error(request, pk, error: ValidationError):
    """The meeting page again, saying why a button's action was refused (422, nothing changed)."""
    view = MeetingDetailView()
    view.setup(request, pk=pk)
    return view.render_to_response(view.get_context_data(action_errors=error.messages), status=422)


class MeetingEditView(LoginRequiredMixin, InvalidFormStatusMixin, TemplateView):
    """Plan a meeting (from the committee) or change one."""

    template_name = "committees/meeting_form.html"

    def load(self):
        user = self.request.user
        if "slug" in self.kwargs:
            committee = selectors.committee_get(slug=self.kwargs["slug"], fetched_by=user)
            if not user.has_perm("committees.add_meeting", committee):
                raise PermissionDenied
            return committee, None
        meeting = get_visible_or_404(Meeting.objects.select_related("committee"), user, pk=self.kwargs["pk"])
        if not user.has_perm("committees.change_meeting", meeting):
            raise PermissionDenied
        return meeting.committee, meeting

    def get(self, request, *args, **kwargs):
        committee, meeting = self.load()
        form = MeetingForm(user=request.user, committee=committee, meeting=meeting)
        return self.render_to_response(self.get_context_data(form=form, committee=committee, meeting=meeting))

    def post(self, request, *args, **kwargs):
        committee, meeting = self.load()
        form = MeetingForm(request.POST, user=request.user, committee=committee, meeting=meeting)
        if form.is_valid():
            try:
                if meeting is None:
                    meeting = actions.meeting_schedule(committee=committee, data=form.to_input(), by=request.user)
                else:
                    meeting = actions.meeting_update(meeting=meeting, data=form.to_input(), by=request.user)
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, _("Die Sitzung wurde gespeichert."))
                return redirect(meeting)
        return self.form_invalid(form, committee=committee, meeting=meeting)


class MeetingButtonView(LoginRequiredMixin, MeetingMixin, View):
    """A POST-only button on the meeting page that calls one action."""

    http_method_names = ["post"]
    success_message = ""

    def act(self, meeting):
        raise NotImplementedError

    def post(self, request, pk, **kwargs):
        meeting = self.load_meeting()
        try:
            self.act(meeting)
        except ValidationError as error:
            return render_meeting_with_error(request, pk, error)
        messages.success(request, self.success_message)
        return redirect(meeting)


class MeetingCancelView(MeetingButtonView):
    permission = "committees.cancel_meeting"
    success_message = _("Die Sitzung ist abgesagt. Eingeladene erhalten eine Absage für ihren Kalender.")

    def act(self, meeting):
        actions.meeting_cancel(meeting=meeting, by=self.request.user)


class MeetingHeldView(MeetingButtonView):
    permission = "committees.change_meeting"
    success_message = _("Die Sitzung ist als durchgeführt vermerkt.")

    def act(self, meeting):
        actions.meeting_mark_held(meeting=meeting, by=self.request.user)


class MeetingInviteView(MeetingButtonView):
    permission = "committees.invite_meeting"

    def act(self, meeting):
        invitations = actions.invitations_send(meeting=meeting, by=self.request.user)
        self.success_message = ngettext(
            "Die Einladung an %(count)s Mitglied ist unterwegs.",
            "Einladungen an %(count)s Mitglieder sind unterwegs.",
            len(invitations),
        ) % {"count": len(invitations)}
        left_out = selectors.members_not_invited(meeting=meeting, fetched_by=self.request.user)
        if left_out:
            self.success_message += " " + _(
                "Nicht eingeladen, weil ohne E-Mail-Adresse oder ohne Zugang zu dieser Sitzung: %(names)s."
            ) % {"names": ", ".join(person.full_name for person in left_out)}


class AgendaItemEditView(LoginRequiredMixin, MeetingMixin, InvalidFormStatusMixin, TemplateView):
    permission = "committees.change_agenda"
    template_name = "committees/agenda_item_form.html"

    def load(self):
        meeting = self.load_meeting()
        item = None
        if "item" in self.kwargs:
            item = selectors.agenda_item_get(meeting=meeting, pk=self.kwargs["item"], fetched_by=self.request.user)
        return meeting, item

    def get(self, request, *args, **kwargs):
        meeting, item = self.load()
        form = AgendaItemForm(user=request.user, meeting=meeting, item=item)
        return self.render_to_response(self.get_context_data(form=form, meeting=meeting, item=item))

    def post(self, request, *args, **kwargs):
        meeting, item = self.load()
        form = AgendaItemForm(request.POST, user=request.user, meeting=meeting, item=item)
        if form.is_valid():
            try:
                if item is None:
                    actions.agenda_item_add(meeting=meeting, data=form.to_input(), by=request.user)
                else:
                    actions.agenda_item_update(item=item, data=form.to_input(), by=request.user)
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, _("Der Tagesordnungspunkt wurde gespeichert."))
                if "weiter" in request.POST:
                    return redirect("committees:agenda_item_create", pk=meeting.pk)
                return redirect(meeting.get_absolute_url() + "#tagesordnung")
        return self.form_invalid(form, meeting=meeting, item=item)


class AgendaItemMoveView(MeetingButtonView):
    permission = "committees.change_agenda"
    success_message = _("Die Reihenfolge wurde geändert.")

    def act(self, meeting):
        item = selectors.agenda_item_get(meeting=meeting, pk=self.kwargs["item"], fetched_by=self.request.user)
        actions.agenda_item_move(item=item, by=self.request.user, up=self.request.POST.get("richtung") == "hoch")


class AgendaItemRemoveView(MeetingButtonView):
    permission = "committees.change_agenda"
    success_message = _("Der Punkt wurde von der Tagesordnung genommen.")

    def act(self, meeting):
        item = selectors.agenda_item_get(meeting=meeting, pk=self.kwargs["item"], fetched_by=self.request.user)
        actions.agenda_item_remove(item=item, by=self.request.user)


class DocumentUploadView(LoginRequiredMixin, MeetingMixin, InvalidFormStatusMixin, TemplateView):
    permission = "committees.add_document"
    template_name = "committees/document_form.html"

    def get(self, request, *args, **kwargs):
        meeting = self.load_meeting()
        initial = {"agenda_item": request.GET.get("top")} if request.GET.get("top", "").isdigit() else {}
        form = DocumentForm(user=request.user, meeting=meeting, initial=initial)
        return self.render_to_response(self.get_context_data(form=form, meeting=meeting))

    def post(self, request, *args, **kwargs):
        meeting = self.load_meeting()
        form = DocumentForm(request.POST, request.FILES, user=request.user, meeting=meeting)
        if form.is_valid():
            data = form.cleaned_data
            try:
                document = actions.document_attach(
                    meeting=meeting,
                    agenda_item=data["agenda_item"],
                    upload=data["file"],
                    title=data["title"],
                    visibility=data["visibility"],
                    by=request.user,
                )
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, _("„%(title)s“ wurde angehängt.") % {"title": document.title})
                return redirect(meeting.get_absolute_url() + "#dokumente")
        status = 413 if any(e.code == "too_large" for e in form.errors.get("file", []).as_data()) else 422
        response = self.form_invalid(form, meeting=meeting)
        response.status_code = status
        return response


class DocumentDownloadView(View):
    """Hands out a document to readers who may see it, always as a download."""

    def get(self, request, pk):
        document = get_visible_or_404(Document.objects.all(), request.user, pk=pk)
        return attachment_response(document.file, file_name=document.file_name, content_type=document.content_type)


class AttendanceView(LoginRequiredMixin, MeetingMixin, InvalidFormStatusMixin, TemplateView):
    permission = "committees.record_attendance"
    template_name = "committees/attendance.html"

    def build(self, meeting, data=None):
        members = Membership.objects.filter(committee=meeting.committee).current(meeting.start.date())
        recorded = Attendance.objects.filter(meeting=meeting)
        people = {m.person for m in members.select_related("person")} | {
            a.person for a in recorded.select_related("person")
        }
        people = sorted(people, key=lambda p: (p.family_name, p.given_name))
        current = dict(recorded.values_list("person_id", "status"))
        return AttendanceForm(data, people=people, current=current)

    def get(self, request, *args, **kwargs):
        meeting = self.load_meeting()
        return self.render_to_response(self.get_context_data(form=self.build(meeting), meeting=meeting))

    def post(self, request, *args, **kwargs):
        meeting = self.load_meeting()
        form = self.build(meeting, request.POST)
        if form.is_valid():
            try:
                actions.attendance_record(meeting=meeting, statuses=form.statuses(), by=request.user)
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, _("Die Anwesenheit wurde gespeichert."))
                return redirect(meeting.get_absolute_url() + "#anwesenheit")
        return self.form_invalid(form, meeting=meeting)


class DecisionCreateView(LoginRequiredMixin, MeetingMixin, InvalidFormStatusMixin, TemplateView):
    permission = "committees.add_decision"
    template_name = "committees/decision_form.html"

    def get(self, request, *args, **kwargs):
        meeting = self.load_meeting()
        initial = {"agenda_item": request.GET.get("top")} if request.GET.get("top", "").isdigit() else {}
        form = DecisionForm(user=request.user, meeting=meeting, initial=initial)
        return self.render_to_response(self.get_context_data(form=form, meeting=meeting))

    def post(self, request, *args, **kwargs):
        meeting = self.load_meeting()
        form = DecisionForm(request.POST, user=request.user, meeting=meeting)
        if form.is_valid():
            try:
                decision = actions.decision_record(
                    item=form.cleaned_data["agenda_item"], data=form.to_input(), by=request.user
                )
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, _("Beschluss %(number)s wurde erfasst.") % {"number": decision.number})
                return redirect(meeting.get_absolute_url() + f"#top-{decision.agenda_item_id}")
        return self.form_invalid(form, meeting=meeting)


class TaskCreateView(LoginRequiredMixin, MeetingMixin, InvalidFormStatusMixin, TemplateView):
    permission = "committees.add_task"
    template_name = "committees/task_form.html"

    def get(self, request, *args, **kwargs):
        meeting = self.load_meeting()
        initial = {"agenda_item": request.GET.get("top")} if request.GET.get("top", "").isdigit() else {}
        form = TaskForm(user=request.user, meeting=meeting, initial=initial)
        return self.render_to_response(self.get_context_data(form=form, meeting=meeting))

    def post(self, request, *args, **kwargs):
        meeting = self.load_meeting()
        form = TaskForm(request.POST, user=request.user, meeting=meeting)
        if form.is_valid():
            try:
                actions.task_create(committee=meeting.committee, data=form.to_input(), by=request.user)
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, _("Die Aufgabe wurde notiert."))
                return redirect(meeting.get_absolute_url() + "#aufgaben")
        return self.form_invalid(form, meeting=meeting)


class TaskStatusView(LoginRequiredMixin, View):
    """Move a task on; the team or its assignee. Returns to where the button was."""

    http_method_names = ["post"]

    def post(self, request, pk):
        task = get_visible_or_404(Task.objects.select_related("assignee", "committee"), request.user, pk=pk)
        if not request.user.has_perm("committees.change_task", task):
            raise PermissionDenied
        try:
            actions.task_set_status(task=task, status=request.POST.get("status", ""), by=request.user)
        except ValidationError as error:
            return HttpResponse(" ".join(error.messages), status=400, content_type="text/plain; charset=utf-8")
        messages.success(
            request, _("„%(task)s“: %(status)s.") % {"task": task.title, "status": task.get_status_display()}
        )
        return redirect(_safe_next(request) or "core:dashboard")


def _safe_next(request) -> str | None:
    from django.utils.http import url_has_allowed_host_and_scheme

    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return None
