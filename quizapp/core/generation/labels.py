"""Judgements of candidates against the quality rubric, and the pass rate they give.

A label records six yes/no judgements of one candidate (see CRITERIA). Labels are keyed by
`fingerprint`, which covers everything a student sees and the key, so a candidate whose
prompt, options or answer change needs a new judgement.
"""

import hashlib
from collections.abc import Mapping, Sequence

from .model import Candidate

CRITERIA = ("grammatical", "answerable", "one_answer", "distractors", "important", "no_giveaway")


def fingerprint(candidate: Candidate) -> str:
    """A short stable identity: kind, prompt, sorted options with their truth, and answer."""
    options = sorted(f"{int(c.is_correct)}{c.text}" for c in candidate.choices)
    parts = [candidate.kind, candidate.prompt, *options, repr(candidate.answer)]
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:16]


def passes(label: Mapping) -> bool:
    """Whether a label says yes to every criterion."""
    return all(label[name] is True for name in CRITERIA)


def unlabelled(candidates: Sequence[Candidate], labels: Mapping[str, Mapping]) -> list:
    """The candidates that have no label yet."""
    return [c for c in candidates if fingerprint(c) not in labels]


def pass_rate(candidates: Sequence[Candidate], labels: Mapping[str, Mapping]) -> float:
    """Share of `candidates` whose label passes every criterion; unlabelled ones fail."""
    if not candidates:
        return 0.0
    found = [labels.get(fingerprint(c)) for c in candidates]
    return sum(1 for label in found if label and passes(label)) / len(candidates)
