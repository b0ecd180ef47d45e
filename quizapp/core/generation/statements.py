"""Builders for true/false statements.

A true statement is the sentence itself, word for word. A false one changes a single fact:
a number, or a person, place or organisation swapped for one of the same type that the text
does not put in that sentence's neighbourhood.
"""

import random
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence

from . import distractors, kinds, lexicon, numbers
from . import gazetteer as gz
from .context import has_context, words
from .entities import Analysis
from .filters import count_phrase
from .kinds import local_rng, salience, says
from .markup import squash
from .model import Choice, Draft, Mention, Sentence

SWAP_ORDER = ("quantity", "person", "org", "place", "date")
# A lower bound stays true when lowered and an upper bound when raised: change each the
# other way, and far enough that the claim is false.
LOWER_BOUNDS = frozenset({"more than", "over", "at least", "just over"})
UPPER_BOUNDS = frozenset({"fewer than", "less than", "at most", "up to", "just under"})
_DAY = re.compile(r"\b(\d{1,2})\b")
_YEAR_IN = re.compile(r"\b(1[5-9]\d\d|20\d\d)\b")
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
        if not has_context(sentence, mentions) or (sentence.is_item and not _has_verb(sentence)):
            continue
        rng = local_rng(seed, "true_false", sentence.start)
        weight = 0.3 + 0.7 * sum(salience(analysis, m.canonical) for m in facts) / len(facts)
        # Both readings are drafted; the ranker keeps one per sentence and balances them.
        yield _statement(sentence, None, weight)
        swap = _swap(facts, sentence, analysis, rng, extra)
        if swap:
            yield _statement(sentence, swap, weight)


_VERB = re.compile(
    r"\b(?:is|are|was|were|be|been|has|have|had|will|would|can|could|may|might|must|should"
    r"|did|does|do|said|says|[a-z]+ed|won|took|made|met|told|fell|rose|began|left|went|came"
    r"|gave|got|led|held|hit|put|set|fought|struck|beat|kept|lost|paid|sent|found|brought"
    r"|built|became|drew|grew|knew|shot|ran|saw|wants|lies|runs|lives)\b"
)


def _has_verb(sentence: Sentence) -> bool:
    """Whether a list item reads as a sentence ("Kabul, the capital." does not)."""
    return _VERB.search(sentence.text) is not None


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
        replaced=swap[0].text if swap else "",
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
        if count_phrase(sentence.text, mention.text) != 1 or _bracketed(mention, sentence):
            continue  # the name left elsewhere in the sentence would give the swap away
        replacement = _replacement(mention, sentence, analysis, rng, extra)
        if replacement:
            return mention, replacement
    return None


def _bracketed(mention: Mention, sentence: Sentence) -> bool:
    """Whether the name has its acronym or expansion in brackets next to it: swapping one
    half of "Baloch Liberation Army (BLA)" leaves the other to contradict it."""
    after = sentence.text[mention.end - sentence.start :]
    before = sentence.text[: mention.start - sentence.start]
    return after.startswith((" (", "(")) or before.endswith("(")


def _replacement(
    mention: Mention,
    sentence: Sentence,
    analysis: Analysis,
    rng: random.Random,
    extra: Mapping[str, Sequence[str]],
) -> str | None:
    if mention.kind == "quantity":
        return _changed_number(mention, rng, analysis.text)
    if mention.kind == "date":
        return _changed_date(mention, rng, analysis)
    entity = analysis.entities.get(mention.canonical)
    if entity is None or analysis.is_protagonist(mention.canonical) or entity.subtype == "media":
        return None  # the parties the whole text is about, or the outlet credited: no claim
    if mention.kind == "person" and _ROLE_BEFORE.search(sentence_text(mention, analysis)):
        return None  # "then Prime Minister, X": another person in that role is absurd
    if mention.subtype in ("capital", "region"):
        return None
    # People, organisations and countries may be swapped for others the text names
    # elsewhere (a misattribution), unless the text links them to the same words; other
    # places only for ones it never names, so the swap cannot be true elsewhere.
    named = mention.kind in ("person", "org") or mention.subtype == "country"
    avoid = _neighbourhood(analysis, sentence) if named else analysis.text
    stem = kinds.blank(sentence, mention.start, mention.end)
    found = distractors.unlinked(
        distractors.pool(mention, entity, analysis, rng, extra), stem, analysis
    )
    if mention.kind == "place" and mention.subtype != "country":
        found = _same_country(mention.canonical, found, analysis)
    if mention.kind == "person" and entity.affiliation:
        found = _same_side(entity.affiliation, found, analysis)
    if mention.subtype == "country" or (named and " " not in mention.text):
        # A country, or a name given alone ("Haibatullah"), only for one the text names,
        # written alike.
        found = (o for o in found if o[1] == "text" and (" " in o[0]) == (" " in mention.text))
    chosen = distractors.choose(mention.text, entity.aliases, found, avoid, wanted=1)
    return chosen[0][0] if chosen else None


def _changed_number(mention: Mention, rng: random.Random, text: str) -> str | None:
    """The number changed so the statement is false: a bound only the way that breaks it."""
    if mention.qualifier in LOWER_BOUNDS:
        return numbers.altered(mention, rng, text, factors=(2, 3))
    if mention.qualifier in UPPER_BOUNDS:
        return numbers.altered(mention, rng, text, factors=(0.5, 0.3))
    if mention.qualifier in BOUNDS:
        return None  # "all 12 members": no other number makes a clear claim
    return numbers.altered(mention, rng, text)


# A title or role just before a name: "Pakistan's then Prime Minister, ", "President ".
_ROLE_BEFORE = re.compile(
    r"\b(?:[Pp]resident|[Mm]inister|[Cc]hief|[Ll]eader|[Ss]pokes(?:wo)?man|[Gg]eneral|[Ss]ecretary"
    r"|[Cc]ommander|[Gg]overnor|[Kk]ing|[Qq]ueen|[Ss]kipper|[Cc]aptain|[Cc]oach|[Aa]mbassador"
    r"|[Dd]irector|[Cc]hairman|[Ss]peaker|[Jj]ustice|[Jj]udge)(?:'s|’s)?,?\s*$"
)
_WEEKDAY_NEAR = re.compile(
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s*$", re.IGNORECASE
)


def sentence_text(mention: Mention, analysis: Analysis) -> str:
    """The text of the mention's sentence up to the mention."""
    sentence = analysis.sentences[mention.sentence]
    return sentence.text[: mention.start - sentence.start]


# A year right before a name ("the 2015 Paris Agreement", "the 2008 Beijing Olympics").
_NAMED_AFTER = re.compile(r"\s+(?:[A-Z][\w'’-]+)")


def _after(mention: Mention, analysis: Analysis) -> str:
    """The text of the mention's sentence after the mention."""
    sentence = analysis.sentences[mention.sentence]
    return sentence.text[mention.end - sentence.start :]


def _changed_date(mention: Mention, rng: random.Random, analysis: Analysis) -> str | None:
    """Another year that the text does not name. A day moved within its month tests the
    calendar, not the story, and a weekday beside the date ("Tuesday, 14 October") would
    only move with it: neither makes a false statement."""
    if mention.subtype not in ("year", "full", "month_year", "month") or not mention.date:
        return None
    year, _, day = mention.date
    if _WEEKDAY_NEAR.search(sentence_text(mention, analysis)) or (day and not year):
        return None
    if mention.subtype == "year" and _NAMED_AFTER.match(_after(mention, analysis)):
        return None  # "the 2015 Paris Agreement": the year is part of a name everyone knows
    shifts = [2, 3, 4, -2, -3, -4]
    rng.shuffle(shifts)
    for shift in shifts:
        if year:
            changed = _YEAR_IN.sub(str(year + shift), mention.text, count=1)
        else:
            return None
        if changed != mention.text and changed not in analysis.text:
            return changed
    return None


_SIDES = {name: group for name, group, _ in gz.PEOPLE}


def _same_side(side: str, options: Iterable[distractors.Option], analysis: Analysis) -> Iterator:
    """People of the same country or movement: a Taliban leader swapped for a Pakistani
    minister makes an absurd claim, not a plausible false one."""
    for option in options:
        entity = analysis.entities.get(option[0])
        if (entity.affiliation if entity else _SIDES.get(option[0], "")) == side:
            yield option


def _same_country(name: str, options: Iterable[distractors.Option], analysis: Analysis) -> Iterator:
    """Places in the same country as `name`: "Pakistan's Daykundi province" is a giveaway.
    A name that several countries have is read in the countries the text names."""
    countries = analysis.countries
    home = lexicon.place_in(name, countries)
    for option in options:
        found = lexicon.place_in(option[0], countries)
        if home is None or (found is not None and found.country == home.country):
            yield option


def _neighbourhood(analysis: Analysis, sentence: Sentence) -> str:
    around = analysis.sentences[max(0, sentence.index - 2) : sentence.index + 3]
    return " ".join(s.text for s in around)
