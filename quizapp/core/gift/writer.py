"""Writing questions as GIFT text that Moodle (and `parse_gift`) reads back unchanged."""

from collections.abc import Iterable
from decimal import Decimal

from .answers import format_number
from .model import KINDS, GiftAnswer, GiftError, GiftQuestion
from .text import escape

_FORBIDDEN = {"id": "\n\r\t\x00", "tag": "\n\r\t\x00<>`"}


def write_gift(questions: Iterable[GiftQuestion]) -> str:
    """GIFT for `questions`, with a $CATEGORY line wherever the category changes.

    Raises GiftError for what GIFT cannot express: a matching prompt containing "->", an
    idnumber or tag with a line break (or <, >, ` in a tag), or an unknown kind.
    """
    blocks, category = [], ""
    for question in questions:
        if question.category != category:
            category = question.category
            blocks.append(f"$CATEGORY: {' '.join(category.split())}\n")
        blocks.append(_comment(question) + _question(question))
    return "\n".join(blocks)


def _comment(q: GiftQuestion) -> str:
    bits = [_bracket("id", q.idnumber)] if q.idnumber else []
    bits += [_bracket("tag", tag) for tag in q.tags]
    return f"// {' '.join(bits)}\n" if bits else ""


def _bracket(label: str, value: str) -> str:
    if any(ch in _FORBIDDEN[label] for ch in value):
        raise GiftError(f"The {label} {value!r} cannot be written in GIFT.")
    escaped = value.replace("]", "\\]")
    return f"[{label}:{escaped}]"


def _question(q: GiftQuestion) -> str:
    if q.kind not in KINDS:
        raise GiftError(f"Unknown question kind {q.kind!r}.")
    head = f"::{escape(q.name)}::{_text(q.text, q.text_format, 'moodle')}"
    if q.kind == "description":
        return head + "\n"
    fmt = q.text_format
    general = f"####{_text(q.general_feedback, fmt, fmt)}" if q.general_feedback else ""
    if q.kind == "essay":
        return f"{head}{{{general}}}\n"
    if q.kind == "true_false":
        return f"{head}{{{_true_false(q)}{general}}}\n"
    lines = _LINES[q.kind](q)
    if general:
        lines.append(general)
    opening = "{#" if q.kind == "numeric" else "{"
    return head + opening + "\n" + "".join(f"\t{line}\n" for line in lines) + "}\n"


def _text(text: str, fmt: str, default: str) -> str:
    """Escaped text, led by its format when it differs or the text could pass for syntax."""
    # A leading "[" would be read as a format and a leading "%" as a weight.
    explicit = fmt != default or text.startswith(("[", "%"))
    return (f"[{fmt}]" if explicit else "") + escape(text)


def _feedback(answer: GiftAnswer, fmt: str) -> str:
    return f"#{_text(answer.feedback, fmt, fmt)}" if answer.feedback else ""


def _percent(fraction: float) -> str:
    """The fraction as a percentage that `parse_gift` reads back as exactly the same float."""
    return format((Decimal(repr(fraction)) * 100).normalize(), "f")


def _choice_lines(q: GiftQuestion) -> list[str]:
    lines = []
    for answer in q.answers:
        if answer.fraction == 1 and q.kind == "single":
            mark = "="
        else:
            mark = "~" if answer.fraction == 0 else f"~%{_percent(answer.fraction)}%"
        lines.append(
            mark
            + _text(answer.text, q.text_format, q.text_format)
            + _feedback(answer, q.text_format)
        )
    return lines


def _short_lines(q: GiftQuestion) -> list[str]:
    return [
        ("=" if a.fraction == 1 else f"=%{_percent(a.fraction)}%")
        + _text(a.text, q.text_format, q.text_format)
        + _feedback(a, q.text_format)
        for a in q.answers
    ]


def _numeric_lines(q: GiftQuestion) -> list[str]:
    # The catch-all "*" answer must come last: everything after "~" is its feedback.
    ranked = sorted(q.answers, key=lambda a: a.text == "*")
    lines = []
    for answer in ranked:
        if answer.text == "*":
            lines.append("~" + (_feedback(answer, q.text_format) or "#"))
            break
        weight = "" if answer.fraction == 1 else f"%{_percent(answer.fraction)}%"
        margin = format_number(answer.tolerance or 0.0)
        lines.append(f"={weight}{escape(answer.text)}:{margin}{_feedback(answer, q.text_format)}")
    return lines


def _matching_lines(q: GiftQuestion) -> list[str]:
    lines = []
    for pair in q.pairs:
        if "->" in pair.prompt:
            raise GiftError(
                f"The matching prompt {pair.prompt!r} contains '->', which GIFT cannot express."
            )
        lines.append(
            f"={_text(pair.prompt, q.text_format, q.text_format)} -> {escape(pair.answer)}"
        )
    return lines


def _true_false(q: GiftQuestion) -> str:
    right = max(q.answers, key=lambda a: a.fraction)
    wrong = next((a for a in q.answers if a is not right), GiftAnswer("", 0.0))
    fmt = q.text_format
    # Moodle: first feedback for the wrong answer, second for the right one.
    tail = ""
    if wrong.feedback or right.feedback:
        tail = "#" + (_text(wrong.feedback, fmt, fmt) if wrong.feedback else "")
    if right.feedback:
        tail += "#" + _text(right.feedback, fmt, fmt)
    return ("TRUE" if right.text == "True" else "FALSE") + tail


_LINES = {
    "single": _choice_lines,
    "multiple": _choice_lines,
    "short_text": _short_lines,
    "numeric": _numeric_lines,
    "matching": _matching_lines,
}
