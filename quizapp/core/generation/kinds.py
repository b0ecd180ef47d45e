"""Builders for blank-filling questions: cloze multiple choice and numeric.

Each builder over-generates: every usable mention becomes a draft, and filters.py and rank.py
decide which survive. Who-said lives in speech.py; true/false and ordering in statements.py.
"""

import random
import re
from collections.abc import Iterator, Mapping, Sequence

from . import distractors
from .context import has_context
from .entities import Analysis
from .markup import squash
from .model import Choice, Draft, Mention, Sentence
from .words import QUALIFIERS

BLANK = "_____"
CLOZE_KINDS = frozenset({"person", "place", "org"})
CLOZE_DATES = frozenset({"year", "decade"})
# "the first twelve months", "six weeks later": lengths of time frame a fact more often
# than they are the fact, so a question on them ranks lower.
SPANS = frozenset("minutes hours days weeks months years decades".split())
SPAN_WEIGHT = 0.5


def blank(sentence: Sentence, start: int, end: int) -> str:
    """The sentence with the span [start, end) replaced by a blank."""
    a, b = start - sentence.start, end - sentence.start
    return squash(sentence.text[:a] + BLANK + sentence.text[b:])


def says(sentence: Sentence) -> str:
    return f'The article says: "{squash(sentence.text)}"'


def salience(analysis: Analysis, canonical: str) -> float:
    """How central the entity is to the text, 0–1 (see entities._salience)."""
    return analysis.salience.get(canonical, 0.0)


def shuffled(correct: str, wrong: Sequence[str], rng: random.Random) -> tuple[Choice, ...]:
    choices = [Choice(correct, True), *(Choice(w, False) for w in wrong)]
    rng.shuffle(choices)
    return tuple(choices)


def local_rng(seed: int, family: str, offset: int) -> random.Random:
    """The random source of one draft: fixed by the seed and the draft's place in the text,
    so an edit elsewhere in the text does not reshuffle this draft's options."""
    return random.Random(f"{seed}:{family}:{offset}")


def cloze(analysis: Analysis, seed: int, extra: Mapping[str, Sequence[str]]) -> Iterator[Draft]:
    """Sentence with a person, place, organisation or year blanked; options of its type."""
    for sentence, mentions in zip(analysis.sentences, analysis.mentions, strict=True):
        for mention in mentions:
            if mention.kind in CLOZE_KINDS or (
                mention.kind == "date" and mention.subtype in CLOZE_DATES
            ):
                rng = local_rng(seed, "cloze", mention.start)
                draft = _cloze(mention, sentence, analysis, rng, extra)
                if draft:
                    yield draft


def _cloze(
    mention: Mention,
    sentence: Sentence,
    analysis: Analysis,
    rng: random.Random,
    extra: Mapping[str, Sequence[str]],
) -> Draft | None:
    entity = analysis.entities.get(mention.canonical)
    if entity and entity.kind == "org" and entity.subtype == "media":
        return None  # the outlet that reported a fact is a credit, not the fact
    stem = blank(sentence, mention.start, mention.end)
    doomed = analysis.is_protagonist(mention.canonical) or not has_context(
        sentence, analysis.mentions[sentence.index]
    )
    # A draft the filters will drop anyway is not worth a search for distractors.
    options = [] if doomed else distractors.for_mention(mention, entity, analysis, stem, rng, extra)
    if len(options) < 2 and not doomed:
        return None
    weight = salience(analysis, mention.canonical) if entity else 0.4
    return Draft(
        "cloze",
        "single",
        f"Fill in the blank: {stem}",
        shuffled(mention.text, [t for t, _ in options], rng),
        None,
        None,
        sentence,
        says(sentence),
        mention.text,
        mention.kind,
        stem,
        entity.aliases if entity else frozenset(),
        tuple(s for _, s in options),
        weight,
    )


def numeric(analysis: Analysis) -> Iterator[Draft]:
    """A counted quantity blanked: "How many Pakistani military posts? … captured ___ …"."""
    for sentence, mentions in zip(analysis.sentences, analysis.mentions, strict=True):
        for mention in mentions:
            if mention.kind == "quantity" and mention.value:
                yield _numeric(mention, sentence)


# A verb that makes the figure after it a threshold or an estimate: "would surpass 35,000".
_HEDGING_VERB = re.compile(
    r"\b(?:surpass(?:ed|es)?|exceed(?:ed|s)?|top(?:ped|s)?|estimated(?: at)?|an estimate of)\s+"
    r"(?:\S+\s+)?$",
    re.IGNORECASE,
)


def rounding(figure: str) -> float:
    """Half a unit of the figure's last digit: a percentage is given rounded ("26 per
    cent" is anything from 25.5 to 26.5), so an answer within that is right."""
    decimals = len(figure.partition(".")[2])
    return round(0.5 * 10**-decimals, decimals + 1)


def round_figure(value: float | None) -> float:
    """Half a unit of a round count's last non-zero digit (330,000 is anything from 325,000
    to 335,000): news gives a figure of tens of thousands ending in 000 rounded."""
    if not value or value < 10_000 or value % 1_000 or value != int(value):
        return 0.0
    unit = 1_000
    while int(value) % (unit * 10) == 0:
        unit *= 10
    return unit / 2


def hedged(mention: Mention, sentence: Sentence) -> bool:
    """Whether the text gives the figure as a bound or an estimate ("more than 12,000", "at
    least 37", "nearly 70,000", "would surpass 35,000"): graded with a tolerance, since the
    exact number is not what the text claims. "all 12" is exact."""
    if mention.qualifier and (QUALIFIERS.get(mention.qualifier) or mention.qualifier != "all"):
        return True
    return bool(_HEDGING_VERB.search(sentence.text[: mention.start - sentence.start]))


# The figure of a percentage: the blank keeps its unit ("_____ per cent of the votes").
_FIGURE = re.compile(r"\d[\d,]*(?:\.\d+)?")


def _numeric(mention: Mention, sentence: Sentence) -> Draft:
    figure = _FIGURE.match(mention.text) if mention.subtype == "percent" else None
    end = mention.start + figure.end() if figure else mention.end
    stem = blank(sentence, mention.start, end)
    question = {"percent": "What percentage?", "total": "What figure?"}.get(
        mention.subtype, f"How many {mention.noun}?"
    )
    tolerance = round(mention.value * 0.1, 6) if hedged(mention, sentence) else 0.0
    if figure:
        tolerance = max(tolerance, rounding(figure.group()))
    tolerance = max(tolerance, round_figure(mention.value))
    weight = 0.5 + 0.1 * min(len(mention.noun.split()), 3)
    if mention.noun in SPANS:
        weight *= SPAN_WEIGHT
    return Draft(
        "numeric",
        "numeric",
        f"{question} Fill in the number: {stem}",
        (),
        mention.value,
        tolerance,
        sentence,
        says(sentence),
        mention.text,
        "quantity",
        stem,
        salience=weight,
    )
