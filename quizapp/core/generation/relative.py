"""Relative time words ("today", "last month") made absolute from the article's dateline.

A statement saying something happened "today" is wrong by the time a class reads it. With a
dateline the words are replaced by the date they mean; without one the draft is not made.
A weekday with no date beside it ("on Sunday", "Sunday's quake") is relative too: a news
report means the last such day up to its dateline. Words no dateline settles ("overnight",
"that year" with no year before it) mean no draft.
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


_DAYS = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
_DAY_NAMES = tuple(_DAYS.split("|"))
# "on Sunday", "Sunday's quake", "Tuesday night"; not "Tuesday, 21 October" nor "Monday 6 May".
WEEKDAY = re.compile(
    rf"\b(?:(?P<on>on|late|early) )?(?P<day>{_DAYS})(?P<own>['’]s)?"
    r"(?: (?P<part>morning|afternoon|evening|night))?\b"
    rf"(?!,? (?:\d|(?:the )?\d|{'|'.join(m.capitalize() for m in MONTHS)}))"
)
# Relative words that a dateline cannot settle: which night, which year?
UNSETTLED = re.compile(
    r"\b(?:overnight|that (?:year|day|night|week|month)|the (?:same|previous|following) "
    r"(?:day|night|week)|the day before|the next day)\b",
    re.IGNORECASE,
)
_YEAR = re.compile(r"\b(?:1[5-9]|20)\d\d\b")
# "announced overnight that": when the news was announced, not when it happened; dropped.
_OVERNIGHT = re.compile(
    r"\b(announced|said|reported|confirmed|stated|added)\s+overnight(?=\s+that\b|,)"
)


# Words one of the patterns needs, looked for before the patterns run (most text has none).
_RELATIVE_WORDS = ("today", "tonight", "yesterday", "tomorrow", "week", "month", "year")
_UNSETTLED_WORDS = ("overnight", "that ", "same", "previous", "following", "day before", "next")


def has_relative(text: str) -> bool:
    low = text.lower()
    return bool(
        (
            any(w in low for w in _RELATIVE_WORDS)
            and (RELATIVE.search(text) or _EARLIER_THIS.search(text))
        )
        or (any(d in text for d in _DAY_NAMES) and WEEKDAY.search(text))
        or (any(w in low for w in _UNSETTLED_WORDS) and _unsettled(text))
    )


def _unsettled(text: str) -> bool:
    """Whether "overnight", or "that year" with no year named before it, is in the text."""
    found = UNSETTLED.search(text)
    return found is not None and not (
        found.group().lower().startswith("that year") and _YEAR.search(text[: found.start()])
    )


def resolve(text: str, dateline: tuple[int, int, int] | None) -> str | None:
    """`text` with its relative time words made absolute, the text itself when it has none,
    or None when it has some and there is no dateline to read them from."""
    if not has_relative(text):
        return text
    try:
        day = date(*dateline) if dateline else None
    except ValueError:
        day = None  # "31 February": a date line we misread is no date line
    text = _OVERNIGHT.sub(r"\1", text)
    if day is None or _unsettled(text):
        return None
    text = WEEKDAY.sub(lambda m: _weekday(m, day), text)
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


def _weekday(match: re.Match, day: date) -> str:
    """The last such weekday up to the dateline: "on Monday" → "on 10 October 2005"."""
    wanted = _DAYS.split("|").index(match["day"])
    found = day - timedelta(days=(day.weekday() - wanted) % 7)
    if match["own"]:
        return f"the {_day(found)}"
    part = match["part"]
    prefix = f"{match['on']} " if match["on"] and match["on"] != "on" else ""
    return f"{prefix}on the {part} of {_day(found)}" if part else f"{prefix}on {_day(found)}"


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
