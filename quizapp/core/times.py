"""Time zones: stored times are naive UTC; people read and type times in their own zone.

Pure functions over `zoneinfo`: the caller says which zone, this module never guesses.
"""

from datetime import UTC, datetime, timedelta
from functools import cache
from zoneinfo import ZoneInfo, available_timezones

MAX_ZONE_LENGTH = 64
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
    """A stored naive-UTC time as an aware time in `where`."""
    return stored.replace(tzinfo=UTC).astimezone(where)


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
