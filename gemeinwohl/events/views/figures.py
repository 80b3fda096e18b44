"""Figures on events for reporting: a page with bar charts and tables, and the same figures as CSV or XLSX."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView
from rules.contrib.views import PermissionRequiredMixin

from gemeinwohl.core import spreadsheets
from gemeinwohl.core.forms import ReportPeriodForm
from gemeinwohl.core.reports import bars, period_query, quick_periods
from gemeinwohl.events.figures import COUNT_FIELDS, COUNT_LABELS, Figures, events_figures

# The table per event is paged on the page (the files hold every event).
EVENTS_PER_PAGE = 50
EXPORTS = {"csv": spreadsheets.csv_response, "xlsx": spreadsheets.xlsx_response}


class FiguresMixin(LoginRequiredMixin, PermissionRequiredMixin):
    """The team, administrators and Bezirksamt staff; others are sent to log in or refused."""

    permission_required = "events.view_figures"


def charts(figures: Figures) -> dict[str, list]:
    """Each table's rows beside the bar of the number the chart is about."""
    return {
        "formats_registrations": bars([(row.name, row.counts.registrations) for row in figures.formats]),
        "formats_attended": bars([(row.name, row.counts.attended) for row in figures.formats]),
        # Each sector's row with the bar of the people who held a place.
        "sectors": list(zip(figures.sectors, bars([(row.label, row.places) for row in figures.sectors]), strict=True)),
    }


class FiguresView(FiguresMixin, TemplateView):
    """The figures for the chosen period (this year so far unless chosen); a wrong period answers 400."""

    template_name = "events/figures.html"

    def get(self, request, *args, **kwargs):
        form = ReportPeriodForm(request.GET)
        context = {"quick_periods": quick_periods(timezone.localdate())}
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form, **context), status=400)
        start, end = form.period
        figures = events_figures(fetched_by=request.user, start=start, end=end)
        return self.render_to_response(
            self.get_context_data(
                form=ReportPeriodForm(initial={"von": start, "bis": end}),
                figures=figures,
                events_page=Paginator(figures.events, EVENTS_PER_PAGE).get_page(request.GET.get("seite")),
                charts=charts(figures),
                count_labels=[COUNT_LABELS[name] for name in COUNT_FIELDS],
                query=period_query(start, end),
                **context,
            )
        )


# --- the files ----------------------------------------------------------------------------


def _count_header() -> list[str]:
    return [str(COUNT_LABELS[name]) for name in COUNT_FIELDS]


def figure_sheets(figures: Figures) -> list[spreadsheets.Sheet]:
    """One table per figure, with the words of the active language."""
    zone = timezone.get_default_timezone()
    overview = [
        [_("Zeitraum von"), figures.start.isoformat()],
        [_("Zeitraum bis"), figures.end.isoformat()],
        [_("Veranstaltungen"), figures.event_count],
        [_("abgesagte Veranstaltungen"), figures.cancelled_count],
        [_("Veranstaltungen mit abgeschlossener Anwesenheit"), figures.closed_count],
        *[[str(COUNT_LABELS[name]), getattr(figures.total, name)] for name in COUNT_FIELDS],
    ]
    events = [
        [
            f"{timezone.localtime(row.start, zone):%Y-%m-%d %H:%M}",
            row.title,
            str(row.format_name),
            "" if row.capacity is None else row.capacity,
            _("ja") if row.is_cancelled else _("nein"),
            _("ja") if row.attendance_closed else _("nein"),
            *row.counts.as_list(),
        ]
        for row in figures.events
    ]
    return [
        spreadsheets.Sheet(_("Überblick"), [_("Kennzahl"), _("Wert")], overview),
        spreadsheets.Sheet(
            _("Veranstaltungen"),
            [
                _("Beginn"),
                _("Titel"),
                _("Format"),
                _("Plätze"),
                _("abgesagt"),
                _("Anwesenheit abgeschlossen"),
                *_count_header(),
            ],
            events,
        ),
        spreadsheets.Sheet(
            _("Formate"),
            [_("Format"), _("Veranstaltungen"), *_count_header()],
            [[str(row.name), row.events, *row.counts.as_list()] for row in figures.formats],
        ),
        spreadsheets.Sheet(
            _("Bereiche"),
            [_("Bereich"), _("mit Platz"), _("teilgenommen")],
            [[str(row.label), row.places, row.attended] for row in figures.sectors],
        ),
    ]


class FiguresExportView(FiguresMixin, View):
    """The figures of the period as one CSV file (a section per figure) or an XLSX workbook (a sheet per figure)."""

    def get(self, request, file_format):
        if file_format not in EXPORTS:
            raise Http404
        form = ReportPeriodForm(request.GET)
        if not form.is_valid():
            message = " ".join(error for errors in form.errors.values() for error in errors)
            return HttpResponse(message, status=400, content_type="text/plain; charset=utf-8")
        start, end = form.period
        figures = events_figures(fetched_by=request.user, start=start, end=end)
        filename = f"veranstaltungen-auswertung-{start:%Y-%m-%d}-bis-{end:%Y-%m-%d}"
        # Files for the district's reports speak German, whatever the interface language.
        with translation.override("de"):
            return EXPORTS[file_format](filename, figure_sheets(figures))


figures_export = FiguresExportView.as_view()
