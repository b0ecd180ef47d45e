"""Numbers written for people: thousands separators, no exponents, tolerances as ranges."""

import math
from decimal import Decimal

_GROUP_FROM = 10_000
_NOISE_DIGITS = 12  # significant digits kept when a sum or difference picks up float noise


def readable_number(value: float) -> str:
    """1000000.0 → "1,000,000"; 2.5 → "2.5"; 1893.0 → "1893"; 1e-07 → "0.0000001".

    Four-digit numbers keep no separator, so years read as years."""
    if not math.isfinite(value):
        return str(value)
    grouping = "," if abs(value) >= _GROUP_FROM else ""
    # repr gives the shortest text that reads back as the same float, so no invented digits.
    text = format(Decimal(repr(float(value))), f"{grouping}f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _tidy(value: float) -> float:
    """value - tolerance can come out as 0.19999999999999998; read it as 0.2."""
    return float(f"{value:.{_NOISE_DIGITS}g}")


def tolerance_range(value: float, tolerance: float) -> tuple[str, str]:
    """The lowest and highest accepted answers, as readable numbers."""
    low, high = _tidy(value - abs(tolerance)), _tidy(value + abs(tolerance))
    return readable_number(low), readable_number(high)


def readable_key(value: float, tolerance: float = 0.0) -> str:
    """A numeric key: "1,000,000 (anything between 900,000 and 1,100,000 counts)"."""
    shown = readable_number(value)
    if not tolerance:
        return shown
    low, high = tolerance_range(value, tolerance)
    return f"{shown} (anything between {low} and {high} counts)"


def readable_points(value: float) -> str:
    """Points as every page shows them, to at most two decimals: 4.0 → "4", 1.3333 → "1.33",
    0.5 → "0.5" (partial credit is often a third, which has no end)."""
    return readable_number(round(value, 2))


def readable_percent(value: float | None) -> str:
    """A percentage as every page shows it: 0 → "0 %", 100.0 → "100 %", 66.666 → "66.7 %"
    (one decimal only when it is not zero), "–" for none. A share short of 100 never reads
    "100 %". The space before % does not break."""
    if value is None:
        return "–"
    shown = round(value, 1)
    if shown >= 100 > value:
        shown = 99.9
    text = f"{shown + 0.0:.1f}".removesuffix(".0")
    return f"{'0' if text == '-0' else text}\u00a0%"
