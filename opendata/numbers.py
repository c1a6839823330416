"""Averages as published: exact arithmetic, one decimal, halves rounded up (24.25 → 24.3)."""

from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

ONE_PLACE = Decimal("0.1")


def rounded(value):
    """One decimal place of an int, Fraction or float; None stays None."""
    if value is None:
        return None
    value = Fraction(value)
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return exact.quantize(ONE_PLACE, rounding=ROUND_HALF_UP)


def mean(values):
    values = list(values)
    return rounded(Fraction(sum(values), len(values))) if values else None


def median(values):
    ordered = sorted(values)
    if not ordered:
        return None
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return rounded(ordered[middle])
    return rounded(Fraction(ordered[middle - 1] + ordered[middle], 2))


def reduction(before_total, after_total):
    """How much smaller `after` is, in % of `before` (negative when it grew)."""
    if not before_total:
        return None
    return rounded(Fraction(100 * (before_total - after_total), before_total))
