"""Lay out the timeline: parse partial ISO dates, order events and group them into eras.

Dates may be a year ("1994"), a month ("2017-03") or a day ("1893-11-12"). The result is a
tuple of eras for a vertical timeline; each event knows its place in the whole timeline and
in its era, and how long after the previous event it comes, so the page can mark long gaps.
"""

import bisect
import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
PRECISIONS = ("year", "month", "day")
TUPLE_FIELDS = ("date", "title", "label", "text", "topic")

# (first year, title): an event belongs to the last era starting in or before its year.
ERAS = (
    (1893, "An empire draws a border"),
    (1979, "Soviet war, refugees and the first Taliban government"),
    (2001, "The US war and the Pakistani Taliban"),
    (2021, "The Taliban return and the road to open war"),
)


@dataclass(frozen=True)
class TimelineEvent:
    date: str  # as written in the data file
    sort_date: dt.date  # first day of the year or month when the day is not known
    precision: str  # "year", "month" or "day"
    year: int
    label: str
    title: str
    text: str
    topic: str
    index: int  # 0-based position in the whole timeline
    position: float  # 0.0 at the era's first event, 1.0 at its last, by date
    gap_before: int  # years since the previous event's year when at least min_gap, else 0


@dataclass(frozen=True)
class Era:
    title: str
    label: str  # "1893–1949": the years of its first and last events
    events: tuple[TimelineEvent, ...]
    gap_before: int  # the first event's gap_before, for a marker between eras


def parse_date(value: str | dt.date) -> tuple[dt.date, str]:
    """The sort date and precision of "1994", "2017-03", "1893-11-12" (or a date object)."""
    if isinstance(value, dt.date):
        return value, "day"
    numbers = [int(part) for part in value.split("-")]
    if len(numbers) > 3:
        raise ValueError(f"not a year, month or day: {value!r}")
    return dt.date(*numbers, *[1] * (3 - len(numbers))), PRECISIONS[len(numbers) - 1]


def human_date(day: dt.date, precision: str) -> str:
    """The date as "12 November 1893", "March 2017" or "1994": as precise as the source."""
    if precision == "day":
        return f"{day.day} {MONTHS[day.month - 1]} {day.year}"
    if precision == "month":
        return f"{MONTHS[day.month - 1]} {day.year}"
    return str(day.year)


def _fields(event: Mapping | Sequence) -> dict:
    return (
        dict(event) if isinstance(event, Mapping) else dict(zip(TUPLE_FIELDS, event, strict=False))
    )


def _era_index(year: int, starts: list[int]) -> int:
    return max(bisect.bisect_right(starts, year) - 1, 0)


def _position(day: dt.date, first: dt.date, last: dt.date) -> float:
    span = (last - first).days
    return round((day - first).days / span, 3) if span else 0.0


def _place(items: list[dict], min_gap: int) -> list[TimelineEvent]:
    out, previous_year = [], None
    for index, item in enumerate(items):
        day, precision = item["sort_date"], item["precision"]
        gap = 0 if previous_year is None else day.year - previous_year
        out.append(
            TimelineEvent(
                date=str(item["date"]),
                sort_date=day,
                precision=precision,
                year=day.year,
                label=item.get("label") or human_date(day, precision),
                title=item.get("title", ""),
                text=item.get("text", ""),
                topic=item.get("topic", ""),
                index=index,
                position=0.0,
                gap_before=gap if gap >= min_gap else 0,
            )
        )
        previous_year = day.year
    return out


def _era(title: str, events: list[TimelineEvent]) -> Era:
    first, last = events[0], events[-1]
    placed = tuple(
        replace(e, position=_position(e.sort_date, first.sort_date, last.sort_date)) for e in events
    )
    label = str(first.year) if first.year == last.year else f"{first.year}–{last.year}"
    return Era(title, label, placed, first.gap_before)


def layout(
    events: Iterable[Mapping | Sequence],
    eras: Sequence[tuple[int, str]] = ERAS,
    min_gap: int = 6,
) -> tuple[Era, ...]:
    """Events (dicts, or tuples of date, title, label, text, topic) ordered and grouped by era.

    Eras without events are left out. Events dated before the first era join the first.
    """
    items = []
    for event in events:
        item = _fields(event)
        item["sort_date"], item["precision"] = parse_date(item["date"])
        items.append(item)
    items.sort(key=lambda item: item["sort_date"])  # stable: same-day events keep file order
    starts = [start for start, _ in eras]
    grouped: dict[int, list[TimelineEvent]] = {}
    for event in _place(items, min_gap):
        grouped.setdefault(_era_index(event.year, starts), []).append(event)
    return tuple(_era(eras[i][1], grouped[i]) for i in sorted(grouped))
