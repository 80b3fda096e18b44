"""The team's pages: the case list and one case with everything that is done on it."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.generic import TemplateView
from rules.contrib.views import PermissionRequiredMixin

from gemeinwohl.advice import actions, forms, selectors
from gemeinwohl.advice.models import FINISHED_STATES, Activity, Document, Referral, ReferralOutcome, State, Topic
from gemeinwohl.core.forms import add_errors
from gemeinwohl.core.uploads import attachment_response
from gemeinwohl.directory.models import Organisation, Person

CASES_PER_PAGE = 50


class CaseListView(LoginRequiredMixin, PermissionRequiredMixin, TemplateView):
    permission_required = "advice.view_case_list"
    template_name = "advice/case_list.html"

    def get_filters(self) -> selectors.CaseFilter:
        params = self.request.GET
        state = params.get("stand", "")
        topic = params.get("thema", "")
        return selectors.CaseFilter(
            state=state if state in State.values else "",
            assignee=params.get("zustaendig", "")[:12],
            topic=topic if topic in Topic.values else "",
            query=params.get("suche", "")[:100],
            finished=params.get("abgeschlossene") == "1",
        )

    def get_context_data(self, **kwargs):
        filters = self.get_filters()
        cases = selectors.case_list(fetched_by=self.request.user, filters=filters)
        page = Paginator(cases, CASES_PER_PAGE).get_page(self.request.GET.get("seite"))
        query = self.request.GET.copy()
        query.pop("seite", None)
        return super().get_context_data(
            page=page,
            filters=filters,
            states=State.choices,
            topics=Topic.choices,
            assignees=selectors.assignable_users(),
            query_string=query.urlencode(),
            **kwargs,
        )


def _auto_id(name: str) -> str:
    """Each form on the case page gets ids of its own, so that every label points at its own field."""
    return f"{name}_%s"


def _case_forms(user, case, *, linked_people, linked_organisations) -> dict:
    """A fresh form for every change the reader may make on the case."""
    built = {}
    if user.has_perm("advice.add_note", case):
        built["note"] = forms.NoteForm(user=user, case=case, auto_id=_auto_id("note"))
    if user.has_perm("advice.change_case", case):
        built.update(
            assign=forms.AssignForm(initial={"assignee": case.assignee_id}, auto_id=_auto_id("assign")),
            case_type=forms.CaseTypeForm(initial={"case_type": case.case_type_id}, auto_id=_auto_id("case_type")),
            document=forms.DocumentForm(user=user, case=case, auto_id=_auto_id("document")),
            activity=forms.ActivityForm(auto_id=_auto_id("activity")),
            referral=forms.ReferralForm(user=user, auto_id=_auto_id("referral")),
            links=forms.LinksForm(
                user=user,
                initial={
                    "people": [person.pk for person in linked_people],
                    "organisations": [organisation.pk for organisation in linked_organisations],
                },
                auto_id=_auto_id("links"),
            ),
        )
    if user.has_perm("advice.share_case", case):
        built["share"] = forms.ShareForm(auto_id=_auto_id("share"))
    return built


class CaseDetailView(LoginRequiredMixin, TemplateView):
    template_name = "advice/case_detail.html"

    def get_case(self):
        return selectors.case_get(pk=self.kwargs["pk"], fetched_by=self.request.user)

    def get_context_data(self, *, case, failed=None, failed_name="", **kwargs):
        user = self.request.user
        linked_people = list(Person.objects.visible_to(user).filter(advice_cases=case))
        linked_organisations = list(Organisation.objects.visible_to(user).filter(advice_cases=case))
        case_forms = _case_forms(user, case, linked_people=linked_people, linked_organisations=linked_organisations)
        if failed is not None:
            case_forms[failed_name] = failed
        return super().get_context_data(
            case=case,
            records=selectors.case_records(case=case, fetched_by=user),
            targets=[(state, State(state).label) for state in actions.allowed_targets(case)],
            forms=case_forms,
            failed_name=failed_name,
            linked_people=linked_people,
            linked_organisations=linked_organisations,
            can_change=user.has_perm("advice.change_case", case),
            can_share=user.has_perm("advice.share_case", case),
            can_export=user.has_perm("advice.export_requester_data", case),
            can_renew=user.has_perm("advice.renew_status_link", case),
            finished=case.state in FINISHED_STATES,
            outcome_choices=ReferralOutcome.choices,
            **kwargs,
        )

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(case=self.get_case()))


class CaseActionView(CaseDetailView):
    """One change on a case: checked, done through its action, or the case page again with the form's errors."""

    http_method_names = ["post"]
    permission = "advice.change_case"
    form_name = ""
    anchor = ""
    success_message = ""

    def build_form(self, case):
        raise NotImplementedError

    def perform(self, case, form):
        raise NotImplementedError

    def post(self, request, *args, **kwargs):
        case = self.get_case()
        if not request.user.has_perm(self.permission, case):
            raise PermissionDenied
        form = self.build_form(case)
        if form.is_valid():
            try:
                self.perform(case, form)
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, self.success_message)
                return redirect(case.get_absolute_url() + (f"#{self.anchor}" if self.anchor else ""))
        context = self.get_context_data(case=case, failed=form, failed_name=self.form_name)
        context["failed_object"] = getattr(getattr(self, "activity", None), "pk", None)
        response = self.render_to_response(context)
        response.status_code = 422
        return response


class CaseAssignView(CaseActionView):
    form_name = "assign"

    def build_form(self, case):
        return forms.AssignForm(self.request.POST, auto_id=_auto_id("assign"))

    def perform(self, case, form):
        actions.case_assign(case=case, assignee=form.cleaned_data["assignee"], by=self.request.user)
        self.success_message = _("Die Zuständigkeit wurde gespeichert.")


class CaseTypeChangeView(CaseActionView):
    form_name = "case_type"

    def build_form(self, case):
        return forms.CaseTypeForm(self.request.POST, auto_id=_auto_id("case_type"))

    def perform(self, case, form):
        actions.case_change_type(case=case, case_type=form.cleaned_data["case_type"], by=self.request.user)
        self.success_message = _("Der Falltyp wurde geändert; der Zeitplan gilt ab jetzt.")


class CaseTransitionView(CaseActionView):
    form_name = "transition"

    def build_form(self, case):
        return forms.TransitionForm(self.request.POST, auto_id=_auto_id("transition"))

    def perform(self, case, form):
        actions.case_transition(case=case, target=form.cleaned_data["state"], by=self.request.user)
        self.success_message = _("Der Fall ist jetzt „%(state)s“.") % {"state": case.get_state_display()}


class NoteAddView(CaseActionView):
    permission = "advice.add_note"
    form_name = "note"
    anchor = "notizen"

    def build_form(self, case):
        return forms.NoteForm(self.request.POST, user=self.request.user, case=case, auto_id=_auto_id("note"))

    def perform(self, case, form):
        level, shared = form.level()
        actions.note_add(
            case=case, by=self.request.user, text=form.cleaned_data["text"], visibility=level, shared=shared
        )
        self.success_message = _("Die Notiz wurde gespeichert.")


class DocumentAddView(CaseActionView):
    form_name = "document"
    anchor = "dokumente"

    def build_form(self, case):
        return forms.DocumentForm(
            self.request.POST, self.request.FILES, user=self.request.user, case=case, auto_id=_auto_id("document")
        )

    def perform(self, case, form):
        level, shared = form.level()
        actions.document_add(
            case=case, by=self.request.user, upload=form.cleaned_data["file"], visibility=level, shared=shared
        )
        self.success_message = _("Das Dokument wurde hochgeladen.")


class DocumentDownloadView(CaseDetailView):
    def get(self, request, *args, **kwargs):
        case = self.get_case()
        level = case.clearance_for(request.user)
        document = get_object_or_404(Document.objects.readable_at(level), case=case, pk=kwargs["document"])
        return attachment_response(document.file, file_name=document.file_name, content_type=document.content_type)


class ActivityAddView(CaseActionView):
    form_name = "activity"
    anchor = "aktivitaeten"

    def build_form(self, case):
        return forms.ActivityForm(self.request.POST, auto_id=_auto_id("activity"))

    def perform(self, case, form):
        activity = actions.activity_record(case=case, by=self.request.user, data=form.to_input())
        self.success_message = (
            _("Die Aktivität wurde eingetragen.") if activity.is_done else _("Die Wiedervorlage wurde eingetragen.")
        )


class ActivityCompleteView(CaseActionView):
    form_name = "complete"
    anchor = "aktivitaeten"

    def build_form(self, case):
        self.activity = get_object_or_404(Activity, case=case, pk=self.kwargs["activity"])
        return forms.CompleteForm(self.request.POST, auto_id=_auto_id(f"complete{self.activity.pk}"))

    def perform(self, case, form):
        actions.activity_complete(activity=self.activity, by=self.request.user, **form.cleaned_data)
        self.success_message = _("„%(title)s“ ist erledigt.") % {"title": self.activity.title}


class ReferralAddView(CaseActionView):
    form_name = "referral"
    anchor = "weitervermittlungen"

    def build_form(self, case):
        return forms.ReferralForm(self.request.POST, user=self.request.user, auto_id=_auto_id("referral"))

    def perform(self, case, form):
        referral = actions.referral_add(case=case, by=self.request.user, data=form.to_input())
        self.success_message = _("Die Weitervermittlung an %(organisation)s wurde eingetragen.") % {
            "organisation": referral.organisation
        }


class ReferralOutcomeView(CaseActionView):
    form_name = "outcome"
    anchor = "weitervermittlungen"

    def build_form(self, case):
        self.referral = get_object_or_404(Referral, case=case, pk=self.kwargs["referral"])
        return forms.ReferralOutcomeForm(self.request.POST, auto_id=_auto_id(f"outcome{self.referral.pk}"))

    def perform(self, case, form):
        actions.referral_record_outcome(
            referral=self.referral,
            by=self.request.user,
            outcome=form.cleaned_data["outcome"],
            note=form.cleaned_data["outcome_note"],
        )
        self.success_message = _("Das Ergebnis der Weitervermittlung wurde gespeichert.")


class CaseShareView(CaseActionView):
    permission = "advice.share_case"
    form_name = "share"
    anchor = "freigaben"

    def build_form(self, case):
        return forms.ShareForm(self.request.POST, auto_id=_auto_id("share"))

    def perform(self, case, form):
        user = form.cleaned_data["user"]
        if form.cleaned_data["remove"]:
            actions.case_unshare(case=case, user=user, by=self.request.user)
            self.success_message = _("%(name)s sieht den Fall nicht mehr.") % {"name": user}
        else:
            actions.case_share(case=case, user=user, by=self.request.user)
            self.success_message = _("Der Fall ist für %(name)s freigegeben.") % {"name": user}


class CaseLinksView(CaseActionView):
    form_name = "links"
    anchor = "beteiligte"

    def build_form(self, case):
        return forms.LinksForm(self.request.POST, user=self.request.user, auto_id=_auto_id("links"))

    def perform(self, case, form):
        actions.case_set_links(case=case, by=self.request.user, data=form.to_input())
        self.success_message = _("Die Beteiligten wurden gespeichert.")


class StatusLinkRenewView(CaseActionView):
    permission = "advice.renew_status_link"

    def post(self, request, *args, **kwargs):
        case = self.get_case()
        if not request.user.has_perm(self.permission, case):
            raise PermissionDenied
        try:
            actions.status_link_renew(case=case, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("Ein neuer Statuslink wurde an %(email)s geschickt; der alte funktioniert nicht mehr.")
                % {"email": case.email},
            )
        return redirect(case)
