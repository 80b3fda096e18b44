"""Heritable building rights (Erbbaurechte): the register, the contract form, the contract's page.

Every page needs a login and ``landpolicy.view_groundlease`` (or the right to
add or change a contract). A contract's page first loads it for the reader
through ``selectors.leases.lease_get``, so a hidden contract answers 404
before any permission is asked. The register also comes as a file
(``?format=csv`` or ``?format=xlsx``), built from the very same rows.
"""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import TemplateView
from rules.contrib.views import PermissionRequiredMixin

from gemeinwohl.core import spreadsheets
from gemeinwohl.core.forms import add_errors
from gemeinwohl.core.views import InvalidFormStatusMixin
from gemeinwohl.landpolicy.actions.leases import lease_create, lease_update
from gemeinwohl.landpolicy.forms.leases import HorizonForm, LeaseForm
from gemeinwohl.landpolicy.models import GroundLease
from gemeinwohl.landpolicy.selectors import leases as selectors
from gemeinwohl.landpolicy.selectors.properties import property_choices

EXPORTS = {"csv": spreadsheets.csv_response, "xlsx": spreadsheets.xlsx_response}


class LeaseMixin(LoginRequiredMixin, PermissionRequiredMixin):
    """Logged in (else the login page) and holding ``permission_required`` (else 403)."""

    permission_required = "landpolicy.view_groundlease"


class OneLeaseMixin(LeaseMixin):
    """A page about the contract of the URL: 404 when the reader may not see it, 403 without the permission."""

    @cached_property
    def lease(self) -> GroundLease:
        return selectors.lease_get(pk=self.kwargs["pk"], fetched_by=self.request.user)

    def get_permission_object(self):
        return self.lease

    def get_context_data(self, **kwargs):
        return super().get_context_data(lease=self.lease, **kwargs)


def _date(day) -> str:
    return day.isoformat() if day else ""


def register_sheets(register: selectors.LeaseRegister) -> list[spreadsheets.Sheet]:
    """The register as one table, in the words of the active language; amounts stay numbers."""
    header = [
        _("Grundstück"),
        _("Erbbauberechtigte"),
        _("Aktenzeichen"),
        _("Beginn"),
        _("Laufzeit (Jahre)"),
        _("Ende"),
        _("Erbbauzins (%)"),
        _("Bodenwert (EUR)"),
        _("Bodenwert zum Stichtag"),
        _("Erbbauzins im Jahr (EUR)"),
        _("nächste Anpassung"),
        _("Anpassungsregel"),
        _("Heimfall"),
    ]
    rows = [
        [
            lease.plot.address,
            str(lease.holder),
            lease.file_number,
            _date(lease.starts_on),
            lease.term_years,
            _date(lease.ends_on),
            lease.rate_percent,
            lease.land_value,
            _date(lease.land_value_date),
            lease.yearly_rent,
            _date(lease.next_adjustment_on),
            lease.adjustment_rule,
            lease.reversion_conditions,
        ]
        for lease in register.leases
    ]
    return [spreadsheets.Sheet(title=_("Erbbaurechte"), header=header, rows=rows)]


class LeaseRegisterView(LeaseMixin, TemplateView):
    """The register: contracts ending or due for adjustment within the chosen horizon, then all of them."""

    template_name = "landpolicy/leases/lease_register.html"

    def get(self, request, *args, **kwargs):
        form = HorizonForm(request.GET)
        register = selectors.lease_register(fetched_by=request.user, months=form.months)
        file_format = request.GET.get("format")
        if file_format:
            export = EXPORTS.get(file_format)
            if export is None:
                raise Http404
            return export(f"erbbaurechte-{register.today.isoformat()}", register_sheets(register))
        return self.render_to_response(
            self.get_context_data(
                form=HorizonForm(initial={"monate": form.months}),
                register=register,
                can_add=request.user.has_perm("landpolicy.add_groundlease"),
            )
        )


class LeaseDetailView(OneLeaseMixin, TemplateView):
    """A contract with all its terms and the yearly ground rent it comes to."""

    template_name = "landpolicy/leases/lease_detail.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            can_change=self.request.user.has_perm("landpolicy.change_groundlease", self.lease), **kwargs
        )


class LeaseEditView(LeaseMixin, InvalidFormStatusMixin, TemplateView):
    """Record a contract or change one."""

    template_name = "landpolicy/leases/lease_form.html"
    permission_required = "landpolicy.add_groundlease"

    def get_lease(self) -> GroundLease | None:
        return None

    def get_context_data(self, **kwargs):
        kwargs.setdefault("lease", self.get_lease())
        return super().get_context_data(**kwargs)

    def get(self, request, *args, **kwargs):
        plot = None
        if self.get_lease() is None and request.GET.get("grundstueck", "").isdigit():
            # Coming from a property's page: that property chosen (if the reader may see it).
            plot = property_choices(fetched_by=request.user).filter(pk=int(request.GET["grundstueck"])).first()
        form = LeaseForm(user=request.user, lease=self.get_lease(), plot=plot)
        return self.render_to_response(self.get_context_data(form=form))

    def post(self, request, *args, **kwargs):
        lease = self.get_lease()
        form = LeaseForm(request.POST, user=request.user, lease=lease)
        if form.is_valid():
            try:
                if lease is None:
                    lease = lease_create(data=form.to_input(), by=request.user)
                else:
                    # The action works on a fresh copy: a refused change must not show in the page's heading.
                    lease = lease_update(
                        lease=GroundLease.objects.get(pk=lease.pk), data=form.to_input(), by=request.user
                    )
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(
                    request,
                    _("Der Erbbaurechtsvertrag für „%(address)s“ ist gespeichert; er endet am %(day)s.")
                    % {"address": lease.plot.address, "day": lease.ends_on.strftime("%d.%m.%Y")},
                )
                return redirect(lease)
        return self.form_invalid(form)


class LeaseCreateView(LeaseEditView):
    pass


class LeaseUpdateView(OneLeaseMixin, LeaseEditView):
    permission_required = "landpolicy.change_groundlease"

    def get_lease(self):
        return self.lease
