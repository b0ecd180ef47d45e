"""Wrong options of the same type as the key: from the text first, then the caller's lists,
then the gazetteer and the regional bank."""

import random
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence

from . import gazetteer as gz
from . import lexicon
from .entities import Analysis
from .filters import nested, phrase_in, related, same_format, same_thing
from .lexicon import fold
from .model import Entity, Mention
from .words import FUNCTION_WORDS

_ACRONYM = re.compile(r"[A-Z][A-Za-z]*[A-Z]|[A-Z](?:\.[A-Z])+\.?")
_YEAR = re.compile(r"\b(1[5-9]\d\d|20\d\d)\b")
Option = tuple[str, str]  # (text, where it came from: text | extra | bank | made)
WANTED = 3
# Bank entries are drawn from the first few of their ordered list, so they stay plausible.
BANK_WINDOW = 8


def for_mention(
    mention: Mention,
    entity: Entity | None,
    analysis: Analysis,
    stem: str,
    rng: random.Random,
    extra: Mapping[str, Sequence[str]],
) -> list[Option]:
    """Up to three distractors for the key `mention`, best first; none the text links to the
    blank's neighbourhood as it links the key (two countries that both "called for calm")."""
    found = pool(mention, entity, analysis, rng, extra)
    aliases = entity.aliases if entity else frozenset({mention.text})
    if mention.kind == "person" and " " not in mention.text:
        found = (o for o in found if " " not in o[0])  # "Haibatullah" among full names
    return choose(mention.text, aliases, unlinked(found, stem, analysis), stem)


def unlinked(found: Iterable[Option], stem: str, analysis: Analysis) -> Iterator[Option]:
    """The options of `found` that the text does not link to the blank's neighbourhood."""
    context = _context(stem)
    return (o for o in found if o[1] != "text" or not _linked(o[0], context, analysis))


_CONTENT = re.compile(r"[A-Za-z][a-z’'-]{3,}")
# Words of the blank's neighbourhood that another sentence must share with an option, and
# how near the blank they must be, for the text to link that option in the same way.
LINKED_WORDS, NEIGHBOURHOOD = 2, 5


def _context(stem: str) -> frozenset[str]:
    """Stems (first five letters) of the content words next to the blank."""
    before, _, after = stem.partition("_____")
    near = _CONTENT.findall(before)[-NEIGHBOURHOOD:] + _CONTENT.findall(after)[:NEIGHBOURHOOD]
    return frozenset(w.lower()[:5] for w in near if w.lower() not in FUNCTION_WORDS)


def _linked(option: str, context: frozenset[str], analysis: Analysis) -> bool:
    """Whether a sentence naming `option` also has two of the blank's neighbouring words."""
    indices = analysis.where.get(option) or analysis.where.get(_canonical(option, analysis), ())
    return any(len(analysis.stems(index) & context) >= LINKED_WORDS for index in indices)


def _canonical(name: str, analysis: Analysis) -> str:
    """The entity a spelling names ("BJP" → "Bharatiya Janata Party"), or the spelling."""
    return analysis.named(name) or name


def choose(
    key: str, aliases: Iterable[str], pool: Iterable[Option], stem: str, wanted: int = WANTED
) -> list[Option]:
    """The first options of `pool` that are not the key, not in the stem and look like it."""
    banned = {fold(a) for a in aliases} | related(key)
    hay = fold(stem)
    taken = [key, *aliases]
    chosen: list[Option] = []
    for text, source in pool:
        words = related(text)
        if fold(text) in banned or words & banned or not same_format(key, text):
            continue
        if _gone_by(text, stem):
            continue
        if any(phrase_in(hay, word) for word in words):
            continue  # "Pakistan" cannot fill a blank in a sentence about Islamabad
        if any(nested(text, c) or same_thing(text, c) for c in taken):
            continue
        chosen.append((text, source))
        taken.append(text)
        if len(chosen) == wanted:
            break
    return chosen


def _gone_by(name: str, stem: str) -> bool:
    """Whether the state `name` no longer existed when the stem is set: a former state is a
    wrong answer only for a stem that names a year when it still existed."""
    last = gz.DEFUNCT.get(name)
    return last is not None and not any(int(y) <= last for y in _YEAR.findall(stem))


def pool(
    mention: Mention,
    entity: Entity | None,
    analysis: Analysis,
    rng: random.Random,
    extra: Mapping[str, Sequence[str]],
) -> Iterator[Option]:
    """Candidate distractors in order of preference; read lazily, as few are needed."""
    kind = mention.kind
    from_extra = [(t, "extra") for t in extra.get(kind, ())]
    if kind == "date":
        yield from _years(mention, analysis, rng)
    elif kind == "person" and entity:
        yield from _people(entity, analysis, rng, from_extra)
    elif kind == "place" and entity:
        yield from _minor(
            analysis,
            [
                *((e.canonical, "text") for e in _same_kind(entity, analysis, mention.subtype)),
                *from_extra,
                *_bank(_places(mention, entity, analysis), rng),
            ],
        )
    elif entity and entity.subtype not in ("", "acronym"):
        short = _ACRONYM.fullmatch(mention.text) is not None
        yield from ((_spelling(e, short), "text") for e in _same_kind(entity, analysis))
        yield from from_extra
        yield from _bank(_organisations(mention, entity, analysis), rng)


def _spelling(entity: Entity, short: bool) -> str:
    """The organisation's acronym when the key is an acronym and the text gives one."""
    if short:
        acronyms = sorted(a for a in entity.aliases if _ACRONYM.fullmatch(a))
        if acronyms:
            return acronyms[0]
    return entity.canonical


def _minor(analysis: Analysis, options: Iterable[Option]) -> Iterator[Option]:
    """Options without the text's two main countries: the parties to a war make poor wrong
    answers for its mediator or its rival (and questions on the parties are not asked)."""
    return (o for o in options if not analysis.is_protagonist(o[0]))


def _same_kind(entity: Entity, analysis: Analysis, subtype: str = "") -> list[Entity]:
    """Other entities of the text of the key's kind and subtype (the mention's subtype when
    given: Kandahar named as a province wants provinces, not cities)."""
    subtype = subtype or entity.subtype
    others = [
        e
        for e in analysis.entities.values()
        if e.kind == entity.kind
        and e.canonical != entity.canonical
        and (e.subtype == subtype or subtype in analysis.subtypes(e.canonical))
    ]
    if entity.kind == "place" and subtype not in ("country", "capital", "region"):
        home = _country(entity.canonical)
        others = [e for e in others if _country(e.canonical) == home]
    return sorted(others, key=lambda e: (-e.count, e.first, e.canonical))


def _country(name: str) -> str:
    place = lexicon.place(name)
    return place.country if place else ""


def _bank(names: Sequence[str], rng: random.Random) -> Iterator[Option]:
    window = list(names[:BANK_WINDOW])
    rng.shuffle(window)
    for name in window:
        yield name, "bank"
    for name in names[BANK_WINDOW:]:
        yield name, "bank"


def _places(mention: Mention, entity: Entity, analysis: Analysis) -> list[str]:
    place = lexicon.place_in(entity.canonical, analysis.countries)
    if place is None:
        return []
    if mention.subtype != place.subtype:
        place = lexicon.Place(place.name, mention.subtype, place.country, place.population)
    return lexicon.similar_places(place)


def _organisations(mention: Mention, entity: Entity, analysis: Analysis) -> list[str]:
    """Bank organisations of the key's category: any for a category alike the world over
    (militant groups, international bodies), else only when the key is itself in the bank
    (one country's agencies stand in for each other, not for another country's)."""
    category = entity.subtype
    if not category or category == "acronym":
        return []
    in_bank = lexicon.organisation(entity.canonical) or lexicon.organisation(mention.text)
    if category not in gz.GLOBAL_CATEGORIES and not in_bank:
        return []
    wants_acronym = _ACRONYM.fullmatch(mention.text) is not None
    names = []
    for name, acronym, kind in gz.ORGANISATIONS:
        if fold(name) in analysis.names or fold(acronym) in analysis.names:
            continue  # the text's own spelling is already in the pool
        if kind == category:
            names.append(acronym if wants_acronym else name)
    return [n for n in names if n]


def _people(
    entity: Entity, analysis: Analysis, rng: random.Random, from_extra: list[Option]
) -> list[Option]:
    """People on the key's side, holding the same kind of office first."""
    others = [
        e
        for e in analysis.entities.values()
        if e.kind == "person" and e.canonical != entity.canonical
    ]
    others.sort(key=lambda e: (e.subtype != entity.subtype, -e.count, e.first, e.canonical))
    side, role = entity.affiliation, entity.subtype
    same = [(e.canonical, "text") for e in others if side and e.affiliation == side]
    in_bank = [(name, office) for name, group, office in gz.PEOPLE if side and group == side]
    # A known office rules out bank people of other offices: "U.S. President Marco Rubio".
    bank = [
        *_bank([name for name, office in in_bank if office == role], rng),
        *_bank([name for name, office in in_bank if not role], rng),
    ]
    if role:
        first = [o for o in same if _office(o[0], analysis) == role]
        first += [o for o in bank if o[0] in {n for n, office in in_bank if office == role}]
        same = first + same
    rest = [(e.canonical, "text") for e in others if not side or not e.affiliation]
    return same + from_extra + bank + rest


def _office(name: str, analysis: Analysis) -> str:
    entity = analysis.entities.get(name)
    return entity.subtype if entity else ""


def _years(mention: Mention, analysis: Analysis, rng: random.Random) -> list[Option]:
    if mention.subtype not in ("year", "decade") or not mention.value:
        return []
    year = int(mention.value)
    step = 10 if mention.subtype == "decade" else 1
    suffix = "s" if mention.subtype == "decade" else ""
    seen = sorted(
        {
            int(m.value)
            for ms in analysis.mentions
            for m in ms
            if m.kind == "date"
            and m.subtype == mention.subtype
            and m.value
            and 0 < abs(m.value - year) <= 40 * step
        },
        key=lambda y: (abs(y - year), y),
    )
    made = [year + step * d for d in (-5, -4, -3, -2, -1, 1, 2, 3, 4, 5)]
    made = [y for y in made if y not in seen and y <= _latest(analysis)]
    if step == 10:
        made = [y for y in made if abs(y - year) <= 30]
    rng.shuffle(made)
    return [(f"{y}{suffix}", "text") for y in seen] + [(f"{y}{suffix}", "made") for y in made]


def _latest(analysis: Analysis) -> int:
    years = [int(m.value) for ms in analysis.mentions for m in ms if m.kind == "date" and m.value]
    return max(years, default=2100)
