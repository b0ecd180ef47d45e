"""Relative time words ("today", "last month") made absolute from the article's dateline.

A statement saying something happened "today" is wrong by the time a class reads it. With a
dateline the words are replaced by the date they mean; without one the draft is not made.
Weekday names are left alone: the article itself says which day they are.
"""

import re
from datetime import date, timedelta

from .words import MONTHS

_MONTH_NAMES = [m.capitalize() for m in sorted(MONTHS, key=MONTHS.get)]
RELATIVE = re.compile(
    r"\b(?:(?P<when>earlier|later|early|late)\s+)?"
    r"(?P<word>today|tonight|yesterday|tomorrow"
    r"|(?P<which>this|last|next) (?P<unit>week|month|year))\b",
    re.IGNORECASE,
)
# "earlier this month" and "late yesterday" are read as a whole.
_EARLIER_THIS = re.compile(r"\b(earlier|later) this (week|month|year)\b", re.IGNORECASE)


def has_relative(text: str) -> bool:
    return RELATIVE.search(text) is not None or _EARLIER_THIS.search(text) is not None


def resolve(text: str, dateline: tuple[int, int, int] | None) -> str | None:
    """`text` with its relative time words made absolute, the text itself when it has none,
    or None when it has some and there is no dateline to read them from."""
    if not has_relative(text):
        return text
    try:
        day = date(*dateline) if dateline else None
    except ValueError:
        day = None  # "31 February": a date line we misread is no date line
    if day is None:
        return None
    text = _EARLIER_THIS.sub(lambda m: f"{m[1]} in {_period(day, m[2].lower(), 0)}", text)
    return RELATIVE.sub(lambda m: _absolute(m, day), text)


def _absolute(match: re.Match, day: date) -> str:
    word, when = match["word"].lower(), (match["when"] or "").lower()
    prefix = f"{when} " if when else ""
    if match["unit"]:
        shift = {"this": 0, "last": -1, "next": 1}[match["which"].lower()]
        return f"{prefix}in {_period(day, match['unit'].lower(), shift)}"
    shift = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[word]
    found = day + timedelta(days=shift)
    night = "on the night of " if word == "tonight" else "on "
    return f"{prefix}{night}{_day(found)}"


def _day(found: date) -> str:
    return f"{found.day} {_MONTH_NAMES[found.month - 1]} {found.year}"


def _period(day: date, unit: str, shift: int) -> str:
    if unit == "year":
        return str(day.year + shift)
    if unit == "month":
        index = day.year * 12 + day.month - 1 + shift
        return f"{_MONTH_NAMES[index % 12]} {index // 12}"
    start = day - timedelta(days=day.weekday()) + timedelta(weeks=shift)
    return f"the week of {_day(start)}"
