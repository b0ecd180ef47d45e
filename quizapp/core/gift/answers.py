"""The answer block `{...}` of one question: which kind it is and its answers (Moodle's rules).

Input is protected text (escapes already replaced by placeholders, see `text.protect`).
A malformed block raises `BlockError`; the parser turns it into a `GiftProblem`.
"""

import re
from decimal import Decimal

from .model import GiftAnswer, GiftPair
from .text import PHP_SPACE, restore, split_format

_WEIGHT = re.compile(r"%(-?\d+(?:\.\d*)?)%")
_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")
_TRUE_FALSE = {"T": True, "TRUE": True, "F": False, "FALSE": False}
_MARKER = re.compile(r"(?=[=~])")


class BlockError(ValueError):
    """The answer block cannot be read; the message says why, for the teacher."""


def read_block(body: str, fmt: str) -> tuple[str, tuple[GiftAnswer, ...], tuple[GiftPair, ...]]:
    """(kind, answers, pairs) for the text between the braces, general feedback removed."""
    body = body.strip(PHP_SPACE)
    if not body:
        return "essay", (), ()
    if body.startswith("#"):
        return "numeric", _numeric(body[1:], fmt), ()
    if "~" in body:
        return _choices(body, fmt)
    if "=" in body and "->" in body:
        return "matching", (), _pairs(body, fmt)
    head = body.partition("#")[0].strip(PHP_SPACE)  # T / TRUE / F / FALSE, feedback aside
    if head in _TRUE_FALSE:
        return "true_false", _true_false(body, _TRUE_FALSE[head], fmt), ()
    return "short_text", _short(body, fmt), ()


def _with_feedback(part: str, fmt: str) -> tuple[str, str]:
    answer, _, feedback = part.partition("#")
    return split_format(answer, fmt)[1], split_format(feedback, fmt)[1]


def _weight(part: str, default: float) -> tuple[float, str]:
    match = _WEIGHT.match(part)
    if not match:
        return default, part
    percent = Decimal(match[1])
    if not -100 <= percent <= 100:
        raise BlockError(f"The weight {match[1]}% is outside -100%..100%.")
    # Decimal division keeps "33.33333" as exactly float("0.3333333"), so weights round-trip.
    return float(percent / 100), part[match.end() :]


def _split(body: str, separator: str) -> list[str]:
    """Moodle's explode: pieces between separators, an empty first piece dropped."""
    parts = [p.strip(PHP_SPACE) for p in body.split(separator)]
    return parts[1:] if not parts[0] else parts


def _answer(part: str, default: float, fmt: str) -> GiftAnswer:
    fraction, rest = _weight(part.strip(PHP_SPACE), default)
    text, feedback = _with_feedback(rest, fmt)
    if not text:
        raise BlockError("An answer is empty: check for a stray '=' or '~' (write \\= or \\~).")
    return GiftAnswer(text, fraction, feedback)


def _choices(body: str, fmt: str) -> tuple[str, tuple[GiftAnswer, ...], tuple]:
    parts = _MARKER.split(body)
    if parts[0].strip(PHP_SPACE):
        raise BlockError("Every choice must start with '=' (right) or '~' (wrong).")
    answers = tuple(_answer(p[1:], 1.0 if p[0] == "=" else 0.0, fmt) for p in parts[1:])
    if len(answers) < 2:
        raise BlockError("A multiple-choice question needs at least two choices.")
    if "=" in body:
        _require_full_credit(answers)
        return "single", answers, ()
    positive = sum(a.fraction for a in answers if a.fraction > 0)
    if positive <= 0:
        raise BlockError(
            "No correct answer: mark the right choice with '=' or give choices a positive "
            "weight such as ~%50%."
        )
    if round(positive, 2) != 1:
        raise BlockError(f"The positive weights add up to {positive * 100:g}%, not 100%.")
    return "multiple", answers, ()


def _require_full_credit(answers: tuple[GiftAnswer, ...]) -> None:
    if not any(a.fraction == 1 for a in answers):
        raise BlockError("No correct answer: no answer is worth 100%.")


def _short(body: str, fmt: str) -> tuple[GiftAnswer, ...]:
    answers = tuple(_answer(p, 1.0, fmt) for p in _split(body, "="))
    _require_full_credit(answers)
    return answers


def _true_false(body: str, is_true: bool, fmt: str) -> tuple[GiftAnswer, ...]:
    # Moodle: the first feedback is shown for the wrong answer, the second for the right one.
    bits = body.split("#", 2) + ["", ""]
    wrong, right = split_format(bits[1], fmt)[1], split_format(bits[2], fmt)[1]
    return (
        GiftAnswer("True", 1.0 if is_true else 0.0, right if is_true else wrong),
        GiftAnswer("False", 0.0 if is_true else 1.0, wrong if is_true else right),
    )


def _numeric(body: str, fmt: str) -> tuple[GiftAnswer, ...]:
    body, tilde, otherwise = body.partition("~")
    parts = _split(body, "=")
    if not parts:
        raise BlockError("A numerical question needs at least one answer, e.g. {#42} or {#3:2}.")
    answers = [_number(p, fmt) for p in parts]
    _require_full_credit(tuple(answers))
    if tilde:
        answers.append(GiftAnswer("*", 0.0, _with_feedback(otherwise, fmt)[1], None))
    return tuple(answers)


def _number(part: str, fmt: str) -> GiftAnswer:
    fraction, rest = _weight(part, 1.0)
    value, feedback = _with_feedback(rest, fmt)
    if value.find("..") > 0:
        low, high = (_parse_number(v) for v in value.split("..", 1))
        if low > high:
            raise BlockError(f"The range {value} runs backwards: write the lower bound first.")
        middle = (low + high) / 2
        return GiftAnswer(format_number(middle), fraction, feedback, high - middle)
    text, _, tolerance = value.partition(":") if value.find(":") > 0 else (value, "", "0")
    _parse_number(text)
    margin = _parse_number(tolerance)
    if margin < 0:
        raise BlockError(f"The margin of error in {value} cannot be negative.")
    return GiftAnswer(text.strip(PHP_SPACE), fraction, feedback, margin)


def _parse_number(text: str) -> float:
    text = text.strip(PHP_SPACE)
    if not _NUMBER.fullmatch(text):
        raise BlockError(f"'{text}' is not a number (use digits and a '.' for decimals).")
    return float(text)


def format_number(value: float) -> str:
    """The shortest text that reads back as exactly `value` ("3", not "3.0")."""
    text = repr(float(value))
    return text[:-2] if text.endswith(".0") else text


def _pairs(body: str, fmt: str) -> tuple[GiftPair, ...]:
    pairs = []
    for part in _split(body, "="):
        if "->" not in part:
            raise BlockError(
                f"A matching pair is written '=prompt -> answer'; '{restore(part)}' has no '->'."
            )
        prompt, _, answer = part.partition("->")
        pairs.append(GiftPair(split_format(prompt, fmt)[1], restore(answer)))
    if len(pairs) < 2:
        raise BlockError("A matching question needs at least two pairs.")
    return tuple(pairs)
