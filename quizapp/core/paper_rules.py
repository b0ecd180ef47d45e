"""Papers that do not give themselves away.

Two questions clash when one's key shows in the other (a short answer's accepted spelling or a
number in the other's stem or options; a choice question's right option in the other's stem),
or when a teacher said they are never to be drawn together (`never_with`). `pick` draws
questions that clash with nothing already on the paper.

Texts are compared normalised: case folded, accents and punctuation dropped, whole words only
("Peshawar" is found in "near Peshawar," but "Kabul" is not found in "Kabuli"). Numbers are
compared as numbers, so 1893 is found in "in 1893." and 1000000 in "1,000,000 people".
"""

import random
import re
import unicodedata
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol

from quizapp.core.kinds.base import ChoiceData

_PUNCT = re.compile(r"[^\w\s]", re.UNICODE)
_SPACES = re.compile(r"\s+")
_NUMBER = re.compile(r"(?<![\w.])-?\d[\d,]*(?:\.\d+)?(?![\w])")
_TYPED = ("short_text", "numeric")  # kinds whose key is not on the student's screen
_CHOSEN = ("single", "multiple")  # kinds whose key is one of their own options
TRIES = 30  # random orders tried before a paper is left short of its count


class Drawable(Protocol):
    """What the rule reads of a question (assembly.QuestionData has it all)."""

    @property
    def id(self) -> int: ...
    @property
    def kind(self) -> str: ...
    @property
    def prompt(self) -> str: ...
    @property
    def choices(self) -> tuple[ChoiceData, ...]: ...
    @property
    def numeric_answer(self) -> float | None: ...
    @property
    def accepted(self) -> tuple[str, ...]: ...
    @property
    def never_with(self) -> frozenset[int]: ...


def fold(text: str) -> str:
    """Case folded, accents and punctuation dropped, single spaces: "Éte, d'été" → "ete d ete"."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return _SPACES.sub(" ", _PUNCT.sub(" ", bare)).strip()


def numbers_in(text: str) -> set[float]:
    """Every number written in a text ("1,000,000", "1893", "2.5")."""
    return {float(match.group().replace(",", "")) for match in _NUMBER.finditer(text)}


@dataclass(frozen=True)
class _Seen:
    """What one question shows and what its key is, folded once."""

    id: int
    never_with: frozenset[int]
    stem: str  # " folded stem "
    shown: str  # " folded stem and options "
    stem_numbers: frozenset[float]
    shown_numbers: frozenset[float]
    phrases: tuple[str, ...]  # the folded key, as words
    number: float | None  # a numeric key
    typed: bool  # the key is not on the question's own screen


def _seen(question: Drawable) -> _Seen:
    options = [t for c in question.choices for t in (c.text, c.match_text or "")]
    stem = question.prompt
    if question.kind == "short_text":
        phrases = [fold(a) for a in question.accepted]
    elif question.kind in _CHOSEN:
        phrases = [fold(c.text) for c in question.choices if c.is_correct]
    else:
        phrases = []
    number = question.numeric_answer if question.kind == "numeric" else None
    return _Seen(
        id=question.id,
        never_with=frozenset(getattr(question, "never_with", ()) or ()),
        stem=f" {fold(stem)} ",
        shown=f" {' '.join(fold(t) for t in [stem, *options])} ",
        stem_numbers=frozenset(numbers_in(stem)),
        shown_numbers=frozenset(n for t in [stem, *options] for n in numbers_in(t)),
        phrases=tuple(p for p in phrases if p),
        number=number,
        typed=question.kind in _TYPED,
    )


def _shows_key(keyed: _Seen, other: _Seen) -> bool:
    if keyed.number is not None:
        return keyed.number in (other.shown_numbers if keyed.typed else other.stem_numbers)
    text = other.shown if keyed.typed else other.stem
    return any(f" {phrase} " in text for phrase in keyed.phrases)


def _clash(a: _Seen, b: _Seen) -> bool:
    return b.id in a.never_with or a.id in b.never_with or _shows_key(a, b) or _shows_key(b, a)


def shows_key_of(keyed: Drawable, other: Drawable) -> bool:
    """Whether `other`'s stem (or options, for a typed key) shows `keyed`'s answer."""
    return _shows_key(_seen(keyed), _seen(other))


def clash(a: Drawable, b: Drawable) -> bool:
    """Whether `a` and `b` may not share a paper."""
    return _clash(_seen(a), _seen(b))


def clashes(pool: Sequence[Drawable]) -> dict[int, set[int]]:
    """Question id → the ids in `pool` it may not share a paper with (symmetric)."""
    return {qid: set(ids) for qid, ids in _clashes_of(tuple(pool)).items()}


@lru_cache(maxsize=32)
def _clashes_of(pool: tuple) -> dict[int, frozenset[int]]:
    # Pools are shared, frozen and drawn from again and again (services.pools keeps them).
    seen = [_seen(q) for q in pool]
    found: dict[int, set[int]] = {q.id: set() for q in pool}
    for i, a in enumerate(seen):
        for b in seen[i + 1 :]:
            if _clash(a, b):
                found[a.id].add(b.id)
                found[b.id].add(a.id)
    return {qid: frozenset(ids) for qid, ids in found.items()}


def clashing_pairs(paper: Sequence[Drawable]) -> list[tuple[int, int]]:
    """The pairs on a paper that give each other away (empty for a sound paper)."""
    return sorted((a, b) for a, ids in clashes(paper).items() for b in ids if a < b)


def _greedy(order: Iterable, count: int, taken: Collection[int], apart: Mapping) -> list:
    chosen: list = []
    blocked = set().union(*(apart.get(i, ()) for i in taken)) if taken else set()
    for question in order:
        if len(chosen) == count:
            break
        if question.id not in blocked:
            chosen.append(question)
            blocked |= apart.get(question.id, set())
    return chosen


def pick(
    candidates: Sequence,
    count: int,
    rng: random.Random,
    taken: Sequence = (),
    apart: Mapping[int, Collection[int]] | None = None,
) -> list:
    """Up to `count` of `candidates`, at random, none clashing with each other or with `taken`
    (`apart` from `clashes`). Several random orders are tried before it settles for fewer."""
    apart = apart if apart is not None else clashes([*taken, *candidates])
    taken_ids = [q.id for q in taken]
    best: list = []
    for _ in range(TRIES):
        chosen = _greedy(rng.sample(list(candidates), len(candidates)), count, taken_ids, apart)
        if len(chosen) > len(best):
            best = chosen
        if len(best) >= min(count, len(candidates)):
            break
    return best


def complete(candidates: Sequence, count: int, rng: random.Random, taken: Sequence = ()) -> list:
    """When no sound paper of the asked length exists, up to `count` more of `candidates`, those
    clashing least with `taken` first: a paper of the asked length beats a shorter one, and
    the draw's caller can name the clashes with `clashing_pairs`."""
    if count <= 0:
        return []
    on_paper = {q.id for q in taken}
    rest = [q for q in rng.sample(list(candidates), len(candidates)) if q.id not in on_paper]
    apart = clashes([*taken, *rest])
    rest.sort(key=lambda q: len(apart[q.id] & on_paper))
    return rest[:count]
