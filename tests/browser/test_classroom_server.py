"""`flask serve` (what `make serve` runs) on this machine's network address, reached by Chromium
over plain http as a student's laptop on the school network would: with LAN mode on, a student
signs in and takes a quiz; with it off, the login page explains why signing in cannot work."""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest

from quizapp.web.lan import lan_addresses

from .support import screenshot
from conftest import PASSWORD

ROOT = Path(__file__).resolve().parents[2]
FLASK = Path(sys.executable).with_name("flask")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("0.0.0.0", 0))
        return probe.getsockname()[1]


@contextmanager
def classroom_server(app, lan_http: bool):
    port = _free_port()
    addresses = lan_addresses(port)
    if not addresses:
        pytest.skip("this machine has no private network address to serve the class on")
    env = {
        **os.environ,
        "FLASK_SECRET_KEY": app.config["SECRET_KEY"],
        "FLASK_SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
        "FLASK_SQLITE_CHECKPOINT_SECONDS": "0",
    }
    command = [str(FLASK), "--app", "quizapp", "serve", "--port", str(port), "--workers", "1"]
    server = subprocess.Popen(
        [*command, *(["--lan-http"] if lan_http else [])],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        _wait_until_up(addresses[0], server)
        yield addresses[0]
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        output = server.communicate(timeout=20)[0].decode()
        assert f"Students open:\n  {addresses[0]}" in output, output


def _wait_until_up(address: str, server) -> None:
    for _ in range(150):
        if server.poll() is not None:
            raise AssertionError(server.stdout.read().decode())
        try:
            with urllib.request.urlopen(address + "login", timeout=2):  # noqa: S310 - http://IP
                return
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"{address} did not answer")


def _new_page(browser, address: str):
    context = browser.new_context(base_url=address, viewport={"width": 1366, "height": 768})
    return context, context.new_page()


def test_with_lan_mode_a_student_signs_in_and_takes_a_quiz(browser, app, make_user):
    username = make_user()
    with classroom_server(app, lan_http=True) as address:
        context, page = _new_page(browser, address)
        page.goto("/login")
        assert "plain http on the school network" in page.locator("#plain-http").inner_text()
        page.get_by_label("Username").fill(username)
        page.get_by_label("Password").fill(PASSWORD)
        with page.expect_navigation():
            page.get_by_role("button", name="Log in").click()
        assert page.get_by_role("button", name="Log out").is_visible(), page.url
        page.goto("/quizzes")
        with page.expect_navigation():
            page.locator(".cards li", has_not_text=" min").get_by_role("link").first.click()
        with page.expect_navigation():
            page.get_by_role("button", name="Start or continue").click()
        assert "/q/1" in page.url
        attempt = page.url.split("/q/")[0]
        page.goto(f"{attempt}/finish")
        with page.expect_navigation():
            page.locator("main form button[type=submit]").last.click()
        assert page.get_by_role("heading", level=1).inner_text().strip()
        assert "/result" in page.url or "/review" in page.url, page.url
        assert "Score" in page.locator("main").inner_text() or "%" in page.inner_text("main")
        screenshot(page, "classroom-server-result", "laptop-light")
        context.close()


def test_without_lan_mode_the_refusal_is_explained_on_the_page(browser, app, make_user):
    username = make_user()
    with classroom_server(app, lan_http=False) as address:
        context, page = _new_page(browser, address)
        page.goto("/login")
        notice = page.locator("#plain-http")
        assert "your browser will not keep the sign-in cookie" in notice.inner_text()
        page.get_by_label("Username").fill(username)
        page.get_by_label("Password").fill(PASSWORD)
        with page.expect_navigation():
            page.get_by_role("button", name="Log in").click()
        assert "Signing in cannot work at this address" in page.inner_text("main")
        assert not context.cookies()  # Chromium refused the Secure cookie over plain http
        screenshot(page, "classroom-server-refused", "laptop-light")
        context.close()
