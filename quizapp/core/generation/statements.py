"""Builders for whole-statement questions: true/false and ordering of dated events.

A true statement is the sentence itself, word for word. A false one changes a single fact:
a number, or a person, place or organisation swapped for one of the same type that the text
does not put in that sentence's neighbourhood.
"""

import random
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from . import distractors, lexicon, numbers
from .entities import Analysis
from .filters import PERSONAL as _PERSONAL
from .filters import REFERRING, count_phrase, has_context, words
from .kinds import local_rng, salience, says, squash
from .model import Choice, Draft, Mention, Sentence
from .words import DANGLING_OPENERS

SWAP_ORDER = ("quantity", "person", "place")
# Qualifiers that make a figure a bound: a changed bound may still be true.
BOUNDS = frozenset(
    {
        "more than",
        "fewer than",
        "less than",
        "at least",
        "at most",
        "over",
        "up to",
        "just over",
        "just under",
        "all",
    }
)
MAX_STATEMENT_WORDS = 35
EVENTS_PER_QUESTION = 4
MAX_EVENT_WORDS = 28
# Events of one ordering question come from this many consecutive sentences at most.
EVENT_WINDOW = 40
_DATED = re.compile(
    r"^(?:(?:On|In|By|From|Since|During|Until|Early in|Late in|"
    r"At the end of|Later, in|Then, in)\s+(?:the\s+)?)?$"
)


def true_false(
    analysis: Analysis, seed: int, extra: Mapping[str, Sequence[str]]
) -> Iterator[Draft]:
    """One statement per factual sentence: the sentence itself, or one fact changed."""
    for sentence, mentions in zip(analysis.sentences, analysis.mentions, strict=True):
        facts = [m for m in mentions if m.kind in SWAP_ORDER]
        if (
            not facts
            or not _telling(mentions, analysis)
            or len(words(sentence.text)) > MAX_STATEMENT_WORDS
        ):
            continue
        if not has_context(sentence, mentions):
            continue
        rng = local_rng(seed, "true_false", sentence.start)
        swap = _swap(facts, sentence, analysis, rng, extra) if rng.random() < 0.5 else None
        weight = sum(salience(analysis, m.canonical) for m in facts) / len(facts)
        yield _statement(sentence, swap, 0.3 + 0.7 * weight)


def _telling(mentions: Sequence[Mention], analysis: Analysis) -> bool:
    """Whether the sentence states a fact beyond the two main parties: a person, a number,
    a date, a group or another place ("Islamabad and Kabul have smoothed over tensions
    before" only restates what the whole text is about)."""
    return any(
        m.kind in ("person", "quantity", "date", "org")
        or (m.kind == "place" and not analysis.is_protagonist(m.canonical))
        for m in mentions
    )


def _statement(sentence: Sentence, swap: tuple[Mention, str] | None, weight: float) -> Draft:
    if swap is None:
        statement, key, note = squash(sentence.text), "true", ""
    else:
        mention, replacement = swap
        a, b = mention.start - sentence.start, mention.end - sentence.start
        statement = squash(sentence.text[:a] + replacement + sentence.text[b:])
        key = f"false:{mention.text}->{replacement}"
        note = f" It names {mention.text}, not {replacement}."
    choices = (Choice("True", swap is None), Choice("False", swap is not None))
    verdict = "True." if swap is None else "False."
    return Draft(
        "true_false",
        "true_false",
        f"True or false? {statement}",
        choices,
        None,
        None,
        sentence,
        f"{verdict} {says(sentence)}{note}",
        key,
        "statement",
        statement,
        salience=weight,
    )


def _swap(
    facts: list[Mention],
    sentence: Sentence,
    analysis: Analysis,
    rng: random.Random,
    extra: Mapping[str, Sequence[str]],
) -> tuple[Mention, str] | None:
    ordered = sorted(facts, key=lambda m: (SWAP_ORDER.index(m.kind), m.start))
    for mention in ordered:
        if count_phrase(sentence.text, mention.text) != 1:
            continue  # the name left elsewhere in the sentence would give the swap away
        replacement = _replacement(mention, sentence, analysis, rng, extra)
        if replacement:
            return mention, replacement
    return None


def _replacement(
    mention: Mention,
    sentence: Sentence,
    analysis: Analysis,
    rng: random.Random,
    extra: Mapping[str, Sequence[str]],
) -> str | None:
    if mention.kind == "quantity":
        if mention.qualifier in BOUNDS:
            return None  # "more than 3 million" is not made false by "more than 1 million"
        return numbers.altered(mention, rng, analysis.text)
    entity = analysis.entities.get(mention.canonical)
    if entity is None or mention.subtype in ("country", "capital", "region"):
        return None  # swapping whole countries makes claims nobody would believe
    # People may be swapped for others the text names elsewhere (a misattribution); places
    # and organisations only for ones it never names, so the swap cannot be true elsewhere.
    avoid = _neighbourhood(analysis, sentence) if mention.kind == "person" else analysis.text
    found = distractors.pool(mention, entity, analysis, rng, extra)
    if mention.kind == "place":
        found = _same_country(mention.canonical, found)
    chosen = distractors.choose(mention.text, entity.aliases, found, avoid, wanted=1)
    return chosen[0][0] if chosen else None


def _same_country(name: str, options: Iterable[distractors.Option]) -> Iterator:
    """Places in the same country as `name`: "Pakistan's Daykundi province" is a giveaway."""
    home = lexicon.place(name)
    for option in options:
        found = lexicon.place(option[0])
        if home is None or (found is not None and found.country == home.country):
            yield option


def _neighbourhood(analysis: Analysis, sentence: Sentence) -> str:
    around = analysis.sentences[max(0, sentence.index - 2) : sentence.index + 3]
    return " ".join(s.text for s in around)


@dataclass(frozen=True)
class Event:
    sentence: Sentence
    when: tuple[int, int, int]
    date: str
    text: str


def ordering(analysis: Analysis) -> Iterator[Draft]:
    """Runs of dated events, near each other in the text, to put in order."""
    events = [
        e
        for s, ms in zip(analysis.sentences, analysis.mentions, strict=True)
        if (e := _event(s, ms))
    ]
    for i in range(len(events) - EVENTS_PER_QUESTION + 1):
        group = events[i : i + EVENTS_PER_QUESTION]
        if group[-1].sentence.index - group[0].sentence.index < EVENT_WINDOW and _orderable(group):
            yield _ordering(group)


def _event(sentence: Sentence, mentions: Sequence[Mention]) -> Event | None:
    dates = [
        m
        for m in mentions
        if m.kind == "date" and m.value and m.date and m.subtype in ("full", "month_year", "year")
    ]
    if len(dates) != 1 or sentence.is_heading:
        return None
    date = dates[0]
    lead = sentence.text[: date.start - sentence.start]
    rest = sentence.text[date.end - sentence.start :].lstrip(", ")
    first = words(rest)[0].lower() if words(rest) else ""
    leans_back = first in DANGLING_OPENERS or _PERSONAL.search(rest) or REFERRING.search(rest)
    if not _DATED.match(lead) or leans_back or not 5 <= len(words(rest)) <= MAX_EVENT_WORDS:
        return None
    return Event(sentence, date.date, date.text, squash(rest[0].upper() + rest[1:]))


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
        salience=0.6,
        span=(first.start, last.end),
    )
