"""Put in order: three or four dated events from near each other in the text.

An event is a sentence that dates one thing, read three ways: the date first ("In 1996, Sri
Lanka won…"), the date last ("…killed 70,000 people in 2008."), or a dated heading ("2011:
India beat Sri Lanka by 6 wickets"). A day without a year takes the dateline's year.
"""

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from .context import PERSONAL, leans_back, words
from .entities import Analysis
from .markup import squash
from .model import Choice, Draft, Mention, Sentence

EVENTS_PER_QUESTION = (4, 3)  # the longest run that fits, else the shortest allowed
MIN_EVENT_WORDS, MAX_EVENT_WORDS = 4, 28
# Events of one ordering question come from this many consecutive sentences at most.
EVENT_WINDOW = 40
_DATED = re.compile(
    r"^(?:(?:On|In|By|From|During|Until|Early in|Late in|"
    r"At the end of|Later, in|Then, in)\s+(?:the\s+)?)?$"
)
_AFTER = re.compile(r"^[,:]?\s*")
_TRAILING = re.compile(r",?\s+(?:on|in|during|by)\s+(?:the\s+\w+\s+of\s+)?$")
_HEADLINE = re.compile(r"^(?P<year>1[5-9]\d\d|20\d\d):\s+")
USABLE = frozenset({"full", "month_year", "year", "month"})


@dataclass(frozen=True)
class Event:
    sentence: Sentence
    when: tuple[int, int, int]
    date: str
    text: str


def ordering(analysis: Analysis) -> Iterator[Draft]:
    """Runs of dated events, near each other in the text, to put in order."""
    year = analysis.dateline[0] if analysis.dateline else 0
    events = [
        e
        for s, ms in zip(analysis.sentences, analysis.mentions, strict=True)
        if analysis.weight(s.index) > 0 and (e := _event(s, ms, year))
    ]
    for size in EVENTS_PER_QUESTION:
        for i in range(len(events) - size + 1):
            group = events[i : i + size]
            near = group[-1].sentence.index - group[0].sentence.index < EVENT_WINDOW
            if near and _orderable(group):
                yield _ordering(group)


def _event(sentence: Sentence, mentions: Sequence[Mention], year: int) -> Event | None:
    dates = [m for m in mentions if m.kind == "date" and m.date and m.subtype in USABLE]
    if len(dates) != 1:
        return None
    date = dates[0]
    when = date.date if date.date[0] else (year, *date.date[1:])
    if not when[0] or (date.subtype == "month" and not when[2]):
        return None
    a, b = date.start - sentence.start, date.end - sentence.start
    text = _described(sentence, a, b)
    if (
        text is None
        or leans_back(text)
        or PERSONAL.search(text)
        or not MIN_EVENT_WORDS <= len(words(text)) <= MAX_EVENT_WORDS
    ):
        return None
    return Event(sentence, when, date.text, squash(text[0].upper() + text[1:]))


def _described(sentence: Sentence, a: int, b: int) -> str | None:
    """What happened, without its date: the words after a leading date or a dated heading,
    or the words before a closing one."""
    text = sentence.text
    if sentence.is_heading:
        return text[b:].split(":", 1)[-1].strip() if _HEADLINE.match(text) else None
    if _DATED.match(text[:a]):
        return _AFTER.sub("", text[b:], count=1).strip() or None
    closing = text[b:].strip()
    if closing in (".", "") and _TRAILING.search(text[:a]):
        return _TRAILING.sub("", text[:a]).strip() + "."
    return None


def _orderable(group: list[Event]) -> bool:
    """Dates that can be told apart: distinct, and no "1996" next to "September 1996"."""
    for i, a in enumerate(group):
        for b in group[i + 1 :]:
            if a.when[0] == b.when[0] and (
                not a.when[1]
                or not b.when[1]
                or (a.when[1] == b.when[1] and (not a.when[2] or not b.when[2]))
            ):
                return False
    return len({e.text for e in group}) == len(group)


def _ordering(group: list[Event]) -> Draft:
    ordered = sorted(group, key=lambda e: e.when)
    choices = tuple(Choice(e.text, True) for e in ordered)
    dated = "; ".join(f"{e.date}: {e.text}" for e in ordered)
    first, last = group[0].sentence, group[-1].sentence
    return Draft(
        "ordering",
        "ordering",
        "Put these events in the order they happened, earliest first.",
        choices,
        None,
        None,
        first,
        f"The article dates them: {dated}",
        "|".join(e.date for e in ordered),
        "events",
        "",
        salience=0.6 + 0.05 * len(group),
        span=(first.start, last.end),
    )
