"""Turn an article into ranked candidate questions, each pointing back at its sentence
(re-exported by the package `quizapp.core.generation`, which loads this module on first use).

    candidates = generate(text, seed=0, limit=30)

Over-generates (every usable fact becomes a draft), filters (filters.py: the key is hidden,
options are distinct and alike, the sentence stands on its own), and ranks (rank.py). The
list opens with a quiz, each of its drafts listing the check "quiz_ready": one question per
sentence, none showing another's answer, true/false balanced. The other drafts follow as
alternatives. Pure Python: the same text and seed always give the same list. Raises
GenerationError, with a message for the teacher, for text it cannot use; any other text
gives a list, maybe empty.
"""

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from . import (
    anchor,
    central,
    filters,
    kinds,
    knowledge,
    ordering,
    rank,
    relative,
    side,
    speech,
    standalone,
    statements,
    subject,
    worth,
)
from .entities import Analysis, analyse
from .model import MAX_CHARS, Candidate, Choice, Draft, GenerationError, Source
from .sentences import split

__all__ = [
    "MAX_CHARS",
    "QUIZ_READY",
    "Candidate",
    "Choice",
    "Counts",
    "GenerationError",
    "Source",
    "candidate_to_json",
    "counts",
    "drafts",
    "generate",
]

EXTRA_KINDS = frozenset({"person", "place", "org"})
# The check a candidate passes when it belongs to the quiz at the top of the list: one
# question per sentence, none giving another away, true/false balanced (rank.py).
QUIZ_READY = "quiz_ready"
_HTML_TAG = re.compile(
    r"</?(?:p|div|span|br|a|html|body|head|script|style|table|tr|td|li|ul"
    r"|ol|h[1-6]|img|strong|em)\b[^>]*>",
    re.IGNORECASE,
)
_BACKTICK = re.compile(r"(?<=\w)`(?=\w)")
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
    ranked = rank.rank(_checked(drafts, analysis), analysis, standalone.aside(analysis))
    return [_candidate(d, score, analysis, ready) for d, score, ready in ranked[:limit]]


def drafts(
    text: str, *, seed: int = 0, extra_distractors: Mapping[str, Sequence[str]] | None = None
) -> list[Candidate]:
    """Every candidate that passes the checks, best first, before the quiz-level choice
    (one per sentence, no giveaways, balanced true/false) that `generate` makes."""
    analysis, made = _drafts(text, seed, _validated(text, None, extra_distractors))
    scored = [(d, rank.base_score(d, analysis)) for d in _checked(made, analysis)]
    scored.sort(key=lambda pair: (-pair[1], pair[0].sentence.start))
    return [_candidate(d, round(score, 4), analysis) for d, score in scored]


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
    """Every draft of every kind, before any filter. A backtick between letters is read as the
    apostrophe it stands for ("Pakistan`s"), keeping every offset."""
    text = _BACKTICK.sub("’", text)
    analysis = analyse(text, split(text))
    return analysis, [
        *kinds.cloze(analysis, seed, extra),
        *speech.who_said(analysis, seed, extra),
        *kinds.numeric(analysis),
        *statements.true_false(analysis, seed, extra),
        *ordering.ordering(analysis),
    ]


def _checked(drafts: list[Draft], analysis: Analysis) -> list[Draft]:
    """Drafts that pass every check, from sentences that are the story (not a byline,
    boilerplate, a side incident or a commentator's or passer-by's words), worth asking
    and fair alone (worth.py), with relative times made absolute, the event named
    (anchor.py) and every reference resolved (central.py); repeats dropped."""
    relative_words = {s.index for s in analysis.sentences if relative.has_relative(s.text)}
    incidental = {d.sentence.index for d in drafts if side.side_incident(d)}
    framed = central.Frames(analysis)
    event = anchor.story_event(analysis)
    drafts = [anchor.without_also(d) for d in drafts]
    if event:
        drafts = [anchor.with_event(d, event) for d in drafts]
    return filters.unique(
        replace(d, checks=(*d.checks, standalone.CHECK))
        for draft in drafts
        if analysis.weight(draft.sentence.index) > 0
        and draft.sentence.index not in incidental
        and (draft.family == "ordering" or not framed(draft.sentence))
        and (checked := filters.check(draft, analysis))
        and worth.fine(checked, analysis)
        and (
            dated := _dated(checked, analysis)
            if draft.family == "ordering" or draft.sentence.index in relative_words
            else checked
        )
        and (anchored := anchor.anchored(dated, analysis))
        and (gated := central.gate(anchored, analysis))
        and (d := subject.named(gated, analysis))
        and not knowledge.doubtful(d, analysis)
        and standalone.stands_alone(d, analysis)
    )


def _dated(draft: Draft, analysis: Analysis) -> Draft | None:
    """The draft with "today", "last month"… read from the dateline, or None without one.
    A quotation keeps its own words."""
    if draft.prompt.startswith('Who said: "'):
        return draft
    texts = [draft.prompt, draft.stem, *(c.text for c in draft.choices)]
    if not any(relative.has_relative(t) for t in texts):
        return draft
    resolved = [relative.resolve(t, analysis.dateline) for t in texts]
    if any(t is None for t in resolved):
        return None
    prompt, stem, *options = resolved
    choices = tuple(replace(c, text=t) for c, t in zip(draft.choices, options, strict=True))
    return replace(draft, prompt=prompt, stem=stem, choices=choices)


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


def _candidate(draft: Draft, score: float, analysis: Analysis, ready: bool = False) -> Candidate:
    """The public form of a draft; a quiz-ready one lists the check "quiz_ready"."""
    start, end = draft.span or (draft.sentence.start, draft.sentence.end)
    return Candidate(
        draft.kind,
        draft.prompt,
        draft.choices,
        draft.answer,
        draft.tolerance,
        Source(start, end, analysis.text[start:end]),
        score,
        (*draft.checks, QUIZ_READY) if ready else draft.checks,
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
