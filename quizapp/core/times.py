"""Time zones: stored times are naive UTC; people read and type times in their own zone.

Pure functions over `zoneinfo`: the caller says which zone, this module never guesses.
"""

from datetime import UTC, datetime, timedelta
from functools import cache
from zoneinfo import ZoneInfo, available_timezones

MAX_ZONE_LENGTH = 64
# The years a typed time may fall in. A school's quizzes and due dates are set for this
# century; the bounds also keep every zone's offset far from the year 1 and 9999 ends of
# `datetime`, where converting a time between zones overflows.
FIRST_YEAR, LAST_YEAR = 2000, 2099
OUT_OF_RANGE = f"Give a date in the years {FIRST_YEAR} to {LAST_YEAR}."
STYLES = {
    "date": "%d %b %Y",
    "day": "%d %b",
    "datetime": "%d %b %Y, %H:%M",
    "time": "%H:%M",
}


@cache
def zone_names() -> tuple[str, ...]:
    """Every IANA zone name this machine knows, sorted (read once)."""
    return tuple(sorted(available_timezones()))


@cache
def _known() -> frozenset[str]:
    return frozenset(zone_names())


def zone(name: str | None) -> ZoneInfo | None:
    """The zone called `name` (an IANA name such as "Asia/Karachi"), or None if there is none."""
    if not name or len(name) > MAX_ZONE_LENGTH or name not in _known():
        return None
    return ZoneInfo(name)


def to_local(stored: datetime, where: ZoneInfo) -> datetime:
    """A stored naive-UTC time as an aware time in `where`; in UTC when `where` would carry it
    past the first or last day `datetime` knows (a value stored before typed years were checked):
    a page still shows it, rather than failing for everyone who reads it."""
    in_utc = stored.replace(tzinfo=UTC)
    try:
        return in_utc.astimezone(where)
    except OverflowError:
        return in_utc


def is_typeable(typed: datetime) -> bool:
    """Whether a time someone typed falls in the years the app takes (FIRST_YEAR to LAST_YEAR)."""
    return FIRST_YEAR <= typed.year <= LAST_YEAR


def from_local(typed: datetime, where: ZoneInfo) -> datetime:
    """A naive time typed by someone in `where`, as naive UTC for storing."""
    return typed.replace(tzinfo=where).astimezone(UTC).replace(tzinfo=None)


def local_text(stored: datetime, where: ZoneInfo, style: str = "datetime") -> str:
    """How a person in `where` reads a stored time; times carry the zone's abbreviation."""
    local = to_local(stored, where)
    text = local.strftime(STYLES[style])
    if style in ("datetime", "time"):
        text += f" {local.tzname()}"
    return text


def utc_iso(stored: datetime) -> str:
    """A stored naive-UTC time as ISO 8601 with a Z, for <time datetime> and exports."""
    return stored.isoformat(timespec="seconds") + "Z"


def end_of_local_day(now: datetime, where: ZoneInfo) -> datetime:
    """Naive UTC of the next local midnight in `where`: anything due before it is due today."""
    local = to_local(now, where)
    midnight = datetime(local.year, local.month, local.day) + timedelta(days=1)
    return from_local(midnight, where)
