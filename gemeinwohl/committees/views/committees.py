"""Committee pages: the list, one committee with its members, parity and meetings, and editing."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from gemeinwohl.committees import actions, selectors
from gemeinwohl.committees.forms import CommitteeForm, MembershipForm
from gemeinwohl.committees.models import Membership
from gemeinwohl.core.forms import add_errors
from gemeinwohl.core.views import InvalidFormStatusMixin

MEETINGS_PER_PAGE = 20


class CommitteeListView(TemplateView):
    template_name = "committees/committee_list.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(committees=selectors.committee_list(fetched_by=self.request.user), **kwargs)


class CommitteeDetailView(TemplateView):
    template_name = "committees/committee_detail.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        committee = selectors.committee_get(slug=self.kwargs["slug"], fetched_by=user)
        meetings = Paginator(selectors.committee_meetings(committee=committee, fetched_by=user), MEETINGS_PER_PAGE)
        upcoming = selectors.upcoming_meetings_of(committee=committee, fetched_by=user)
        return super().get_context_data(
            committee=committee,
            members=selectors.current_members(committee=committee, fetched_by=user),
            parity=selectors.parity(committee=committee)
            if user.has_perm("committees.view_parity", committee)
            else None,
            page=meetings.get_page(self.request.GET.get("seite")),
            next_meeting=upcoming[0] if upcoming else None,
            open_tasks=selectors.open_tasks_of(committee=committee, fetched_by=user),
            **kwargs,
        )


class CommitteeEditView(LoginRequiredMixin, InvalidFormStatusMixin, TemplateView):
    template_name = "committees/committee_form.html"

    def get_committee(self):
        if "slug" not in self.kwargs:
            if not self.request.user.has_perm("committees.add_committee"):
                raise PermissionDenied
            return None
        committee = selectors.committee_get(slug=self.kwargs["slug"], fetched_by=self.request.user)
        if not self.request.user.has_perm("committees.change_committee", committee):
            raise PermissionDenied
        return committee

    def get(self, request, *args, **kwargs):
        committee = self.get_committee()
        form = CommitteeForm(user=request.user, committee=committee)
        return self.render_to_response(self.get_context_data(form=form, committee=committee))

    def post(self, request, *args, **kwargs):
        committee = self.get_committee()
        form = CommitteeForm(request.POST, user=request.user, committee=committee)
        if form.is_valid():
            try:
                if committee is None:
                    committee = actions.committee_create(by=request.user, data=form.to_input())
                else:
                    committee = actions.committee_update(committee=committee, by=request.user, data=form.to_input())
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, _("Das Gremium „%(name)s“ wurde gespeichert.") % {"name": committee.name})
                return redirect(committee)
        return self.form_invalid(form, committee=committee)


class MembersView(LoginRequiredMixin, InvalidFormStatusMixin, TemplateView):
    """Who sits in the committee, and adding or ending seats (the team)."""

    template_name = "committees/members.html"

    def setup_committee(self):
        committee = selectors.committee_get(slug=self.kwargs["slug"], fetched_by=self.request.user)
        if not self.request.user.has_perm("committees.manage_members", committee):
            raise PermissionDenied
        return committee

    def get_context_data(self, **kwargs):
        committee = kwargs["committee"]
        members = (
            Membership.objects.visible_to(self.request.user)
            .filter(committee=committee)
            .select_related("person")
            .order_by("end_date", "person__family_name")
        )
        return super().get_context_data(members=members, today=timezone.localdate(), **kwargs)

    def get(self, request, *args, **kwargs):
        committee = self.setup_committee()
        form = MembershipForm(user=request.user, committee=committee)
        return self.render_to_response(self.get_context_data(form=form, committee=committee))

    def post(self, request, *args, **kwargs):
        committee = self.setup_committee()
        form = MembershipForm(request.POST, user=request.user, committee=committee)
        if form.is_valid():
            try:
                membership = actions.membership_add(committee=committee, by=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, _("%(person)s ist jetzt Mitglied.") % {"person": membership.person})
                return redirect("committees:members", slug=committee.slug)
        return self.form_invalid(form, committee=committee)


class MembershipEndView(LoginRequiredMixin, View):
    http_method_names = ["post"]

    def post(self, request, slug, pk):
        committee = selectors.committee_get(slug=slug, fetched_by=request.user)
        membership = get_object_or_404(Membership.objects.visible_to(request.user), pk=pk, committee=committee)
        if not request.user.has_perm("committees.manage_members", committee):
            raise PermissionDenied
        try:
            actions.membership_end(membership=membership, end_date=timezone.localdate(), by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request, _("Die Mitgliedschaft von %(person)s endet heute.") % {"person": membership.person}
            )
        return redirect("committees:members", slug=committee.slug)
