"""Properties (Grundstücke): the list, the form, the property's page.

Every page needs a login and ``landpolicy.view_property`` (or the right to add
or change one). A page about one property first loads it for the reader
through ``selectors.properties.property_get``, so a hidden property answers
404 before any permission is asked.
"""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import TemplateView
from rules.contrib.views import PermissionRequiredMixin

from gemeinwohl.core.forms import add_errors
from gemeinwohl.core.views import InvalidFormStatusMixin
from gemeinwohl.landpolicy.actions.properties import property_create, property_update
from gemeinwohl.landpolicy.forms.properties import PropertyFilterForm, PropertyForm
from gemeinwohl.landpolicy.models import Property
from gemeinwohl.landpolicy.selectors import properties as selectors

PROPERTIES_PER_PAGE = 50


class LandMixin(LoginRequiredMixin, PermissionRequiredMixin):
    """Logged in (else the login page) and holding ``permission_required`` (else 403)."""

    permission_required = "landpolicy.view_property"


class PropertyMixin(LandMixin):
    """A page about the property of the URL: 404 when the reader may not see it, 403 without the permission."""

    @cached_property
    def plot(self) -> Property:
        return selectors.property_get(pk=self.kwargs["pk"], fetched_by=self.request.user)

    def get_permission_object(self):
        return self.plot

    def get_context_data(self, **kwargs):
        return super().get_context_data(plot=self.plot, **kwargs)


def saved_message(plot: Property) -> str:
    """Where the saved property lies, in one sentence."""
    if not plot.has_position:
        return _("„%(address)s“ wurde gespeichert. Ohne Lage sind die Gebiete unbekannt.") % {"address": plot.address}
    if plot.outside_berlin:
        return _("„%(address)s“ wurde gespeichert. Die Lage ist außerhalb Berlins.") % {"address": plot.address}
    parts = [plot.district.name]
    if plot.ortsteil:
        parts.append(_("Ortsteil %(name)s") % {"name": plot.ortsteil.name})
    if plot.milieuschutz:
        parts.append(_("Milieuschutzgebiet %(name)s") % {"name": plot.milieuschutz.name})
    return _("„%(address)s“ wurde gespeichert. Das Grundstück liegt in %(areas)s.") % {
        "address": plot.address,
        "areas": ", ".join(parts),
    }


class PropertyListView(LandMixin, TemplateView):
    """ "Grundstücke": the properties the reader may see, filtered, a page at a time."""

    template_name = "landpolicy/properties/property_list.html"

    def get_context_data(self, **kwargs):
        request = self.request
        form = PropertyFilterForm(request.GET, areas=selectors.filter_areas())
        plots = selectors.property_list(fetched_by=request.user, filters=form.to_filter())
        page = Paginator(plots, PROPERTIES_PER_PAGE).get_page(request.GET.get("seite"))
        query = request.GET.copy()
        query.pop("seite", None)
        return super().get_context_data(
            form=form,
            page=page,
            plots=page.object_list,
            query_string=query.urlencode(),
            can_add=request.user.has_perm("landpolicy.add_property"),
            **kwargs,
        )


class PropertyDetailView(PropertyMixin, TemplateView):
    """A property: address, parcel, owner, size, use, place, areas, and the records on it the reader may see."""

    template_name = "landpolicy/properties/property_detail.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            related=selectors.property_related(plot=self.plot, fetched_by=user),
            can_change=user.has_perm("landpolicy.change_property", self.plot),
            can_add_lease=user.has_perm("landpolicy.add_groundlease"),
            **kwargs,
        )


class PropertyEditView(LandMixin, InvalidFormStatusMixin, TemplateView):
    """Record a property or change one: one form, the position typed or taken from the place."""

    template_name = "landpolicy/properties/property_form.html"
    permission_required = "landpolicy.add_property"

    def get_plot(self) -> Property | None:
        return None

    def get_context_data(self, **kwargs):
        kwargs.setdefault("plot", self.get_plot())
        return super().get_context_data(**kwargs)

    def get(self, request, *args, **kwargs):
        form = PropertyForm(user=request.user, plot=self.get_plot())
        return self.render_to_response(self.get_context_data(form=form))

    def post(self, request, *args, **kwargs):
        plot = self.get_plot()
        form = PropertyForm(request.POST, user=request.user, plot=plot)
        if form.is_valid():
            try:
                if plot is None:
                    plot = property_create(data=form.to_input(), by=request.user)
                else:
                    # The action works on a fresh copy: a refused change must not show in the page's heading.
                    plot = property_update(plot=Property.objects.get(pk=plot.pk), data=form.to_input(), by=request.user)
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, saved_message(plot))
                return redirect(plot)
        return self.form_invalid(form)


class PropertyCreateView(PropertyEditView):
    pass


class PropertyUpdateView(PropertyMixin, PropertyEditView):
    permission_required = "landpolicy.change_property"

    def get_plot(self):
        return self.plot
