"""Response headers, session rules and login throttling shared by every blueprint."""

import math
import secrets
import time
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from flask import Flask, abort, current_app, request, session
from sqlalchemy import bindparam, delete, func, select

from quizapp.core.digits import plain_int
from quizapp.extensions import login_manager
from quizapp.models import LoginFailure, Registration, User, db, utcnow

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)
# An SVG opened on its own is a document: it needs its inline <style>, and runs no script.
SVG_CSP = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'"
PUBLIC_PREFIXES = ("/static/",)
RENEWED = "_renewed"  # when the session cookie was last signed, in Unix seconds

# Built once: every logged-in request runs it, and a prebuilt statement is the cheapest load.
USER_BY_ID = select(User).where(User.id == bindparam("user_id"))


@login_manager.user_loader
def load_user(value: str) -> User | None:
    user_id, _, token = value.partition(":")
    user, number = None, plain_int(user_id, max_digits=10)
    if number is not None:
        user = db.session.execute(USER_BY_ID, {"user_id": number}).scalar_one_or_none()
    if user and user.is_active and secrets.compare_digest(user.session_token, token):
        return user
    return None


def init_security(app: Flask) -> None:
    app.after_request(security_headers)
    app.after_request(_idle_session)
    app.before_request(_refuse_nul_characters)


def _idle_session(response):
    # A permanent session expires after PERMANENT_SESSION_LIFETIME without a request. An empty
    # one stays empty: a visitor with nothing in the session gets no cookie to sign and send.
    if not session:
        return response
    if not session.permanent:
        session.permanent = True
    # A logged-in session's idle limit slides with use, but the cookie is signed and sent again
    # at most once a RENEW_SESSION_AFTER: signing on every request is a good share of a page's
    # cost, and an idle limit of hours does not need to be exact to the second.
    if "_user_id" in session:
        now = int(time.time())
        if now - session.get(RENEWED, 0) >= current_app.config["RENEW_SESSION_AFTER"]:
            session[RENEWED] = now
    return response


def _refuse_nul_characters() -> None:
    # No honest form sends a NUL character, and PostgreSQL text cannot store one: refuse it
    # here instead of failing with a 500 in whichever view saves it.
    for values in (request.args, request.form):
        for key, items in values.lists():
            if "\x00" in key or any("\x00" in item for item in items):
                abort(400)


def security_headers(response):
    policy = SVG_CSP if response.mimetype == "image/svg+xml" else CSP
    response.headers.setdefault("Content-Security-Policy", policy)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "strict-origin-when-cross-origin"
    response.headers["X-Frame-Options"] = "DENY"
    if current_app.config.get("HSTS"):
        response.headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains"
    if not request.path.startswith(PUBLIC_PREFIXES) and _is_private():
        response.headers["Cache-Control"] = "no-store"
        response.vary.add("Cookie")
    return response


def _is_private() -> bool:
    return "_user_id" in session or request.method != "GET"


def safe_next(target: str | None) -> str | None:
    """`target` if it is a local path on this site, else None (no open redirects)."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return None
    parts = urlsplit(target)
    return target if not parts.scheme and not parts.netloc else None


def client_ip() -> str:
    return (request.remote_addr or "unknown")[:64]


def login_retry_after(username: str, ip: str, now: datetime | None = None) -> int:
    """Seconds until this account may try again from this address; 0 when not throttled.

    Failures count per (account, address), with a delay that doubles after the first ten, so
    someone guessing at an account from one address cannot lock its owner out from another.
    A much higher limit per address stops one address spraying many accounts; it is set high
    enough that a school behind one public address does not lock itself out with typos."""
    now = now or utcnow()
    config = current_app.config
    since = now - config["LOGIN_FAILURE_WINDOW"]
    count, last = db.session.execute(
        select(func.count(), func.max(LoginFailure.created_at)).where(
            LoginFailure.username == username.casefold(),
            LoginFailure.ip == ip,
            LoginFailure.created_at > since,
        )
    ).one()
    pair_wait = 0
    free = config["LOGIN_FAILURES_BEFORE_DELAY"]
    if count >= free:
        delay = min(
            config["LOGIN_DELAY_CAP"], config["LOGIN_FIRST_DELAY"] * 2 ** min(count - free, 20)
        )
        pair_wait = math.ceil((last + timedelta(seconds=delay) - now) / timedelta(seconds=1))
    ip_wait = _retry_after(LoginFailure.ip == ip, config["LOGIN_FAILURES_PER_IP"], since)
    return max(pair_wait, ip_wait, 0)


def _retry_after(condition, limit: int, since: datetime) -> int:
    count, oldest = db.session.execute(
        select(func.count(), func.min(LoginFailure.created_at)).where(
            condition, LoginFailure.created_at > since
        )
    ).one()
    if count < limit:
        return 0
    window = current_app.config["LOGIN_FAILURE_WINDOW"]
    return max(1, int((oldest + window - utcnow()) / timedelta(seconds=1)) + 1)


def record_login_failure(username: str, ip: str) -> None:
    db.session.add(LoginFailure(username=username.casefold()[:40], ip=ip))


def clear_login_failures(username: str) -> None:
    db.session.execute(delete(LoginFailure).where(LoginFailure.username == username.casefold()))


def registration_retry_after(ip: str, now: datetime | None = None) -> int:
    """Seconds until this address may make another account on the registration page; 0 when
    it may now. REGISTRATIONS_PER_IP accounts per REGISTRATION_WINDOW, counted in the
    database so that every worker and restart shares the count."""
    now = now or utcnow()
    window = current_app.config["REGISTRATION_WINDOW"]
    count, oldest = db.session.execute(
        select(func.count(), func.min(Registration.created_at)).where(
            Registration.ip == ip, Registration.created_at > now - window
        )
    ).one()
    if count < current_app.config["REGISTRATIONS_PER_IP"]:
        return 0
    return max(1, math.ceil((oldest + window - now) / timedelta(seconds=1)))


def record_registration(ip: str) -> None:
    """Count an account made from `ip`, and forget those older than the window."""
    since = utcnow() - current_app.config["REGISTRATION_WINDOW"]
    db.session.execute(delete(Registration).where(Registration.created_at <= since))
    db.session.add(Registration(ip=ip))
