"""The classroom server's LAN mode (web/lan.py): the cookie it sets, who it serves, and the
explanation a browser gets over plain http when the mode is off. The real server under
gunicorn, reached from Chromium at this machine's network address, is in
tests/browser/test_classroom_server.py."""

import pytest

from quizapp.web.lan import is_private, lan_addresses

from conftest import PASSWORD, csrf_token, make_app, seed_tiny

LAN_CLIENT = {"REMOTE_ADDR": "192.168.1.23"}


def _app(tmp_path, **config):
    app = make_app(tmp_path, **{"WTF_CSRF_ENABLED": True, **config})
    seed_tiny(app)
    return app


def _log_in(client, host: str = "localhost", remote: dict | None = None):
    environ = remote or {}
    page = client.get("/login", base_url=f"http://{host}", environ_base=environ)
    return client.post(
        "/login",
        base_url=f"http://{host}",
        environ_base=environ,
        data={"username": "alice", "password": PASSWORD, "csrf_token": csrf_token(page.text)},
    )


@pytest.mark.parametrize(
    ("address", "private"),
    [
        ("192.168.1.23", True),
        ("10.0.0.5", True),
        ("172.20.1.1", True),
        ("127.0.0.1", True),
        ("::1", True),
        ("fe80::1%eth0", True),
        ("fd00::2", True),
        ("::ffff:192.168.0.9", True),
        ("8.8.8.8", False),
        ("2001:4860:4860::8888", False),
        ("::ffff:8.8.8.8", False),
        ("not an address", False),
        ("", False),
        (None, False),
    ],
)
def test_private_addresses(address, private):
    assert is_private(address) is private


def test_lan_mode_sets_a_plain_cookie_and_serves_the_school_network(tmp_path):
    app = _app(tmp_path, LAN_HTTP=True, HSTS=True)
    client = app.test_client()
    response = _log_in(client, "192.168.1.10", LAN_CLIENT)
    assert response.status_code == 302
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith("quizapp_session=") and "Secure" not in cookie
    assert "Strict-Transport-Security" not in response.headers
    page = client.get("/quizzes", base_url="http://192.168.1.10", environ_base=LAN_CLIENT)
    assert page.status_code == 200 and "Log out" in page.text
    login = client.get("/login", base_url="http://192.168.1.10", environ_base=LAN_CLIENT).text
    assert "This classroom server uses plain http on the school network" in login


def test_lan_mode_refuses_clients_outside_the_private_network(tmp_path):
    app = _app(tmp_path, LAN_HTTP=True)
    client = app.test_client()
    for path in ("/", "/login", "/quizzes"):
        response = client.get(path, environ_base={"REMOTE_ADDR": "1.1.1.1"})
        assert response.status_code == 403
        assert "answers only computers on the school" in response.text
    refused = client.post(
        "/login",
        environ_base={"REMOTE_ADDR": "8.8.8.8"},
        data={"username": "alice", "password": PASSWORD},
    )
    assert refused.status_code == 403 and "Set-Cookie" not in refused.headers


def test_without_lan_mode_the_cookie_stays_host_only_and_secure(tmp_path):
    app = _app(tmp_path)
    response = _log_in(app.test_client())
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith("__Host-session=") and "Secure" in cookie
    assert "plain http" not in app.test_client().get("/login").text


def test_without_lan_mode_plain_http_from_another_machine_is_explained(tmp_path):
    app = _app(tmp_path)
    client = app.test_client()
    page = client.get("/login", base_url="http://192.168.1.10", environ_base=LAN_CLIENT)
    assert 'class="error" role="alert" id="plain-http"' in page.text
    assert "your browser will not keep the sign-in cookie" in page.text
    # A browser drops the Secure cookie, so the login form arrives without its session.
    fresh = app.test_client()
    response = fresh.post(
        "/login",
        base_url="http://192.168.1.10",
        environ_base=LAN_CLIENT,
        data={"username": "alice", "password": PASSWORD, "csrf_token": csrf_token(page.text)},
    )
    assert response.status_code == 400
    assert "Signing in cannot work at this address" in response.text
    assert "make serve LAN_HTTP=1" in response.text


def test_the_teaching_home_shows_the_class_address_under_flask_serve(tmp_path):
    app = _app(tmp_path, SERVE_PORT=8123, WTF_CSRF_ENABLED=False)
    client = app.test_client()
    client.post("/login", data={"username": "tess", "password": PASSWORD})
    home = client.get("/admin/").text
    addresses = lan_addresses(8123)
    if addresses:
        assert f"<code>{addresses[0]}</code>" in home
        assert '<svg viewBox="0 0' in home and 'class="qr-code"' in home
    else:
        assert "has no address on a local network" in home
    assert "restart it with <code>make serve LAN_HTTP=1</code>" in home


def test_the_teaching_home_shows_no_address_outside_flask_serve(tmp_path):
    app = _app(tmp_path, WTF_CSRF_ENABLED=False)
    client = app.test_client()
    client.post("/login", data={"username": "tess", "password": PASSWORD})
    assert "Your class's address" not in client.get("/admin/").text


def test_the_serve_command_is_listed(tmp_path):
    runner = _app(tmp_path).test_cli_runner()
    result = runner.invoke(args=["serve", "--help"])
    assert result.exit_code == 0 and "--lan-http" in result.output
    bad = runner.invoke(args=["serve", "--port", "0"])
    assert bad.exit_code == 2
