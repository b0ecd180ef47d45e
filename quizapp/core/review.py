"""Human-readable answers for review pages: what the student said and what was right."""

from collections.abc import Mapping
from dataclasses import dataclass

from quizapp.core.grading import Grade, grade
from quizapp.core.kinds import kind_of
from quizapp.core.kinds.base import OptionReview

__all__ = [
    "ItemReview",
    "OptionReview",
    "describe_key",
    "describe_response",
    "regrade",
    "held_back_item",
    "review_item",
]


@dataclass(frozen=True)
class ItemReview:
    """One answered question as a student's review shows it."""

    yours: str  # the student's answer as text
    right: str  # the right answer as text (a short answer's main answer only)
    options: tuple[OptionReview, ...]  # each option marked right or wrong (option kinds)
    general_feedback: str  # the question's explanation


def describe_response(snapshot: Mapping, response: object) -> str:
    """The student's answer as text ("No answer" when there is none)."""
    if response is None:
        return "No answer"
    return kind_of(snapshot["kind"]).describe(snapshot, response)


def describe_key(snapshot: Mapping) -> str:
    """The right answer as text, in full (every accepted spelling): for teachers."""
    return kind_of(snapshot["kind"]).describe_key(snapshot)


def review_item(snapshot: Mapping, response: object) -> ItemReview:
    """What a review shows for one question once its key may be shown."""
    kind = kind_of(snapshot["kind"])
    return ItemReview(
        yours=describe_response(snapshot, response),
        right=kind.review_key(snapshot),
        options=kind.review_options(snapshot, response),
        general_feedback=snapshot.get("explanation") or "",
    )


def held_back_item(snapshot: Mapping, response: object) -> ItemReview:
    """What a review shows while the keys are held back: the student's own answer only."""
    return ItemReview(
        yours=describe_response(snapshot, response), right="", options=(), general_feedback=""
    )


def regrade(snapshot: Mapping, response: object) -> Grade:
    return grade(snapshot["kind"], snapshot["key"], response)
