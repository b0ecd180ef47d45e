"""Turn an article into ranked candidate questions, each pointing back at its sentence.

    candidates = generate(text, seed=0, limit=30)

Over-generates (every usable fact becomes a draft), filters (filters.py: the key is hidden,
options are distinct and alike, the sentence stands on its own), and ranks (rank.py). Pure
Python: the same text and seed always give the same list. Raises GenerationError, with a
message for the teacher, for text it cannot use; any other text gives a list, maybe empty.
"""

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from . import filters, kinds, rank, statements
from .entities import Analysis, analyse
from .model import MAX_CHARS, Candidate, Choice, Draft, GenerationError, Source
from .sentences import split

__all__ = [
    "MAX_CHARS",
    "Candidate",
    "Choice",
    "Counts",
    "GenerationError",
    "Source",
    "candidate_to_json",
    "counts",
    "generate",
]

EXTRA_KINDS = frozenset({"person", "place", "org"})
_HTML_TAG = re.compile(
    r"</?(?:p|div|span|br|a|html|body|head|script|style|table|tr|td|li|ul"
    r"|ol|h[1-6]|img|strong|em)\b[^>]*>",
    re.IGNORECASE,
)
_LETTERS = re.compile(r"[^\W\d_]+")
_ENGLISH = frozenset("the and of to in a is that for on with as was by it from at are".split())
# Below this share of common English words, text of 40 words or more is not English.
MIN_ENGLISH_SHARE = 0.08


def generate(
    text: str,
    *,
    seed: int = 0,
    limit: int | None = None,
    extra_distractors: Mapping[str, Sequence[str]] | None = None,
) -> list[Candidate]:
    """Candidate questions from `text`, best first. `extra_distractors` maps "person",
    "place" or "org" to names to use as wrong options after the text's own."""
    extra = _validated(text, limit, extra_distractors)
    analysis, drafts = _drafts(text, seed, extra)
    ranked = rank.rank(_checked(drafts, analysis), analysis)
    return [_candidate(d, score, analysis) for d, score in ranked[:limit]]


@dataclass(frozen=True)
class Counts:
    """How much a text yields: drafts made before any filter, and drafts that passed."""

    words: int
    drafts: dict[str, int]  # family → count
    passed: dict[str, int]


def counts(text: str, *, seed: int = 0) -> Counts:
    """Over-generation figures for `text`, family by family (for the benchmark)."""
    extra = _validated(text, None, None)
    analysis, drafts = _drafts(text, seed, extra)
    return Counts(
        len(text.split()),
        dict(Counter(d.family for d in drafts)),
        dict(Counter(d.family for d in _checked(drafts, analysis))),
    )


def _drafts(text: str, seed: int, extra: Mapping[str, Sequence[str]]) -> tuple[Analysis, list]:
    """Every draft of every kind, before any filter."""
    analysis = analyse(text, split(text))
    return analysis, [
        *kinds.cloze(analysis, seed, extra),
        *kinds.who_said(analysis, seed, extra),
        *kinds.numeric(analysis),
        *statements.true_false(analysis, seed, extra),
        *statements.ordering(analysis),
    ]


def _checked(drafts: list[Draft], analysis: Analysis) -> list[Draft]:
    return filters.unique(d for draft in drafts if (d := filters.check(draft, analysis)))


def candidate_to_json(candidate: Candidate) -> dict:
    """The JSON shape scripts rely on."""
    choices = (
        []
        if candidate.kind == "numeric"
        else [{"text": c.text, "is_correct": c.is_correct} for c in candidate.choices]
    )
    return {
        "kind": candidate.kind,
        "prompt": candidate.prompt,
        "choices": choices,
        "answer": candidate.answer,
        "tolerance": candidate.tolerance,
        "source": {
            "start": candidate.source.start,
            "end": candidate.source.end,
            "sentence": candidate.source.sentence,
        },
        "score": candidate.score,
        "checks": list(candidate.checks),
    }


def _candidate(draft: Draft, score: float, analysis: Analysis) -> Candidate:
    start, end = draft.span or (draft.sentence.start, draft.sentence.end)
    return Candidate(
        draft.kind,
        draft.prompt,
        draft.choices,
        draft.answer,
        draft.tolerance,
        Source(start, end, analysis.text[start:end]),
        score,
        draft.checks,
        draft.explanation,
        draft.key,
    )


def _validated(text: object, limit: object, extra: object) -> Mapping[str, Sequence[str]]:
    if not isinstance(text, str):
        raise GenerationError("The article must be text.")
    if len(text) > MAX_CHARS:
        raise GenerationError(
            f"The article is {len(text):,} characters long; the limit is "
            f"{MAX_CHARS:,}. Paste one article at a time."
        )
    if not text.strip():
        raise GenerationError("The article is empty.")
    if len(_HTML_TAG.findall(text)) >= 2:
        raise GenerationError("The article looks like HTML. Paste its words, not its markup.")
    if not _looks_english(text):
        raise GenerationError(
            "The article does not look like English text; questions can only be made from English."
        )
    if limit is not None and (not isinstance(limit, int) or isinstance(limit, bool) or limit < 0):
        raise GenerationError("The limit must be a whole number of at least 0.")
    return _extra(extra)


def _looks_english(text: str) -> bool:
    found = _LETTERS.findall(text[:20_000].lower())
    if len(found) < 40:
        return True
    return sum(w in _ENGLISH for w in found) / len(found) >= MIN_ENGLISH_SHARE


def _extra(extra: object) -> Mapping[str, Sequence[str]]:
    if extra is None:
        return {}
    if not isinstance(extra, Mapping) or not set(extra) <= EXTRA_KINDS:
        raise GenerationError(
            f"Extra distractors are a mapping from {sorted(EXTRA_KINDS)} to lists of names."
        )
    cleaned = {}
    for kind, names in extra.items():
        if (
            not isinstance(names, Sequence)
            or isinstance(names, str)
            or not all(isinstance(n, str) for n in names)
        ):
            raise GenerationError(f"Extra distractors for {kind!r} must be a list of names.")
        cleaned[kind] = tuple(n.strip() for n in names if n.strip())
    return cleaned
