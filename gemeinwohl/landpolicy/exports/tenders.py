"""A concept tender's complete evaluation as spreadsheet tables: criteria, ranking, every juror's points.

Built from ``selectors.tenders.evaluation`` only (no further queries), and only
for a complete evaluation: the views answer 404 before.
"""

from django.utils.translation import gettext as _

from gemeinwohl.core.spreadsheets import Sheet
from gemeinwohl.landpolicy.selectors.tenders import Evaluation


def applicant_name(bid) -> str:
    applicant = bid.organisation or bid.person
    return str(applicant) if applicant is not None else ""


def rank_text(result) -> str:
    """ "2" or "2 (gleichauf)": the tie in words, not only in a repeated number."""
    if result.tied:
        return _("%(rank)s (gleichauf)") % {"rank": result.rank}
    return str(result.rank)


def evaluation_sheets(evaluation: Evaluation) -> list[Sheet]:
    tender = evaluation.tender
    criteria_sheet = Sheet(
        title=_("Kriterien"),
        header=[_("Nr."), _("Kriterium"), _("Gewicht (%)"), _("Erläuterung")],
        rows=[
            [number, criterion.name, criterion.weight, criterion.description]
            for number, criterion in enumerate(evaluation.criteria, start=1)
        ],
    )
    ranking_sheet = Sheet(
        title=_("Rangfolge"),
        header=[
            _("Rang"),
            _("punktgleich"),
            _("Konzept"),
            _("Bewerbende"),
            _("eingereicht am"),
            _("Gesamtpunktzahl (Skala %(min)s–%(max)s)") % {"min": tender.scale_min, "max": tender.scale_max},
            _("Anteil an der Höchstpunktzahl (%)"),
        ],
        rows=[
            [
                result.rank,
                _("ja") if result.tied else _("nein"),
                result.bid.title,
                applicant_name(result.bid),
                result.bid.submitted_on.strftime("%d.%m.%Y"),
                result.total_rounded,
                result.percent_rounded,
            ]
            for result in evaluation.results
        ],
    )
    juror_names = [juror.user.name or juror.user.email for juror in evaluation.jurors]
    points_rows = []
    for result in evaluation.results:
        for row in result.rows:
            points_rows.append(
                [
                    rank_text(result),
                    result.bid.title,
                    row.criterion.name,
                    row.criterion.weight,
                    *[cell.points for cell in row.cells],
                    row.mean,
                ]
            )
    points_sheet = Sheet(
        title=_("Punkte je Jurymitglied"),
        header=[_("Rang"), _("Konzept"), _("Kriterium"), _("Gewicht (%)"), *juror_names, _("Mittelwert")],
        rows=points_rows,
    )
    return [ranking_sheet, criteria_sheet, points_sheet]
