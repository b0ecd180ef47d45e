"""Logging in when CSRF protection is on: scrape the token from the login form first."""

import re

from conftest import PASSWORD

TOKEN_RE = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def token_from(html: str) -> str:
    match = TOKEN_RE.search(html)
    assert match, "no csrf_token field in the page"
    return match.group(1)


def login_csrf(client, username: str, password: str = PASSWORD):
    """Log `client` in through the real form, CSRF token included; returns the response."""
    token = token_from(client.get("/login").text)
    return client.post(
        "/login", data={"username": username, "password": password, "csrf_token": token}
    )


def page_token(client) -> str:
    """A valid CSRF token for `client`'s current session."""
    return token_from(client.get("/login").text)
