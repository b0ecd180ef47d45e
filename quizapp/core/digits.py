"""Whole numbers sent in forms and cookies (positions, places, versions, ids): ASCII digits only.

`str.isdigit()` also accepts "²", "①" and the like, which `int()` refuses, and `int()` refuses
more than 4,300 digits: checked with `isdigit()` alone, a tampered field was a server error
where it should be a bad request.
"""

MAX_DIGITS = 9  # below 2**31, so any database's integer column takes it


def plain_int(text: str | None, max_digits: int = MAX_DIGITS) -> int | None:
    """The number `text` spells in 1 … `max_digits` ASCII digits (no sign, no spaces), or None."""
    if not text or len(text) > max_digits or not (text.isascii() and text.isdigit()):
        return None
    return int(text)
