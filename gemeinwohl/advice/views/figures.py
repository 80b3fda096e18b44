"""Figures for reporting: a page with bar charts and the same figures as CSV or XLSX, for any period."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404, HttpResponse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView
from rules.contrib.views import PermissionRequiredMixin

from gemeinwohl.advice.figures import Figures, Tally, advice_figures
from gemeinwohl.advice.models import ReferralOutcome
from gemeinwohl.core import spreadsheets
from gemeinwohl.core.forms import ReportPeriodForm
from gemeinwohl.core.reports import Bar, bars, period_query, quick_periods

EXPORTS = {"csv": spreadsheets.csv_response, "xlsx": spreadsheets.xlsx_response}


class FiguresMixin(LoginRequiredMixin, PermissionRequiredMixin):
    """The team, administrators and Bezirksamt staff; others are sent to log in or refused."""

    permission_required = "advice.view_figures"


# --- the page -----------------------------------------------------------------------------


def _tally_bars(tallies: list[Tally]) -> list[Bar]:
    return bars([(tally.label, tally.count) for tally in tallies])


def charts(figures: Figures) -> dict[str, list]:
    return {
        "topics": _tally_bars(figures.by_topic),
        "months": bars([(date_format(row.month, "F Y"), row.count) for row in figures.by_month]),
        "sectors": _tally_bars(figures.by_sector),
        "states": _tally_bars(figures.by_state),
        # Each organisation's row with the bar of its total.
        "referrals": list(
            zip(figures.referrals, bars([(row.organisation, row.total) for row in figures.referrals]), strict=True)
        ),
    }


class FiguresView(FiguresMixin, TemplateView):
    """The figures for the chosen period (this year so far unless chosen); a wrong period answers 400."""

    template_name = "advice/figures.html"

    def get(self, request, *args, **kwargs):
        form = ReportPeriodForm(request.GET)
        context = {"quick_periods": quick_periods(timezone.localdate())}
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form, **context), status=400)
        start, end = form.period
        figures = advice_figures(fetched_by=request.user, start=start, end=end)
        return self.render_to_response(
            self.get_context_data(
                # A fresh form shows the period as it applies, defaults filled in.
                form=ReportPeriodForm(initial={"von": start, "bis": end}),
                figures=figures,
                charts=charts(figures),
                outcomes=ReferralOutcome.labels,
                query=period_query(start, end),
                **context,
            )
        )


# --- the files ----------------------------------------------------------------------------


def _days(value: float | None) -> float | str:
    return "" if value is None else value


def overview_rows(figures: Figures) -> list[list]:
    response = figures.response
    return [
        [_("Zeitraum von"), figures.start.isoformat()],
        [_("Zeitraum bis"), figures.end.isoformat()],
        [_("Anfragen"), figures.total],
        [_("Erste Rückmeldung: Median (Tage)"), _days(response.median_days)],
        [_("Erste Rückmeldung: 90. Perzentil (Tage)"), _days(response.p90_days)],
        [_("Anfragen mit erster Rückmeldung"), response.answered],
        [_("Anfragen noch ohne Rückmeldung"), response.unanswered],
        [_("Weitervermittlungen"), figures.referral_total],
    ]


def figure_sheets(figures: Figures) -> list[spreadsheets.Sheet]:
    """One table per figure, with the words of the active language."""
    requests = _("Anfragen")

    def tally_rows(tallies: list[Tally]) -> list[list]:
        return [[str(tally.label), tally.count] for tally in tallies]

    return [
        spreadsheets.Sheet(_("Überblick"), [_("Kennzahl"), _("Wert")], overview_rows(figures)),
        spreadsheets.Sheet(_("Themen"), [_("Thema"), requests], tally_rows(figures.by_topic)),
        spreadsheets.Sheet(
            _("Monate"), [_("Monat"), requests], [[f"{row.month:%Y-%m}", row.count] for row in figures.by_month]
        ),
        spreadsheets.Sheet(_("Bereiche"), [_("Bereich"), requests], tally_rows(figures.by_sector)),
        spreadsheets.Sheet(_("Stand heute"), [_("Stand"), requests], tally_rows(figures.by_state)),
        spreadsheets.Sheet(
            _("Weitervermittlungen"),
            [_("Organisation"), _("gesamt"), *[str(label) for label in ReferralOutcome.labels]],
            [[str(row.organisation), row.total, *row.by_outcome] for row in figures.referrals],
        ),
    ]


class FiguresExportView(FiguresMixin, View):
    """The figures of the period as one CSV file (a section per figure) or an XLSX workbook (a sheet per figure)."""

    def get(self, request, fmt):
        if fmt not in EXPORTS:
            raise Http404
        form = ReportPeriodForm(request.GET)
        if not form.is_valid():
            message = " ".join(error for errors in form.errors.values() for error in errors)
            return HttpResponse(message, status=400, content_type="text/plain; charset=utf-8")
        start, end = form.period
        figures = advice_figures(fetched_by=request.user, start=start, end=end)
        filename = f"beratung-auswertung-{start:%Y-%m-%d}-bis-{end:%Y-%m-%d}"
        # Files for the district's reports speak German, whatever the interface language.
        with translation.override("de"):
            return EXPORTS[fmt](filename, figure_sheets(figures))
