"""One-time codes: a teacher (for their class) or an admin resets a password, or makes
accounts for a class from a list of names. A code is shown once, stored hashed, works once
within CODE_VALID and then demands a new password. Every code given is logged."""

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import abort
from sqlalchemy import or_, select
from sqlalchemy.orm import aliased

from quizapp.core.accounts import (
    display_login_code,
    new_login_code,
    normalise_login_code,
    unique_usernames,
    username_base,
)
from quizapp.models import Membership, PasswordReset, User, db
from quizapp.services.accounts import hash_password, verify_password

CODE_VALID = timedelta(hours=24)
UNUSABLE_PASSWORD = "!"  # not a hash: no password matches it until the student sets one
MAX_NAMES = 60
MAX_NAME_LENGTH = 60
LOG_SIZE = 50


@dataclass(frozen=True)
class LoginCard:
    name: str
    username: str
    code: str  # as displayed: ABCD-EFGH-JKMN


def _give_code(user: User, code_hash: str, by: User | None, now: datetime, action: str) -> None:
    user.password_hash = UNUSABLE_PASSWORD
    user.login_code_hash = code_hash
    user.login_code_expires_at = now + CODE_VALID
    user.must_change_password = True
    user.rotate_session_token()  # every session the account had ends now
    db.session.add(PasswordReset(user=user, by_id=by.id if by else None, action=action))


def reset_password(user: User, by: User | None, now: datetime) -> str:
    """Give `user` a new one-time code (the old password stops working); the code to show."""
    code = new_login_code(secrets.SystemRandom())
    _give_code(user, hash_password(code), by, now, "reset")
    return display_login_code(code)


def code_matches(user: User, typed: str, now: datetime) -> bool:
    """Whether `typed` is the user's unexpired one-time code. Uses it up when it is."""
    if user.login_code_hash is None or user.login_code_expires_at is None:
        return False
    if now >= user.login_code_expires_at:
        return False
    if not verify_password(user.login_code_hash, normalise_login_code(typed)):
        return False
    user.login_code_hash = user.login_code_expires_at = None
    return True


def class_student(class_id: int, user_id: int) -> User:
    """A student of the class (404 otherwise: a teacher resets only their own students)."""
    user = db.session.scalar(
        select(User)
        .join(Membership, Membership.user_id == User.id)
        .where(Membership.class_id == class_id, User.id == user_id, User.role == "student")
    )
    if user is None:
        abort(404)
    return user


def create_accounts(class_id: int, names: list[str], by: User, now: datetime) -> list[LoginCard]:
    """A student account in the class for each name, each with a one-time code."""
    bases = {username_base(name) for name in names}
    taken = set(
        db.session.scalars(
            select(User.username).where(
                or_(*(User.username.startswith(base, autoescape=True) for base in bases))
            )
        )
    )
    usernames = unique_usernames(names, taken)
    codes = [new_login_code(secrets.SystemRandom()) for _ in names]
    hashes = [hash_password(code) for code in codes]  # the slow part, before any write
    users = []
    for username, code_hash in zip(usernames, hashes, strict=True):
        users.append(User(username=username, role="student"))
        _give_code(users[-1], code_hash, by, now, "created")
    db.session.add_all(users)
    db.session.flush()
    db.session.add_all(Membership(class_id=class_id, user_id=user.id) for user in users)
    return [
        LoginCard(name, username, display_login_code(code))
        for name, username, code in zip(names, usernames, codes, strict=True)
    ]


@dataclass(frozen=True)
class ResetEntry:
    at: datetime
    username: str
    by: str | None
    action: str


def reset_log(class_id: int | None = None, limit: int = LOG_SIZE) -> list[ResetEntry]:
    """The latest resets, newest first; with `class_id`, those of the class's students."""
    whom, who = aliased(User), aliased(User)
    query = (
        select(PasswordReset.created_at, whom.username, who.username, PasswordReset.action)
        .join(whom, whom.id == PasswordReset.user_id)
        .outerjoin(who, who.id == PasswordReset.by_id)
        .order_by(PasswordReset.created_at.desc(), PasswordReset.id.desc())
        .limit(limit)
    )
    if class_id is not None:
        members = select(Membership.user_id).where(Membership.class_id == class_id)
        query = query.where(PasswordReset.user_id.in_(members))
    return [ResetEntry(*row) for row in db.session.execute(query)]
