"""Accounts made for a class: readable unique usernames from names, and one-time codes."""

import random
import re
import unicodedata

from quizapp.core.classes import ALPHABET

CODE_GROUPS = 3
GROUP_LENGTH = 4
CODE_LENGTH = CODE_GROUPS * GROUP_LENGTH  # 29^12: about 58 bits
MAX_BASE = 34  # leaves room for a number within the 40-character username limit
FALLBACK = "student"
ROLES = ("student", "teacher", "admin")


def new_login_code(rng: random.Random) -> str:
    """A fresh one-time code; pass `secrets.SystemRandom()` in production."""
    return "".join(rng.choice(ALPHABET) for _ in range(CODE_LENGTH))


def display_login_code(code: str) -> str:
    """ABCD-EFGH-JKMN: in groups, as it is printed on a card."""
    return "-".join(code[i : i + GROUP_LENGTH] for i in range(0, len(code), GROUP_LENGTH))


def normalise_login_code(typed: str) -> str:
    return "".join(typed.split()).replace("-", "").upper()


def looks_like_login_code(typed: str) -> bool:
    code = normalise_login_code(typed)
    return len(code) == CODE_LENGTH and all(c in ALPHABET for c in code)


def _ascii_words(name: str) -> list[str]:
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return [w for w in re.split(r"[^a-z0-9]+", plain) if w]


def username_base(name: str) -> str:
    """ "Amina Khan" -> "amina.k"; a name with no Latin letters -> "student"."""
    words = _ascii_words(name)
    if not words:
        return FALLBACK
    base = words[0][:MAX_BASE]
    if len(words) > 1:
        base += "." + words[-1][0]
    return base if len(base) >= 3 else f"{base}.{FALLBACK}"  # "Li" -> "li.student"


def unique_usernames(names: list[str], taken: set[str]) -> list[str]:
    """One username per name, none in `taken` or repeated: amina.k, amina.k2, amina.k3…"""
    taken = set(taken)
    chosen = []
    for name in names:
        base = username_base(name)
        candidate, number = base, 1
        while candidate in taken:
            number += 1
            candidate = f"{base}{number}"
        taken.add(candidate)
        chosen.append(candidate)
    return chosen
