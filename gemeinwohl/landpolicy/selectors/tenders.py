"""Reading concept tenders, scoped by the reader.

Every surface (list, detail page, PDF, XLSX) takes its tenders from
``Tender.objects.visible_to(reader)``, which also lets jurors in. The
evaluation keeps each juror's points to that juror until the whole jury has
scored every bid: before that, ``Evaluation`` holds no other juror's points,
notes, totals or ranking at all, so no template can show them by mistake.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from gemeinwohl.core.access import get_visible_or_404
from gemeinwohl.landpolicy import scoring
from gemeinwohl.landpolicy.models import Bid, CriteriaChange, Juror, Score, Tender, TenderCriterion


def _count(queryset: QuerySet):
    """A correlated count (0 for none) that does not multiply rows as joins of several relations would."""
    counted = queryset.order_by().values("tender_id").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def tender_list(*, fetched_by) -> list[Tender]:
    """The tenders ``fetched_by`` may open, newest first, with property and counts, in one query.

    Those who work land policy see every tender their clearance allows; anybody
    else only the tenders they sit on the jury of. Each tender carries
    ``bid_count``, ``juror_count``, ``criterion_count``, ``pairs_scored`` (bids
    scored by a juror, counted per juror) and ``pairs_total``.
    """
    tenders = Tender.objects.visible_to(fetched_by)
    if not fetched_by.has_perm("landpolicy.view_tender"):
        tenders = tenders.filter(jurors__user=fetched_by)
    tenders = tenders.select_related("plot").annotate(
        bid_count=_count(Bid.objects.filter(tender=OuterRef("pk"))),
        juror_count=_count(Juror.objects.filter(tender=OuterRef("pk"))),
        criterion_count=_count(TenderCriterion.objects.filter(tender=OuterRef("pk"))),
        score_count=Coalesce(
            Subquery(
                Score.objects.filter(bid__tender=OuterRef("pk"))
                .order_by()
                .values("bid__tender")
                .annotate(n=Count("pk"))
                .values("n"),
                output_field=IntegerField(),
            ),
            Value(0),
        ),
    )
    result = list(tenders)
    for tender in result:
        # A juror scores a bid on all criteria at once, so scores / criteria is the number of bids scored.
        tender.pairs_scored = tender.score_count // tender.criterion_count if tender.criterion_count else 0
        tender.pairs_total = tender.bid_count * tender.juror_count
    return result


def tender_get(*, pk, fetched_by) -> Tender:
    """The tender with its property, if ``fetched_by`` may see it; else 404, the same for hidden and missing."""
    return get_visible_or_404(Tender.objects.select_related("plot"), fetched_by, pk=pk)


@dataclass
class JurorProgress:
    juror: Juror
    scored: int
    total: int

    @property
    def done(self) -> bool:
        return self.total > 0 and self.scored == self.total


@dataclass
class OwnScore:
    criterion: TenderCriterion
    points: int
    note: str


@dataclass
class Cell:
    juror: Juror
    points: int | None
    note: str


@dataclass
class CriterionRow:
    """One criterion of one bid in a complete evaluation: each juror's points and note, and their mean."""

    criterion: TenderCriterion
    mean: Decimal
    cells: list[Cell]


@dataclass
class Evaluation:
    """What the detail page, the PDF and the XLSX show of a tender's evaluation for one reader.

    ``results`` (all points, notes, totals, ranks) is filled only when
    ``complete``; before, a juror finds their own scores in ``own_scores``
    and everybody the progress per juror.
    """

    tender: Tender
    criteria: list[TenderCriterion]
    bids: list[Bid]
    jurors: list[Juror]
    changes: list[CriteriaChange]
    weights_total: Decimal
    complete: bool
    progress: list[JurorProgress]
    own_juror: Juror | None = None
    own_scores: dict[int, list[OwnScore]] = field(default_factory=dict)  # bid id -> the reader's scores
    to_score: list[Bid] = field(default_factory=list)  # bids the reader, a juror, has not scored yet
    # Only when complete: best first, each with ``rows`` (a CriterionRow per criterion).
    results: list[scoring.BidResult] | None = None

    @property
    def weights_complete(self) -> bool:
        return bool(self.criteria) and self.weights_total == 100

    @property
    def own_by_bid(self) -> list[tuple[Bid, list[OwnScore]]]:
        """The reader's own scores, bid by bid in the order of the bids."""
        return [(bid, self.own_scores[bid.pk]) for bid in self.bids if bid.pk in self.own_scores]

    @property
    def has_ties(self) -> bool:
        return any(result.tied for result in self.results or [])


def evaluation(*, tender: Tender, fetched_by) -> Evaluation:
    """The evaluation of ``tender`` (fetched for ``fetched_by`` through ``tender_get``) as that reader may see it.

    Five queries whatever the number of bids, criteria and jurors: criteria,
    bids with their applicants, jurors with their accounts, all scores, the
    change record. Others' points never leave this function before the
    evaluation is complete.
    """
    criteria = list(tender.criteria.order_by("position", "pk"))
    bids = list(tender.bids.select_related("organisation", "person").order_by("submitted_on", "pk"))
    jurors = list(tender.jurors.select_related("user").order_by("user__name", "pk"))
    rows = list(
        Score.objects.filter(bid__tender=tender).values_list("bid_id", "criterion_id", "juror_id", "points", "note")
    )
    changes = list(tender.criteria_changes.select_related("by").order_by("at", "pk"))

    points = {(bid, criterion, juror): value for bid, criterion, juror, value, _note in rows}
    complete = scoring.is_complete(
        bid_ids=[bid.pk for bid in bids],
        criterion_ids=[criterion.pk for criterion in criteria],
        juror_ids=[juror.pk for juror in jurors],
        scores=points,
    )
    pairs = scoring.scored_pairs(points)
    bid_ids = {bid.pk for bid in bids}
    progress = [
        JurorProgress(juror=juror, scored=sum(1 for j, b in pairs if j == juror.pk and b in bid_ids), total=len(bids))
        for juror in jurors
    ]
    result = Evaluation(
        tender=tender,
        criteria=criteria,
        bids=bids,
        jurors=jurors,
        changes=changes,
        weights_total=sum((criterion.weight for criterion in criteria), Decimal(0)),
        complete=complete,
        progress=progress,
    )
    user_id = getattr(fetched_by, "pk", None)
    own = next((juror for juror in jurors if juror.user_id == user_id), None)
    if own is not None:
        by_pk = {criterion.pk: criterion for criterion in criteria}
        result.own_juror = own
        for bid, criterion, juror, value, note in rows:
            if juror == own.pk:
                result.own_scores.setdefault(bid, []).append(OwnScore(by_pk[criterion], value, note))
        for scores in result.own_scores.values():
            scores.sort(key=lambda score: (score.criterion.position, score.criterion.pk))
        result.to_score = [bid for bid in bids if bid.pk not in result.own_scores]
    if complete:
        result.results = scoring.evaluate(
            bids=bids,
            criteria=criteria,
            juror_ids=[juror.pk for juror in jurors],
            scores=points,
            scale_max=tender.scale_max,
        )
        notes = {(bid, criterion, juror): note for bid, criterion, juror, _value, note in rows if note}
        for bid_result in result.results:
            bid_result.rows = [
                CriterionRow(
                    criterion=criterion,
                    mean=scoring.rounded(bid_result.means[index]),
                    cells=[
                        Cell(
                            juror,
                            bid_result.points[index][number],
                            notes.get((bid_result.bid.pk, criterion.pk, juror.pk), ""),
                        )
                        for number, juror in enumerate(jurors)
                    ],
                )
                for index, criterion in enumerate(criteria)
            ]
    return result
