"""The arithmetic of a concept tender's evaluation: means, weighted totals, ranking with ties.

Pure functions on plain values, exact throughout (``Fraction``; weights come in
as ``Decimal`` per cent): two bids are tied only when their totals are equal,
never because two floats happened to round alike. Rounding happens once, for
display (``rounded``).

- Per bid and criterion: the mean of the jurors' points.
- The weighted total: Σ weight/100 * mean, a value on the tender's scale.
- Its share of the scale's maximum in per cent.
- Standard competition ranking ("1, 2, 2, 4"): a bid's rank is one more than
  the number of bids with a strictly higher total.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

# (bid id, criterion id, juror id) -> points
ScoreKey = tuple[int, int, int]


@dataclass(frozen=True)
class Ranked:
    """A bid's place in the ranking: its rank and whether another bid has the very same total."""

    rank: int
    tied: bool


@dataclass
class BidResult:
    """One bid's evaluation: per criterion the jurors' points (in jury order) and their mean; total, per cent, rank."""

    bid: object
    points: list[list[int | None]]  # per criterion, per juror
    means: list[Fraction]  # per criterion
    total: Fraction
    percent: Fraction
    rank: int = 0
    tied: bool = False

    @property
    def total_rounded(self) -> Decimal:
        return rounded(self.total)

    @property
    def percent_rounded(self) -> Decimal:
        return rounded(self.percent, places=1)

    @property
    def means_rounded(self) -> list[Decimal]:
        return [rounded(mean) for mean in self.means]


def rounded(value: Fraction, places: int = 2) -> Decimal:
    """``value`` as a Decimal with ``places`` decimals, halves rounded up (commercial rounding)."""
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def mean(points: Iterable[int]) -> Fraction:
    """The exact mean of the points (0 for none)."""
    values = list(points)
    return Fraction(sum(values), len(values)) if values else Fraction(0)


def weighted_total(weights: Sequence[Decimal], means: Sequence[Fraction]) -> Fraction:
    """Σ weight/100 * mean: with weights adding up to 100, a value on the scale."""
    return sum((Fraction(weight) / 100 * value for weight, value in zip(weights, means, strict=True)), Fraction(0))


def percent_of_maximum(total: Fraction, scale_max: int) -> Fraction:
    """The total as a share of the highest possible total, in per cent."""
    return total * 100 / scale_max


def competition_ranks(totals: Sequence[Fraction]) -> list[Ranked]:
    """Standard competition ranking of ``totals`` (highest first), in the order given: 10, 8, 8, 5 → 1, 2, 2, 4."""
    ranked = []
    for total in totals:
        higher = sum(1 for other in totals if other > total)
        same = sum(1 for other in totals if other == total)
        ranked.append(Ranked(rank=higher + 1, tied=same > 1))
    return ranked


def is_complete(*, bid_ids: Sequence[int], criterion_ids: Sequence[int], juror_ids: Sequence[int], scores) -> bool:
    """Every juror scored every bid on every criterion (and there is something to score)."""
    if not (bid_ids and criterion_ids and juror_ids):
        return False
    return all(
        (bid, criterion, juror) in scores for bid in bid_ids for criterion in criterion_ids for juror in juror_ids
    )


def scored_pairs(scores: Iterable[ScoreKey]) -> set[tuple[int, int]]:
    """The (juror id, bid id) pairs with a score: a juror scores a bid on all criteria at once."""
    return {(juror, bid) for bid, _criterion, juror in scores}


def evaluate(
    *,
    bids: Sequence,
    criteria: Sequence,
    juror_ids: Sequence[int],
    scores: Mapping[ScoreKey, int],
    scale_max: int,
) -> list[BidResult]:
    """The results of all ``bids`` (objects with ``pk``), best first; equal totals keep the bids' order.

    ``criteria`` are objects with ``pk`` and ``weight`` (per cent). Means are
    over the jurors who gave points, so call this for a complete evaluation.
    """
    weights = [criterion.weight for criterion in criteria]
    results = []
    for bid in bids:
        points = [[scores.get((bid.pk, criterion.pk, juror)) for juror in juror_ids] for criterion in criteria]
        means = [mean(value for value in row if value is not None) for row in points]
        total = weighted_total(weights, means)
        results.append(
            BidResult(bid=bid, points=points, means=means, total=total, percent=percent_of_maximum(total, scale_max))
        )
    for result, ranked in zip(results, competition_ranks([result.total for result in results]), strict=True):
        result.rank, result.tied = ranked.rank, ranked.tied
    # sorted() is stable: tied bids stay in the order they came in (by submission).
    return sorted(results, key=lambda result: result.rank)
