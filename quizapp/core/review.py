"""Human-readable answers for review pages: what the student said and what was right."""

from collections.abc import Mapping

from quizapp.core.grading import Grade, grade
from quizapp.core.kinds import kind_of


def describe_response(snapshot: Mapping, response: object) -> str:
    """The student's answer as text ("No answer" when there is none)."""
    if response is None:
        return "No answer"
    return kind_of(snapshot["kind"]).describe(snapshot, response)


def describe_key(snapshot: Mapping) -> str:
    """The right answer as text."""
    return kind_of(snapshot["kind"]).describe_key(snapshot)


def regrade(snapshot: Mapping, response: object) -> Grade:
    return grade(snapshot["kind"], snapshot["key"], response)
