"""Question kinds as one registry: `KINDS` maps a kind's name to the object that knows it.

    kind = KINDS["numeric"]          # or kind_of(name), which says what is missing
    kind.check(raw_fields)           # (cleaned answer fields, problems)
    kind.snapshot(stored, rng, shuffle, new_id), kind.parse(snapshot, form)
    kind.grade(key, response)
    kind.describe(snapshot, response), kind.describe_key(snapshot)
    kind.from_gift(gift_question), kind.to_gift(fields)   # when kind.has_gift

Grading, review, GIFT, assembly, question checks, the bank, forms and templates all go through
here. A new kind is one module in this package with a `KIND` object, listed in `_MODULES`, plus
its template partial `templates/quizzes/kinds/<name>.html` (see the README).
"""

from quizapp.core.kinds import matching, multiple, numeric, ordering, short_text, single, true_false
from quizapp.core.kinds.base import (
    MAX_TEXT_ANSWER,
    Answers,
    ChoiceData,
    FormValues,
    GiftBody,
    Kind,
    ParsedResponse,
    StoredAnswers,
    normalise_text,
    parse_number,
)

# Registry order is the order teachers see the kinds in.
_MODULES = (single, multiple, true_false, short_text, numeric, ordering, matching)
KINDS: dict[str, Kind] = {module.KIND.name: module.KIND for module in _MODULES}
NAMES: tuple[str, ...] = tuple(KINDS)
WITHOUT_GIFT: tuple[str, ...] = tuple(name for name, kind in KINDS.items() if not kind.has_gift)


def kind_of(name: str) -> Kind:
    """The registered kind called `name`; KeyError names the kinds there are."""
    try:
        return KINDS[name]
    except KeyError:
        raise KeyError(f"Unknown question kind {name!r}; registered: {', '.join(NAMES)}") from None


__all__ = [
    "KINDS",
    "MAX_TEXT_ANSWER",
    "NAMES",
    "WITHOUT_GIFT",
    "Answers",
    "ChoiceData",
    "FormValues",
    "GiftBody",
    "Kind",
    "ParsedResponse",
    "StoredAnswers",
    "kind_of",
    "normalise_text",
    "parse_number",
]
