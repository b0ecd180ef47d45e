"""Accounts: users and the failed-login log used for throttling."""

import secrets
from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import Boolean, DateTime, ForeignKey, Index, String, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from quizapp.models.base import db, utcnow


def new_session_token() -> str:
    return secrets.token_urlsafe(32)


class User(UserMixin, db.Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(40), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(16), default="student")
    is_disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    # Teachers with this flag (and every admin) may change the explainer's sections.
    can_edit_explainer: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # Rotated on logout, password change and disable: every older cookie stops working.
    session_token: Mapped[str] = mapped_column(String(64), default=new_session_token)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    # A one-time code from a teacher or admin (argon2 hash), and the new password it demands.
    login_code_hash: Mapped[str | None] = mapped_column(String(255))
    login_code_expires_at: Mapped[datetime | None] = mapped_column(DateTime)
    must_change_password: Mapped[bool] = mapped_column(
        Boolean, default=False, server_default=false()
    )
    # An IANA zone name ("Asia/Karachi") for showing times; None: the school's APP_TIMEZONE.
    timezone: Mapped[str | None] = mapped_column(String(64))

    @property
    def is_active(self) -> bool:
        return not self.is_disabled

    @property
    def is_teacher(self) -> bool:
        return self.role in ("teacher", "admin")

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"

    @property
    def is_explainer_editor(self) -> bool:
        return self.is_admin or (self.is_teacher and self.can_edit_explainer)

    def get_id(self) -> str:
        return f"{self.id}:{self.session_token}"

    def rotate_session_token(self) -> None:
        self.session_token = new_session_token()


class LoginFailure(db.Model):
    """One row per failed login; counted per account and per IP over a window."""

    __tablename__ = "login_failures"
    __table_args__ = (
        Index("ix_login_failures_username_created", "username", "created_at"),
        Index("ix_login_failures_ip_created", "ip", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(40))
    ip: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class Registration(db.Model):
    """One row per account made on the registration page, by address; the per-address limit
    counts them over a window, and rows older than it are deleted as new ones come in."""

    __tablename__ = "registrations"
    __table_args__ = (Index("ix_registrations_ip_created", "ip", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    ip: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class PasswordReset(db.Model):
    """Who gave whom a one-time code, and when: a reset, or a new account made for a class."""

    __tablename__ = "password_resets"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    action: Mapped[str] = mapped_column(String(16), default="reset")  # reset | created
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)

    user: Mapped[User] = relationship(foreign_keys=[user_id])
