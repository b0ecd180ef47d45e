"""CSV cells that open safely in a spreadsheet.

A cell starting with = + - @ (or a tab or carriage return) is run as a formula by Excel and
LibreOffice; such text gets a leading apostrophe. Plain numbers are left alone.
"""

import re
from collections.abc import Iterable, Sequence
from datetime import datetime

from quizapp.core.kinds import KINDS
from quizapp.core.times import utc_iso

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"-?\d+(\.\d+)?")
LINE_BREAK = re.compile(r"\r\n|\r|\n")


def formula_safe(text: str) -> str:
    """`text` with a leading apostrophe when a spreadsheet would run it as a formula."""
    if text.startswith(FORMULA_START) and not PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


def csv_cell(value: object) -> str:
    """One value as CSV text: dates in ISO 8601 UTC with a Z, yes/no booleans, numbers without
    noise, line breaks as " | ", and text that looks like a formula defused."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime):
        return utc_iso(value)
    if isinstance(value, float):
        return f"{round(value, 2):g}"
    if isinstance(value, int):
        return str(value)
    return formula_safe(LINE_BREAK.sub(" | ", str(value)))


def csv_row(values: Iterable[object]) -> list[str]:
    return [csv_cell(v) for v in values]


OPTION_PARTS = ("", "_correct", "_feedback", "_match")
# Form shapes whose options are right or wrong; ordering items and matching pairs are not.
MARKED_FORMS = ("choices", "true_false")


def option_columns(width: int) -> list[str]:
    """Headings of `width` numbered option groups: option_1, option_1_correct, …"""
    return [f"option_{n}{part}" for n in range(1, width + 1) for part in OPTION_PARTS]


def option_cells(kind: str, choices: Sequence, width: int) -> list[object]:
    """A question's options (objects with text, is_correct, feedback, match_text) as cells,
    padded to `width` groups: correct is yes/no for choices, blank for items and pairs."""
    marked = KINDS[kind].form in MARKED_FORMS
    cells: list[object] = []
    for choice in choices:
        correct = ("yes" if choice.is_correct else "no") if marked else ""
        cells += [choice.text, correct, choice.feedback, choice.match_text or ""]
    return cells + [""] * (len(OPTION_PARTS) * (width - len(choices)))
