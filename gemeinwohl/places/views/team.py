"""The team's side: the place form, status changes, actors, the criteria, the review of proposals.

Every page needs a login and one of the team's permissions (``places/rules.py``).
A page about one place first loads it for the reader through
``selectors.place_get``, so a hidden place answers 404 before any permission
is asked. The proposers' names and addresses appear on the review list only.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import TemplateView
from rules.contrib.views import PermissionRequiredMixin

from gemeinwohl.core.forms import add_errors
from gemeinwohl.core.views import InvalidFormStatusMixin
from gemeinwohl.places import actions, selectors, team_forms
from gemeinwohl.places.models import Place, Review


def areas_message(place: Place) -> str:
    """Where the saved place lies, in one sentence for the message after saving."""
    if not place.has_position:
        return _("„%(name)s“ wurde gespeichert. Der Ort hat keine Lage und erscheint nicht auf der Karte.") % {
            "name": place.name
        }
    if place.outside_berlin:
        return _("„%(name)s“ wurde gespeichert. Die Lage ist außerhalb Berlins.") % {"name": place.name}
    parts = [place.district.name]
    if place.ortsteil:
        parts.append(_("Ortsteil %(name)s") % {"name": place.ortsteil.name})
    if place.milieuschutz:
        parts.append(_("Milieuschutzgebiet %(name)s") % {"name": place.milieuschutz.name})
    return _("„%(name)s“ wurde gespeichert. Der Ort liegt in %(areas)s.") % {
        "name": place.name,
        "areas": ", ".join(parts),
    }


class TeamMixin(LoginRequiredMixin, PermissionRequiredMixin):
    """Logged in (else the login page) and holding ``permission_required`` (else 403)."""

    permission_required = "places.change_place"


class PlaceTeamMixin(TeamMixin):
    """A team page about the place of the URL: 404 when the reader may not see it, 403 without the permission."""

    @cached_property
    def place(self) -> Place:
        return selectors.place_get(pk=self.kwargs["pk"], fetched_by=self.request.user)

    def get_permission_object(self):
        return self.place

    def get_context_data(self, **kwargs):
        return super().get_context_data(place=self.place, **kwargs)


# --- the place ---------------------------------------------------------------------------------


class PlaceEditView(TeamMixin, InvalidFormStatusMixin, TemplateView):
    """Record a place or change one: one form, the position typed or picked on the map."""

    template_name = "places/manage/place_form.html"
    permission_required = "places.add_place"

    def get_place(self) -> Place | None:
        return None

    def get_context_data(self, **kwargs):
        kwargs.setdefault("place", self.get_place())
        # Map tiles only where an operator configured a tile server; otherwise the map shows the districts.
        return super().get_context_data(
            map_tiles=getattr(settings, "PLACES_TILE_URL", ""),
            map_attribution=getattr(settings, "PLACES_TILE_ATTRIBUTION", ""),
            **kwargs,
        )

    def get(self, request, *args, **kwargs):
        form = team_forms.PlaceForm(user=request.user, place=self.get_place())
        return self.render_to_response(self.get_context_data(form=form))

    def post(self, request, *args, **kwargs):
        place = self.get_place()
        form = team_forms.PlaceForm(request.POST, user=request.user, place=place)
        if form.is_valid():
            try:
                if place is None:
                    place = actions.place_create(
                        data=form.to_input(),
                        by=request.user,
                        status=form.cleaned_data["status"],
                        status_since=form.cleaned_data["status_since"],
                    )
                else:
                    # The action works on a fresh copy: a refused change must not show in the page's heading.
                    place = actions.place_update(
                        place=Place.objects.get(pk=place.pk), data=form.to_input(), by=request.user
                    )
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, areas_message(place))
                return redirect("places:place_detail", pk=place.pk)
        return self.form_invalid(form)


class PlaceCreateView(PlaceEditView):
    pass


class PlaceUpdateView(PlaceTeamMixin, PlaceEditView):
    permission_required = "places.change_place"

    def get_place(self):
        return self.place


# --- status, actors, criteria ------------------------------------------------------------------


class StatusChangeView(PlaceTeamMixin, InvalidFormStatusMixin, TemplateView):
    """A new step in the place's history: status, since when, a note."""

    template_name = "places/manage/status_change.html"

    def get_context_data(self, **kwargs):
        kwargs.setdefault("form", team_forms.StatusChangeForm())
        return super().get_context_data(history=list(self.place.status_changes.all()), **kwargs)

    def post(self, request, *args, **kwargs):
        form = team_forms.StatusChangeForm(request.POST)
        if form.is_valid():
            try:
                change = actions.place_change_status(place=self.place, by=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_errors(form, error)
            else:
                place = Place.objects.get(pk=self.place.pk)
                if place.status == change.status and place.status_since == change.on_date:
                    text = _("Der Stand „%(status)s“ seit %(date)s ist eingetragen.")
                else:
                    text = _(
                        "„%(status)s“ seit %(date)s steht jetzt im Verlauf; der aktuelle Stand bleibt, "
                        "weil er jünger ist."
                    )
                messages.success(
                    request, text % {"status": change.get_status_display(), "date": change.on_date.strftime("%d.%m.%Y")}
                )
                return redirect("places:place_detail", pk=self.place.pk)
        return self.form_invalid(form)


class ActorsView(PlaceTeamMixin, InvalidFormStatusMixin, TemplateView):
    """Who is involved, from the address book, and in which role."""

    template_name = "places/manage/actors.html"

    def formset(self, data=None):
        return team_forms.ActorFormSet(data, prefix="actors", user=self.request.user, place=self.place)

    def get_context_data(self, **kwargs):
        kwargs.setdefault("formset", self.formset())
        formset = kwargs["formset"]
        errors = [*formset.non_form_errors(), *getattr(formset, "action_errors", [])]
        for number, form in enumerate(formset.forms, start=1):
            for error in form.non_field_errors():
                errors.append(_("Zeile %(number)s: %(error)s") % {"number": number, "error": error})
            for field in form:
                for error in field.errors:
                    errors.append(
                        _("Zeile %(number)s, %(field)s: %(error)s")
                        % {"number": number, "field": field.label, "error": error}
                    )
        return super().get_context_data(formset_errors=errors, **kwargs)

    def post(self, request, *args, **kwargs):
        formset = self.formset(request.POST)
        if formset.is_valid():
            try:
                actions.place_set_actors(place=self.place, actors=formset.to_inputs(), by=request.user)
            except ValidationError as error:
                formset.action_errors = error.messages
            else:
                messages.success(request, _("Die Beteiligten von „%(name)s“ sind gespeichert.") % {"name": self.place})
                return redirect("places:place_detail", pk=self.place.pk)
        response = self.render_to_response(self.get_context_data(formset=formset))
        response.status_code = 422
        return response


class AssessmentView(PlaceTeamMixin, InvalidFormStatusMixin, TemplateView):
    """The place against each criterion in use: met, partly met, not met or not assessed, with a note."""

    template_name = "places/manage/assessment.html"

    def make_form(self, data=None):
        return team_forms.AssessmentForm(data, criteria=selectors.active_criteria(), place=self.place)

    def get_context_data(self, **kwargs):
        kwargs.setdefault("form", self.make_form())
        return super().get_context_data(**kwargs)

    def post(self, request, *args, **kwargs):
        form = self.make_form(request.POST)
        if form.is_valid():
            try:
                actions.place_assess(place=self.place, ratings=form.to_ratings(), by=request.user)
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, _("Die Bewertung von „%(name)s“ ist gespeichert.") % {"name": self.place})
                return redirect("places:place_detail", pk=self.place.pk)
        return self.form_invalid(form)


# --- proposals ---------------------------------------------------------------------------------


class ProposalListView(TeamMixin, TemplateView):
    """Proposals from the public waiting for review, oldest first, with who proposed them."""

    template_name = "places/manage/proposals.html"
    permission_required = "places.review_place"

    def get_context_data(self, **kwargs):
        proposals = (
            Place.objects.visible_to(self.request.user)
            .filter(review=Review.PROPOSED)
            .select_related("district", "ortsteil", "milieuschutz")
            .prefetch_related("uses")
            .order_by("created_at", "pk")
        )
        return super().get_context_data(proposals=list(proposals), **kwargs)


class ProposalReviewView(ProposalListView):
    """Accept or reject one proposal (POST); a second decision is refused."""

    http_method_names = ["post"]

    @cached_property
    def place(self) -> Place:
        return selectors.place_get(pk=self.kwargs["pk"], fetched_by=self.request.user)

    def get_permission_object(self):
        return self.place

    def post(self, request, *args, **kwargs):
        form = team_forms.ReviewForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(
                self.get_context_data(action_errors=[_("Bitte wählen Sie „aufnehmen“ oder „ablehnen“.")]), status=422
            )
        accept = form.cleaned_data["decision"] == "aufnehmen"
        try:
            actions.proposal_review(place=self.place, accept=accept, by=request.user)
        except ValidationError as error:
            return self.render_to_response(self.get_context_data(action_errors=error.messages), status=409)
        if accept:
            messages.success(request, _("„%(name)s“ ist aufgenommen.") % {"name": self.place.name})
        else:
            messages.success(request, _("„%(name)s“ ist abgelehnt und bleibt verborgen.") % {"name": self.place.name})
        return redirect("places:proposals")
