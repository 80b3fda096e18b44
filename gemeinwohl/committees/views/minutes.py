"""Writing, approving and correcting minutes; two editors never silently overwrite each other."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from gemeinwohl.committees import actions, selectors
from gemeinwohl.committees.forms import CorrectionForm, MinutesEntryForm
from gemeinwohl.committees.models import Minutes, MinutesEntry, MinutesRevision
from gemeinwohl.committees.views.meetings import MeetingButtonView, MeetingMixin
from gemeinwohl.core.views import InvalidFormStatusMixin


def _rebased(conflict, *, prefix: str) -> MinutesEntryForm:
    return MinutesEntryForm(initial={"text": conflict.mine, "base_version": conflict.entry.version}, prefix=prefix)


def _entry_of(item) -> MinutesEntry | None:
    return getattr(item, "minutes_text_entry", None)


class MinutesEditView(LoginRequiredMixin, MeetingMixin, InvalidFormStatusMixin, TemplateView):
    """All visible points of the meeting, each with its own form and version."""

    permission = "committees.edit_minutes"
    template_name = "committees/minutes_edit.html"

    def forms_for(self, meeting, bound_item=None, data=None):
        forms = []
        for item in meeting.items:
            entry = _entry_of(item)
            initial = {"text": entry.text if entry else "", "base_version": entry.version if entry else 0}
            bound = data if bound_item is not None and item.pk == bound_item.pk else None
            forms.append((item, MinutesEntryForm(bound, initial=initial, prefix=f"top-{item.pk}")))
        return forms

    def context(self, meeting, **kwargs):
        minutes = Minutes.objects.filter(meeting=meeting).first()
        return self.get_context_data(meeting=meeting, minutes=minutes, **kwargs)

    def get(self, request, *args, **kwargs):
        self.load_meeting()
        meeting = selectors.meeting_get(pk=self.kwargs["pk"], fetched_by=request.user)
        return self.render_to_response(self.context(meeting, item_forms=self.forms_for(meeting)))

    def post(self, request, *args, **kwargs):
        self.load_meeting()
        meeting = selectors.meeting_get(pk=self.kwargs["pk"], fetched_by=request.user)
        item = next((i for i in meeting.items if str(i.pk) == request.POST.get("item")), None)
        if item is None:
            return self.render_to_response(
                self.context(
                    meeting, item_forms=self.forms_for(meeting), action_errors=[_("Unbekannter Tagesordnungspunkt.")]
                ),
                status=400,
            )
        item_forms = self.forms_for(meeting, bound_item=item, data=request.POST)
        form = next(f for i, f in item_forms if i.pk == item.pk)
        if form.is_valid():
            try:
                actions.minutes_save_entry(
                    item=item,
                    text=form.cleaned_data["text"],
                    base_version=form.cleaned_data["base_version"],
                    by=request.user,
                )
            except actions.MinutesConflict as conflict:
                # Offer the editor's own text on top of the newer version, so that saving again is a choice.
                item_forms = [
                    (i, _rebased(conflict, prefix=f"top-{i.pk}") if i.pk == item.pk else f) for i, f in item_forms
                ]
                return self.render_to_response(
                    self.context(meeting, item_forms=item_forms, conflict=conflict, conflict_item=item), status=409
                )
            except ValidationError as error:
                return self.render_to_response(
                    self.context(meeting, item_forms=item_forms, action_errors=error.messages), status=422
                )
            messages.success(request, _("Das Protokoll zu „%(item)s“ wurde gespeichert.") % {"item": item.title})
            return redirect(f"{request.path}#top-{item.pk}")
        return self.render_to_response(self.context(meeting, item_forms=item_forms), status=422)


class MinutesApproveView(MeetingButtonView):
    permission = "committees.approve_minutes"
    success_message = _("Das Protokoll ist genehmigt und kann nun nicht mehr bearbeitet werden.")

    def act(self, meeting):
        actions.minutes_approve(meeting=meeting, by=self.request.user)


class MinutesCorrectView(LoginRequiredMixin, MeetingMixin, InvalidFormStatusMixin, TemplateView):
    """A correction of approved minutes: a new version with who, when and why."""

    permission = "committees.approve_minutes"
    template_name = "committees/minutes_correct.html"

    def load(self):
        meeting = self.load_meeting()
        item = selectors.agenda_item_get(meeting=meeting, pk=self.kwargs["item"], fetched_by=self.request.user)
        entry = MinutesEntry.objects.filter(agenda_item=item).first()
        return meeting, item, entry

    def get(self, request, *args, **kwargs):
        meeting, item, entry = self.load()
        form = CorrectionForm(
            initial={"text": entry.text if entry else "", "base_version": entry.version if entry else 0}
        )
        return self.render_to_response(self.get_context_data(form=form, meeting=meeting, item=item))

    def post(self, request, *args, **kwargs):
        meeting, item, _entry = self.load()
        form = CorrectionForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                actions.minutes_correct(
                    item=item,
                    text=data["text"],
                    reason=data["reason"],
                    base_version=data["base_version"],
                    by=request.user,
                )
            except actions.MinutesConflict as conflict:
                rebased = CorrectionForm(
                    initial={"text": conflict.mine, "base_version": conflict.entry.version, "reason": data["reason"]}
                )
                return self.render_to_response(
                    self.get_context_data(form=rebased, meeting=meeting, item=item, conflict=conflict), status=409
                )
            except ValidationError as error:
                for message in error.messages:
                    form.add_error(None, message)
            else:
                messages.success(request, _("Die Korrektur wurde als neue Fassung gespeichert."))
                return redirect(meeting.get_absolute_url() + f"#top-{item.pk}")
        return self.form_invalid(form, meeting=meeting, item=item)


class MinutesHistoryView(MeetingMixin, TemplateView):
    """Every saved version of one point's minutes: who, when, and for corrections why."""

    template_name = "committees/minutes_history.html"

    def get_context_data(self, **kwargs):
        meeting = self.load_meeting()
        item = selectors.agenda_item_get(meeting=meeting, pk=self.kwargs["item"], fetched_by=self.request.user)
        revisions = (
            MinutesRevision.objects.filter(entry__agenda_item=item).select_related("author").order_by("-version")
        )
        kwargs.update(meeting=meeting, item=item, revisions=revisions)
        return super().get_context_data(**kwargs)
