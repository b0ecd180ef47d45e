"""Class join codes: short, random, easy to read aloud and to type, and with an expiry."""

import random
import string
from datetime import datetime, timedelta

# No 0/O, 1/I/L, or U/V: characters that are easy to confuse on a board or a phone.
ALPHABET = "ABCDEFGHJKMNPQRSTWXYZ23456789"
LEFT_OUT = "".join(sorted(set(string.ascii_uppercase + string.digits) - set(ALPHABET)))
CODE_LENGTH = 8
DEFAULT_VALID_DAYS = 14


def new_join_code(rng: random.Random) -> str:
    """A fresh code; pass `secrets.SystemRandom()` in production."""
    return "".join(rng.choice(ALPHABET) for _ in range(CODE_LENGTH))


def normalise_join_code(typed: str) -> str:
    """What a student typed, as stored: upper case, without spaces or dashes."""
    return "".join(typed.split()).replace("-", "").upper()


def display_join_code(code: str) -> str:
    """The code in two halves, as the teacher reads it out: ABCD-EFGH."""
    half = len(code) // 2
    return f"{code[:half]}-{code[half:]}"


def join_code_expiry(now: datetime, days: int = DEFAULT_VALID_DAYS) -> datetime:
    return now + timedelta(days=days)


def join_code_problem(code: str, found: bool, expires_at: datetime | None, now: datetime) -> str:
    """Why `code` cannot be used to join a class ("" when it can)."""
    if len(code) != CODE_LENGTH or not (code.isascii() and code.isalnum()):
        return (
            f"A join code has {CODE_LENGTH} letters and digits (A to Z and 2 to 9), like "
            f"{display_join_code('ABCD2345')}. Check what you typed."
        )
    typed = sorted(set(code) - set(ALPHABET))
    if typed:
        never = ", ".join(LEFT_OUT[:-1]) + f" or {LEFT_OUT[-1]}"
        return (
            f"No class has that join code: codes never use {never} (easy to mix up), "
            f"and yours has {', '.join(typed)}. Check it with your teacher."
        )
    if not found:
        return "No class has that join code. Check it with your teacher."
    if expires_at is not None and now >= expires_at:
        return "That join code has expired. Ask your teacher for a new one."
    return ""
