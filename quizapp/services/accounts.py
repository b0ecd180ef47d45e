"""Password hashing (argon2id) and the password policy (length and a common-password list)."""

from functools import cache
from importlib import resources

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app

MIN_LENGTH = 8
MAX_LENGTH = 128


def _hasher() -> PasswordHasher:
    hasher = current_app.extensions.get("quizapp.hasher")
    if hasher is None:
        hasher = PasswordHasher(**current_app.config["PASSWORD_HASH"])
        current_app.extensions["quizapp.hasher"] = hasher
    return hasher


def hash_password(password: str) -> str:
    return _hasher().hash(password)


def verify_password(stored_hash: str, password: str) -> bool:
    try:
        return _hasher().verify(stored_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash: str) -> bool:
    try:
        return _hasher().check_needs_rehash(stored_hash)
    except InvalidHashError:
        return True


@cache
def common_passwords() -> frozenset[str]:
    text = resources.files("quizapp.content").joinpath("common_passwords.txt").read_text()
    return frozenset(line.strip().casefold() for line in text.splitlines() if line.strip())


def password_problem(password: str, username: str = "") -> str | None:
    """Why `password` is not acceptable, or None. Length and common passwords only (NIST)."""
    if len(password) < MIN_LENGTH:
        return f"Use at least {MIN_LENGTH} characters."
    if len(password) > MAX_LENGTH:
        return f"Use at most {MAX_LENGTH} characters."
    folded = password.casefold()
    if folded in common_passwords() or (username and folded == username.casefold()):
        return "That password is too common. Try a short sentence you will remember."
    return None
