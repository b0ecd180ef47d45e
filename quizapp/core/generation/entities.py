"""Find the people, places, organisations, dates and quantities of a text.

Sentence by sentence, runs of capitalised words are classified (chunks.py) and numbers read
(numbers.py); a second pass over the whole text resolves surnames ("Asif" after "Khawaja
Asif"), acronyms and their expansions, and counts how often each entity comes back.
"""

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property

from . import chunks, lexicon, numbers, roles
from . import names as naming
from .model import Entity, Mention, Sentence

# An entity among the two most frequent is a protagonist only when named this often.
PROTAGONIST_COUNT = 3
_TOKEN = re.compile(r"[\w'-]+")
_CONTENT = re.compile(r"[A-Za-z][a-z’'-]{3,}")


@dataclass(frozen=True)
class Analysis:
    text: str
    sentences: tuple[Sentence, ...]
    mentions: tuple[tuple[Mention, ...], ...]  # per sentence, in text order
    entities: dict[str, Entity]
    names: frozenset[str] = frozenset()  # every name of every entity, folded
    salience: dict[str, float] = field(default_factory=dict)  # canonical → 0–1
    protagonists: frozenset[str] = frozenset()  # folded names of the two main countries
    weights: tuple[float, ...] = ()  # per sentence: how much it is the story (roles.py)
    lead_words: frozenset[str] = frozenset()  # content words of the headline and lead
    overlaps: tuple[float, ...] = ()  # per sentence: how much it shares with the lead
    dateline: tuple[int, int, int] | None = None  # (year, month, day) of the article
    where: dict[str, tuple[int, ...]] = field(default_factory=dict)  # canonical → sentences
    _stems: dict[int, frozenset[str]] = field(default_factory=dict, compare=False, repr=False)
    _subtypes: dict[str, frozenset[str]] = field(default_factory=dict, compare=False, repr=False)
    _spellings: dict[str, str] = field(default_factory=dict, compare=False, repr=False)

    def named(self, spelling: str) -> str:
        """The canonical name of the entity a spelling names, or ""."""
        if not self._spellings:
            self._spellings.update(
                (lexicon.fold(a), e.canonical) for e in self.entities.values() for a in e.aliases
            )
        return self._spellings.get(lexicon.fold(spelling), "")

    def subtypes(self, canonical: str) -> frozenset[str]:
        """Every subtype the text gives the entity's mentions ("city" and "province")."""
        found = self._subtypes.get(canonical)
        if found is None:
            found = self._subtypes[canonical] = frozenset(
                m.subtype
                for i in self.where.get(canonical, ())
                for m in self.mentions[i]
                if m.canonical == canonical
            )
        return found

    def stems(self, index: int) -> frozenset[str]:
        """The first five letters of each content word of sentence `index`, lower case."""
        found = self._stems.get(index)
        if found is None:
            words = _CONTENT.findall(self.sentences[index].text)
            found = self._stems[index] = frozenset(w.lower()[:5] for w in words)
        return found

    def lead(self, index: int) -> float:
        """How much sentence `index` is about what the headline and lead are about, 0–1."""
        return self.overlaps[index] if index < len(self.overlaps) else 0.0

    def weight(self, index: int) -> float:
        """How much sentence `index` is the story rather than a byline, bio or opinion."""
        return self.weights[index] if index < len(self.weights) else 1.0

    @cached_property
    def countries(self) -> tuple[str, ...]:
        """The countries the text names, itself or by a province or region in it, most named
        first: where a city name that several countries share is read."""
        counts: Counter[str] = Counter()
        for entity in self.entities.values():
            place = lexicon.place(entity.canonical) if entity.kind == "place" else None
            if place is not None and place.country and place.subtype != "city":
                counts[place.country] += entity.count
        return tuple(sorted(counts, key=lambda country: (-counts[country], country)))

    def is_protagonist(self, name: str) -> bool:
        """Whether `name` (or its demonym or capital) is one of the text's two main countries."""
        return bool(
            lexicon.fold(name) in self.protagonists
            or lexicon.related_words(name) & self.protagonists
        )


def analyse(text: str, sentences: list[Sentence]) -> Analysis:
    """Mentions of every sentence and the entities they refer to."""
    raw = [_sentence_runs(s) for s in sentences]
    acronyms = naming.acronyms(sentences, raw)
    acronyms.update(naming.other_names(sentences, raw, acronyms))
    persons = naming.known_persons(raw)
    mentions = []
    recent: dict[str, str] = {}
    for sentence, found in zip(sentences, raw, strict=True):
        dated = list(numbers.dates(sentence))
        taken = [(m.start, m.end) for m in dated]
        named = naming.resolve(sentence, found, acronyms, persons, recent)
        counted = list(numbers.quantities(sentence, taken))
        mentions.append(tuple(sorted(named + dated + counted, key=lambda m: m.start)))
    entities = _entities(mentions, acronyms)
    lead = roles.lead_words(sentences)
    names = frozenset(lexicon.fold(a) for e in entities.values() for a in e.aliases)
    return Analysis(
        text,
        tuple(sentences),
        tuple(mentions),
        entities,
        names,
        _salience(entities),
        _protagonists(entities, text),
        roles.weights(sentences),
        lead,
        tuple(roles.overlap(s, lead) for s in sentences),
        roles.dateline(text),
        _where(mentions),
    )


def _where(mentions: list[tuple[Mention, ...]]) -> dict[str, tuple[int, ...]]:
    """The sentences that name each entity, in order."""
    found: dict[str, list[int]] = {}
    for index, sentence_mentions in enumerate(mentions):
        for mention in sentence_mentions:
            places = found.setdefault(mention.canonical, [])
            if not places or places[-1] != index:
                places.append(index)
    return {name: tuple(indices) for name, indices in found.items()}


def _protagonists(entities: dict[str, Entity], text: str) -> frozenset[str]:
    """Folded names of the two countries named most, when they come back often enough: the
    parties to the conflict the text is about. "Pakistani" and "Islamabad" count for
    Pakistan."""
    folded = lexicon.fold(text)
    tally = Counter(_TOKEN.findall(folded))
    counts = {
        e.canonical: _country_count(e, folded, tally)
        for e in entities.values()
        if e.subtype == "country"
    }
    ranked = sorted(counts, key=lambda name: (-counts[name], entities[name].first))
    return frozenset(
        lexicon.fold(a)
        for name in ranked[:2]
        if counts[name] >= PROTAGONIST_COUNT
        for a in entities[name].aliases
    )


def _country_count(entity: Entity, folded: str, tally: Counter[str]) -> int:
    """Mentions of a country by its names, and by its demonyms and capital, in the folded
    text (`tally` counts its words)."""
    words = lexicon.related_words(entity.canonical) - {lexicon.fold(a) for a in entity.aliases}
    return entity.count + sum(folded.count(w) if " " in w else tally[w] for w in words)


def _salience(entities: dict[str, Entity]) -> dict[str, float]:
    """How central each entity is: log of its count against the most frequent one's.

    The two most frequent entities of a text are usually its protagonists ("Pakistan" and
    "Afghanistan" in an article about their war); a question whose answer is one of them tests
    little, so they count as less salient, not more."""
    ranked = sorted(entities.values(), key=lambda e: (-e.count, e.first))
    top = ranked[0].count if ranked else 1
    found = {e.canonical: math.log1p(e.count) / math.log1p(top) for e in ranked}
    for protagonist in ranked[:2]:
        if protagonist.count >= PROTAGONIST_COUNT:
            found[protagonist.canonical] = 0.3
    return found


def _sentence_runs(sentence: Sentence) -> list[chunks.Run]:
    if sentence.is_heading:
        return []
    found: list[chunks.Run] = []
    previous_title: chunks.Run | None = None
    for run in chunks.runs(sentence.text):
        for item in chunks.classify(run, sentence.text):
            item = _after_title(item, previous_title, sentence.text)
            previous_title = item if item.kind == "title" else None
            found.append(item)
    return found


def _after_title(item: chunks.Run, title: chunks.Run | None, text: str) -> chunks.Run:
    """A name in apposition to a title is a person: "Supreme Leader, Haibatullah Akhunzada"."""
    if (
        item.kind in ("unknown", "person")
        and title
        and re.fullmatch(r",\s*", text[title.end : item.start])
    ):
        affiliation = item.affiliation or title.affiliation
        role = item.subtype or chunks.role_class(title.text)
        return chunks.Run("person", role, item.start, item.end, item.text, affiliation)
    return item


def _entities(mentions: list[tuple[Mention, ...]], acronyms: dict[str, str]) -> dict:
    by_name: dict[str, list[Mention]] = {}
    for sentence_mentions in mentions:
        for mention in sentence_mentions:
            if mention.kind in ("person", "place", "org", "thing"):
                by_name.setdefault(mention.canonical, []).append(mention)
    reverse = {expansion: acronym for acronym, expansion in acronyms.items()}
    return {name: _entity(name, found, reverse) for name, found in by_name.items()}


def _entity(name: str, found: list[Mention], reverse: dict[str, str]) -> Entity:
    first = found[0]
    aliases = {name, *(m.text for m in found)}
    if name in reverse:
        aliases.add(reverse[name])
    if first.kind == "person":
        aliases.update(w for w in name.split() if len(w) > 3)
    subtypes = Counter(m.subtype for m in found if m.subtype not in ("acronym", ""))
    subtype = subtypes.most_common(1)[0][0] if subtypes else first.subtype
    affiliation = next((m.affiliation for m in found if m.affiliation), "")
    if first.kind == "person" and name in naming.KNOWN_PEOPLE:
        # The regional bank knows this person's side and office better than the sentence.
        affiliation, subtype = naming.KNOWN_PEOPLE[name]
    return Entity(
        name, first.kind, subtype, frozenset(aliases), len(found), first.sentence, affiliation
    )
