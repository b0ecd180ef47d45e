"""What a question is for: graded quizzes, the unlimited section checks, or both.

A section check can be taken again and again with its answers shown, so a question a graded
quiz may draw is in a check only when a teacher says so ("both"). New questions are graded.
"""

from quizapp.core.quiz_settings import SECTION_CHECK

GRADED, CHECK, BOTH = "graded", "check", "both"
USES = (GRADED, CHECK, BOTH)
LABELS = {
    GRADED: "Graded quizzes only",
    CHECK: "Section checks only (Check your understanding)",
    BOTH: "Both graded quizzes and section checks",
}


def uses_for(purpose: str) -> tuple[str, ...]:
    """The question uses a quiz of this purpose draws from."""
    return (CHECK, BOTH) if purpose == SECTION_CHECK else (GRADED, BOTH)
