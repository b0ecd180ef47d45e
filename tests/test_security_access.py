"""Access control and CSRF for every route in app.url_map (items 1, 2, 3, 15, 16, 17, 18, 20).

Each endpoint is declared once in tests/security/access.py; a new route without a declaration
fails here with a message that says where to add it.
"""

from urllib.parse import parse_qs, urlsplit

import pytest

from conftest import make_app, seed_tiny
from security.access import ACCESS, undeclared_message
from security.clients import login_csrf, page_token
from security.state import changed_tables, endpoint_methods, fingerprint, routes, state_changing
from security.world import ACTORS, ROLES, World

ENDPOINT_METHODS = endpoint_methods()


def _declared(endpoint: str):
    if endpoint not in ACCESS:
        rule, methods = _rule_of(endpoint)
        pytest.fail(undeclared_message(endpoint, rule, methods))
    return ACCESS[endpoint]


def _rule_of(endpoint: str) -> tuple[str, set[str]]:
    found = [(rule, method) for e, rule, method in routes() if e == endpoint]
    return found[0][0], {method for _, method in found}


def _world(path) -> World:
    path.mkdir(parents=True, exist_ok=True)
    app = make_app(path)
    seed_tiny(app)
    return World(app)


def _is_login_redirect(response) -> bool:
    location = response.headers.get("Location", "")
    return response.status_code in (302, 303) and urlsplit(location).path == "/login"


def _request(world: World, actor: str, method: str, url: str):
    client = world.client(actor)
    before = fingerprint(world.app)
    response = client.open(url, method=method, data={})
    response.get_data()
    response.close()  # static files are streamed from an open file
    return response, changed_tables(before, fingerprint(world.app))


def _check_denied(actor: str, method: str, url: str, response, changed: list[str]) -> None:
    where = f"{method} {url} as {actor}"
    if actor == "anonymous":
        # Item 15: anonymous users are sent to the login page, with a way back.
        assert response.status_code == 401 or _is_login_redirect(response), (
            f"{where}: expected a redirect to /login, got {response.status_code}"
        )
        if response.status_code != 401:
            query = parse_qs(urlsplit(response.headers["Location"]).query)
            assert urlsplit(query["next"][0]).path == urlsplit(url).path, where
    else:
        # Items 16, 17, 18, 20: wrong role or someone else's object.
        assert response.status_code in (403, 404), (
            f"{where}: expected 403 or 404, got {response.status_code}"
        )
    assert not changed, f"{where} was refused but changed {changed}"


def _check_allowed(access, actor: str, method: str, url: str, response, changed) -> None:
    where = f"{method} {url} as {actor}"
    status = response.status_code
    assert status < 500, f"{where}: server error {status}"
    assert not _is_login_redirect(response), f"{where}: sent to the login page"
    assert status not in (401, 403, 404, 405), f"{where}: refused with {status}"
    if method == "GET":
        assert status in access.ok, f"{where}: expected one of {access.ok}, got {status}"
        # Item 3: reading never changes the database.
        assert not changed, f"{where} changed {changed}"


def test_every_route_is_declared():
    missing: dict[str, tuple[str, set[str]]] = {}
    for endpoint, rule, method in routes():
        if endpoint not in ACCESS:
            missing.setdefault(endpoint, (rule, set()))[1].add(method)
    messages = [undeclared_message(e, rule, m) for e, (rule, m) in sorted(missing.items())]
    assert not missing, "\n\n".join(messages)


def test_no_declaration_for_a_route_that_does_not_exist():
    existing = {endpoint for endpoint, _, _ in routes()}
    stale = sorted(set(ACCESS) - existing)
    assert not stale, f"tests/security/access.py declares endpoints that do not exist: {stale}"


@pytest.mark.parametrize(("endpoint", "method"), ENDPOINT_METHODS)
def test_item_15_16_17_18_20_access_matrix(endpoint, method, tmp_path):
    """Every endpoint × anonymous, two students, two teachers and an admin."""
    access = _declared(endpoint)
    world = _world(tmp_path / "shared")
    url = world.url(endpoint, **access.args(world))
    allowed = [a for a in ACTORS if access.allows(a, ROLES.get(a))]
    for actor in [a for a in ACTORS if a not in allowed]:
        _check_denied(actor, method, url, *_request(world, actor, method, url))
    for actor in allowed:
        if method != "GET":  # a fresh world each: one allowed change must not hide another
            world = _world(tmp_path / actor)
            url = world.url(endpoint, **access.args(world))
        _check_allowed(access, actor, method, url, *_request(world, actor, method, url))


def _allowed_actor(access) -> str:
    return next(a for a in ACTORS[1:] if access.allows(a, ROLES.get(a)))


@pytest.mark.parametrize(("endpoint", "method"), state_changing())
def test_item_2_csrf_on_every_state_changing_route(endpoint, method, tmp_path):
    """No token, or another session's token: 400 and the database unchanged."""
    access = _declared(endpoint)
    app = make_app(tmp_path, WTF_CSRF_ENABLED=True)
    seed_tiny(app)
    world = World(app)
    url = world.url(endpoint, **access.args(world))
    actor = _allowed_actor(access)
    client, stranger = app.test_client(), app.test_client()
    assert login_csrf(client, actor).status_code == 302
    assert login_csrf(stranger, "bob" if actor != "bob" else "alice").status_code == 302
    foreign = page_token(stranger)
    for data, message in (({}, "CSRF token is missing"), ({"csrf_token": foreign}, "CSRF token")):
        before = fingerprint(app)
        response = client.open(url, method=method, data=data)
        assert response.status_code == 400 and message in response.text, (
            f"{method} {url} as {actor} with {data or 'no token'}: {response.status_code}"
        )
        assert changed_tables(before, fingerprint(app)) == []
    response = client.open(url, method=method, data={"csrf_token": page_token(client)})
    assert "CSRF" not in response.text, "the route refused its own session's token"


def test_item_1_csrf_on_login(tmp_path):
    app = make_app(tmp_path, WTF_CSRF_ENABLED=True)
    seed_tiny(app)
    client = app.test_client()
    response = client.post("/login", data={"username": "alice", "password": "x" * 10})
    assert response.status_code == 400 and "CSRF token is missing" in response.text
    assert client.get("/history").status_code == 302  # no authenticated session


def test_item_3_logout_by_get_is_refused(student):
    assert student.get("/logout").status_code == 405
    assert student.get("/history").status_code == 200
