"""CSV cells that open safely in a spreadsheet.

A cell starting with = + - @ (or a tab or carriage return) is run as a formula by Excel and
LibreOffice; such text gets a leading apostrophe. Plain numbers are left alone.
"""

import re
from collections.abc import Iterable
from datetime import datetime

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"-?\d+(\.\d+)?")
LINE_BREAK = re.compile(r"\r\n|\r|\n")


def csv_cell(value: object) -> str:
    """One value as CSV text: dates in ISO 8601 UTC, yes/no booleans, numbers without noise."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds") + "Z"
    if isinstance(value, float):
        return f"{round(value, 2):g}"
    if isinstance(value, int):
        return str(value)
    text = LINE_BREAK.sub(" | ", str(value))
    if text.startswith(FORMULA_START) and not PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


def csv_row(values: Iterable[object]) -> list[str]:
    return [csv_cell(v) for v in values]
