"""Times as people read them: every template shows a stored (naive UTC) time through these
filters, in the reader's zone: their own, else the school's APP_TIMEZONE.

    {{ attempt.started_at|localtime }}          04 Dec 2026, 11:13 PKT
    {{ attempt.started_at|localtime('date') }}  04 Dec 2026
    {{ assignment.due_at|localtime('day') }}    04 Dec
    {{ attempt.deadline_at|localtime('time') }} 11:13 PKT

Each gives a <time> element whose datetime attribute is the UTC instant (ISO 8601, Z) and
whose title says the time in UTC.
"""

from datetime import datetime
from zoneinfo import ZoneInfo

from flask import Flask, current_app, g
from flask_login import current_user
from markupsafe import Markup, escape

from quizapp.core.times import local_text, utc_iso, zone


def init_times(app: Flask) -> None:
    app.add_template_filter(localtime)
    app.add_template_global(reader_zone_name)


def school_zone() -> ZoneInfo:
    return zone(current_app.config["APP_TIMEZONE"]) or ZoneInfo("UTC")


def reader_zone() -> ZoneInfo:
    """The zone of the person this request is for (kept for the request)."""
    if "reader_zone" not in g:
        own = current_user.timezone if current_user.is_authenticated else None
        g.reader_zone = zone(own) or school_zone()
    return g.reader_zone


def reader_zone_name() -> str:
    return reader_zone().key


def localtime(value: datetime | None, style: str = "datetime") -> Markup:
    """A stored time as a <time> element in the reader's zone; empty for no time."""
    if value is None:
        return Markup("")
    instant = utc_iso(value)
    utc_title = local_text(value, ZoneInfo("UTC"), "datetime")
    return Markup('<time datetime="{}" title="{}">{}</time>').format(
        instant, utc_title, escape(local_text(value, reader_zone(), style))
    )
