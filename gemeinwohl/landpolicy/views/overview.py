"""The land-policy home (``/boden/``): one section per kind of work, with what the reader may see of it.

The counts come each through the scoping of their model, so a section never
counts what the reader could not open; pre-emption appears only to those
who may see pre-emption cases at all. The page costs the same few queries
however much there is.
"""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.views.generic import TemplateView
from rules.contrib.views import PermissionRequiredMixin

from gemeinwohl.landpolicy.models import PreEmptionCase, Property, Tender
from gemeinwohl.landpolicy.selectors.leases import DEFAULT_HORIZON, lease_counts


class OverviewView(LoginRequiredMixin, PermissionRequiredMixin, TemplateView):
    """Vorkaufsrecht, Abwendungsvereinbarungen, Grundstücke, Konzeptverfahren, Erbbaurechte, published figures."""

    template_name = "landpolicy/overview.html"
    permission_required = "landpolicy.view_property"

    def get_context_data(self, **kwargs):
        user = self.request.user
        sees_cases = user.has_perm("landpolicy.view_preemptioncase")
        sees_tenders = user.has_perm("landpolicy.view_tender")
        sees_leases = user.has_perm("landpolicy.view_groundlease")
        return super().get_context_data(
            sees_cases=sees_cases,
            open_cases=PreEmptionCase.objects.visible_to(user).open().count() if sees_cases else 0,
            sees_agreements=user.has_perm("landpolicy.view_agreement_register"),
            property_count=Property.objects.visible_to(user).count(),
            sees_tenders=sees_tenders,
            tender_count=Tender.objects.visible_to(user).count() if sees_tenders else 0,
            sees_leases=sees_leases,
            leases=lease_counts(fetched_by=user) if sees_leases else None,
            horizon=DEFAULT_HORIZON,
            **kwargs,
        )
