"""The arithmetic of the evaluation: weighted means, exact ties, competition ranking."""

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from gemeinwohl.landpolicy import scoring


@dataclass
class Item:
    pk: int
    weight: Decimal = Decimal(0)


def test_the_mean_is_exact():
    assert scoring.mean([1, 1, 2]) == Fraction(4, 3)
    assert scoring.mean([]) == 0


def test_the_weighted_total_is_a_value_on_the_scale():
    # Given weights 60 % and 40 % and means 10 and 5 on a scale up to 10
    total = scoring.weighted_total([Decimal("60"), Decimal("40")], [Fraction(10), Fraction(5)])
    # Then the total is 8 of 10, that is 80 %
    assert total == 8
    assert scoring.percent_of_maximum(total, 10) == 80


def test_standard_competition_ranking_shows_ties_as_ties():
    ranks = scoring.competition_ranks([Fraction(10), Fraction(8), Fraction(8), Fraction(5)])
    assert [(r.rank, r.tied) for r in ranks] == [(1, False), (2, True), (2, True), (4, False)]


def test_thirds_are_not_rounded_into_a_tie():
    # Given weights in thirds as far as two decimals go
    criteria = [Item(1, Decimal("33.33")), Item(2, Decimal("33.33")), Item(3, Decimal("33.34"))]
    bids = [Item(10), Item(11)]
    jurors = [100, 101, 102]
    scores = {}
    # Bid 10: 7 points everywhere. Bid 11: 7 everywhere except one juror gives 8 on criterion 3
    # and another 6 on criterion 1: nearly the same total, but not exactly.
    for bid in (10, 11):
        for criterion in (1, 2, 3):
            for juror in jurors:
                scores[(bid, criterion, juror)] = 7
    scores[(11, 3, 100)] = 8
    scores[(11, 1, 101)] = 6

    results = scoring.evaluate(bids=bids, criteria=criteria, juror_ids=jurors, scores=scores, scale_max=10)

    # Then the totals differ by 0.01/3 of a point: no tie, and bid 11 is first
    assert [r.bid.pk for r in results] == [11, 10]
    assert [(r.rank, r.tied) for r in results] == [(1, False), (2, False)]
    assert results[0].total - results[1].total == Fraction(1, 300) * Fraction(1, 100)
    # Rounded for display they look alike; the ranking still tells them apart
    assert results[0].total_rounded == results[1].total_rounded == Decimal("7.00")


def test_equal_totals_are_tied_and_the_next_rank_is_skipped():
    criteria = [Item(1, Decimal("50")), Item(2, Decimal("50"))]
    bids = [Item(10), Item(11), Item(12), Item(13)]
    jurors = [100]
    points = {10: (9, 9), 11: (8, 6), 12: (6, 8), 13: (1, 2)}
    scores = {(bid, c, 100): points[bid][c - 1] for bid in points for c in (1, 2)}

    results = scoring.evaluate(bids=bids, criteria=criteria, juror_ids=jurors, scores=scores, scale_max=10)

    assert [(r.bid.pk, r.rank, r.tied) for r in results] == [
        (10, 1, False),
        (11, 2, True),
        (12, 2, True),
        (13, 4, False),
    ]
    assert results[1].means == [Fraction(8), Fraction(6)]
    assert results[3].percent_rounded == Decimal("15.0")


def test_complete_means_every_juror_every_bid_every_criterion():
    scores = {(1, 1, 1): 5, (1, 1, 2): 5}
    assert scoring.is_complete(bid_ids=[1], criterion_ids=[1], juror_ids=[1, 2], scores=scores)
    assert not scoring.is_complete(bid_ids=[1], criterion_ids=[1, 2], juror_ids=[1, 2], scores=scores)
    assert not scoring.is_complete(bid_ids=[], criterion_ids=[1], juror_ids=[1], scores={})


def test_rounding_is_commercial():
    assert scoring.rounded(Fraction(1, 8)) == Decimal("0.13")
    assert scoring.rounded(Fraction(2, 3)) == Decimal("0.67")
