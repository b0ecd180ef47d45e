"""Turn an article into ranked candidate questions, each pointing back at its sentence.

    candidates = generate(text, seed=0, limit=30)

The generator itself is `pipeline.py`; this package re-exports it but loads it (and the
lexicon, gazetteer and filters it needs, a tenth of a second) only when one of its functions
is first used, so that the web app, forms and `flask --help` start without it. The plain
values (MAX_CHARS, GenerationError, Candidate, Choice, Source) are imported at once.
"""

from typing import TYPE_CHECKING, Any

from .model import MAX_CHARS, Candidate, Choice, GenerationError, Source

if TYPE_CHECKING:
    from .pipeline import QUIZ_READY, Counts, candidate_to_json, counts, drafts, generate

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
_PIPELINE = frozenset({"QUIZ_READY", "Counts", "candidate_to_json", "counts", "drafts", "generate"})


def __getattr__(name: str) -> Any:
    if name in _PIPELINE:
        from . import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
