"""Builders for blank-filling questions: cloze multiple choice, numeric, and who-said.

Each builder over-generates: every usable mention becomes a draft, and filters.py and rank.py
decide which survive. True/false and ordering live in statements.py.
"""

import random
import re
from collections.abc import Iterator, Mapping, Sequence

from . import distractors
from .entities import Analysis
from .filters import has_context, words
from .model import Choice, Draft, Mention, Sentence
from .words import QUALIFIERS, QUOTE_VERBS, SPEECH_VERBS

BLANK = "_____"
CLOZE_KINDS = frozenset({"person", "place", "org"})
CLOZE_DATES = frozenset({"year", "decade"})
MIN_QUOTE_WORDS = 4
# "the first twelve months", "six weeks later": lengths of time frame a fact more often
# than they are the fact, so a question on them ranks lower.
SPANS = frozenset("minutes hours days weeks months years decades".split())
SPAN_WEIGHT = 0.5
_QUOTE = re.compile(r"“([^“”]+)”|\"([^\"\n]+)\"")
_VERBS = "|".join(sorted(QUOTE_VERBS, key=len, reverse=True))
_PRONOUN_AFTER = re.compile(rf"^[,.]?\s*(?:he|she)\s+(?:{_VERBS})\b", re.IGNORECASE)
_VERB_AFTER = re.compile(rf"^[,.]?\s*(?:{_VERBS})\s+$")
_SPEECH_BETWEEN = re.compile(
    rf"\b(?:{'|'.join(SPEECH_VERBS)}|saying|calling|described|term|spoke|speaking)\b"
)


def squash(text: str) -> str:
    return " ".join(text.split())


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


def _numeric(mention: Mention, sentence: Sentence) -> Draft:
    stem = blank(sentence, mention.start, mention.end)
    question = "What percentage?" if mention.subtype == "percent" else f"How many {mention.noun}?"
    tolerance = round(mention.value * 0.1, 6) if QUALIFIERS.get(mention.qualifier) else 0.0
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


def who_said(analysis: Analysis, seed: int, extra: Mapping[str, Sequence[str]]) -> Iterator[Draft]:
    """A quotation and the person it is attributed to, with other people as options."""
    for sentence, mentions in zip(analysis.sentences, analysis.mentions, strict=True):
        for quote in _QUOTE.finditer(sentence.text):
            speaker = _speaker(analysis, sentence, mentions, quote)
            if speaker and len(words(quote.group(1) or quote.group(2))) >= MIN_QUOTE_WORDS:
                rng = local_rng(seed, "who_said", sentence.start + quote.start())
                draft = _who_said(quote, speaker, sentence, analysis, rng, extra)
                if draft:
                    yield draft


def _who_said(
    quote: re.Match,
    speaker: Mention,
    sentence: Sentence,
    analysis: Analysis,
    rng: random.Random,
    extra: Mapping[str, Sequence[str]],
) -> Draft | None:
    said = squash(quote.group(1) or quote.group(2)).rstrip(",;:")
    entity = analysis.entities[speaker.canonical]
    options = distractors.choose(
        entity.canonical,
        entity.aliases,
        distractors.pool(speaker, entity, analysis, rng, extra),
        said,
    )
    if len(options) < 2:
        return None
    pronoun = (
        ""
        if speaker.sentence == sentence.index
        else f" The speaker, {entity.canonical}, is named just before."
    )
    return Draft(
        "who_said",
        "single",
        f'Who said: "{said}"?',
        shuffled(entity.canonical, [t for t, _ in options], rng),
        None,
        None,
        sentence,
        says(sentence) + pronoun,
        entity.canonical,
        "person",
        said,
        entity.aliases,
        tuple(s for _, s in options),
        0.6 + 0.4 * salience(analysis, entity.canonical),
    )


def _speaker(
    analysis: Analysis, sentence: Sentence, mentions: Sequence[Mention], quote: re.Match
) -> Mention | None:
    """Who the sentence says spoke the quotation, following "he said" back to a name."""
    after = sentence.text[quote.end() :]
    people = [m for m in mentions if m.kind == "person"]
    if _PRONOUN_AFTER.match(after):
        return _last_person(analysis, sentence.index, sentence.start + quote.start())
    for person in people:
        offset = person.start - sentence.start
        if offset >= quote.end() and _VERB_AFTER.match(sentence.text[quote.end() : offset]):
            return person
    before = [p for p in people if p.end - sentence.start <= quote.start()]
    if before:
        between = sentence.text[before[-1].end - sentence.start : quote.start()]
        if _SPEECH_BETWEEN.search(between) and not _QUOTE.search(between):
            return before[-1]
    return None


def _last_person(analysis: Analysis, index: int, before: int) -> Mention | None:
    """The last person named before offset `before`, this sentence or the two before it."""
    for i in range(index, max(-1, index - 3), -1):
        people = [m for m in analysis.mentions[i] if m.kind == "person" and m.end <= before]
        if people:
            return people[-1]
    return None
