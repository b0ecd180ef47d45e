"""Hostile input (checklist items 23, 30, 31, 32 and the property test of issue 7): random and
hostile values posted to every form endpoint never cause a 5xx, and injected markup never
comes back live. Endpoints come from app.url_map, so a new form is covered without a new test.
"""

import io
import re
from html.parser import HTMLParser

import pytest
from flask_wtf import FlaskForm
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quizapp.models import Quiz, db

from conftest import login, make_app, quiz_id, seed_tiny
from security.access import ACCESS
from security.state import endpoint_methods, routes, state_changing
from security.world import ACTORS, ROLES, World

SCRIPT = "<script>xss()</script>"
HOSTILE = [
    SCRIPT,
    '"><img src=x onerror=xss()>',
    "'><svg onload=xss()>",
    "[click](javascript:xss())",
    '<a href="javascript:xss()">x</a>',
    "{{7*7}}",
    "{% for x in range(9) %}x{% endfor %}",
    "' OR 1=1 --",
    "1; DROP TABLE users",
    "\x00",
    "nul\x00inside",
    "\u202eright-to-left",
    "\ud7ff\ufffd\U0001f600",
    "-1",
    "0",
    "9" * 40,
    "9" * 5000,  # int() refuses over 4,300 digits
    "²",  # str.isdigit() accepts it, int() refuses it
    "1e309",
    "NaN",
    "-0.0",
    "true",
    "",
    " ",
    "2026-02-30T25:61",
]
# Field names the app reads: every FlaskForm's fields, plus those read from request.form.
EXTRA_FIELDS = [
    "position", "version", "answer", "client_token", "action", "role", "next", "rank-x",
    "match-x", "choices-0-text", "choices-0-correct", "pairs-0-prompt", "pairs-0-answer",
    "items-0", "score", "user_id",
]  # fmt: skip
LIVE = [
    re.compile(r"<script>xss", re.I),
    re.compile(r"<(img|svg)[^>]*\son(error|load)\s*=", re.I),
    re.compile(r"""href\s*=\s*["']?\s*javascript:""", re.I),
]


def _forms() -> list[type[FlaskForm]]:
    """Every FlaskForm class of the app (making an app imports every blueprint's forms)."""
    routes()
    found, pending = [], list(FlaskForm.__subclasses__())
    while pending:
        form = pending.pop()
        pending.extend(form.__subclasses__())
        found.append(form)
    return found


def _field_names() -> list[str]:
    names = set(EXTRA_FIELDS)
    for form in _forms():
        names.update(k for k, v in vars(form).items() if type(v).__name__ == "UnboundField")
    return sorted(names)


FIELDS = _field_names()
value = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(max_size=40),
    st.integers(-(2**70), 2**70).map(str),
    st.floats(allow_nan=True).map(str),
    st.builds(lambda c, n: c * n, st.sampled_from(["a", "é", "<", "\x00", "😀"]),
              st.integers(1_000, 120_000)),
)  # fmt: skip
values = st.one_of(value, st.lists(value, min_size=2, max_size=3))


class _FieldNames(HTMLParser):
    def __init__(self):
        super().__init__()
        self.names: set[str] = set()

    def handle_starttag(self, tag, attrs):
        name = dict(attrs).get("name")
        if tag in ("input", "select", "textarea") and name and name != "csrf_token":
            self.names.add(name)


def _own_fields(client, url: str) -> list[str]:
    """The names of the fields of the form that the same URL shows on GET (if it does)."""
    response = client.get(url)
    if response.status_code != 200 or "text/html" not in response.content_type:
        return []
    parser = _FieldNames()
    parser.feed(response.text)
    return sorted(parser.names)


def assert_not_live(response, where: str) -> None:
    assert response.status_code < 500, f"{where}: {response.status_code}"
    if "text/html" in response.content_type:
        for pattern in LIVE:
            found = pattern.search(response.text)
            assert not found, f"{where}: live markup {found.group(0)!r}"


def _actor(endpoint: str) -> str:
    access = ACCESS[endpoint]
    return next(a for a in (*ACTORS[1:], "anonymous") if access.allows(a, ROLES.get(a)))


def _world(tmp_path) -> World:
    app = make_app(tmp_path)
    seed_tiny(app)
    return World(app)


# A few examples per endpoint and test run: over many runs hypothesis covers far more ground.
HYPOTHESIS = settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.mark.parametrize(("endpoint", "method"), state_changing())
def test_hostile_values_to_every_form_endpoint(endpoint, method, tmp_path):
    """No 5xx and no live markup, for any values under any field names, the form's own and
    every other form's; state carries over between examples, as on a real server."""
    world = _world(tmp_path)
    url = world.url(endpoint, **ACCESS[endpoint].args(world))
    client = world.client(_actor(endpoint))
    own = _own_fields(client, url)

    @HYPOTHESIS
    @given(
        mine=st.fixed_dictionaries({}, optional={name: values for name in own}),
        other=st.dictionaries(st.sampled_from(FIELDS), values, max_size=6),
    )
    def post(mine, other):
        data = {**other, **mine}
        response = client.open(url, method=method, data=data)
        where = f"{method} {url} with {sorted(data)}"
        assert_not_live(response, where)
        location = response.headers.get("Location", "")
        if response.status_code in (302, 303) and location.startswith("/"):
            assert_not_live(client.get(location), f"{where} → GET {location}")

    post()


QUERY_KEYS = ["page", "sort", "q", "next", "code", "class", "kind", "status", "topic", "user_id"]


@pytest.mark.parametrize(
    "endpoint", sorted({e for e, m in endpoint_methods() if m == "GET"} - {"static"})
)
def test_item_32_hostile_query_strings_on_every_page(endpoint, tmp_path):
    world = _world(tmp_path)
    url = world.url(endpoint, **ACCESS[endpoint].args(world))
    client = world.client(_actor(endpoint))

    @settings(HYPOTHESIS, max_examples=5)
    @given(query=st.dictionaries(st.sampled_from(QUERY_KEYS), value, max_size=3))
    def get(query):
        response = client.get(url, query_string=query)
        assert_not_live(response, f"GET {url}?{query}")

    get()


@pytest.mark.parametrize(
    "url",
    [
        "/history?sort=score%27--",
        "/history?page=1%27%20OR%201=1--",
        "/quizzes/1%20OR%201=1",
        "/quizzes/1'--",
        "/attempts/1%3BDROP%20TABLE%20users/result",
        "/admin/users?q=%27%20OR%20%271%27=%271",
    ],
)
def test_item_32_sql_injection_smoke(app, admin, url):
    response = admin.get(url)
    assert response.status_code in (200, 400, 404), (url, response.status_code)
    assert "Traceback" not in response.text and "syntax error" not in response.text.lower()


# --- item 23 and length limits: shapes the forms refuse ---------------------------------------


def test_max_content_length_refuses_a_huge_body(client, app):
    size = app.config["MAX_CONTENT_LENGTH"] + 1
    response = client.post("/login", data={"username": "alice", "password": "x" * size})
    assert response.status_code == 413 and "Traceback" not in response.text


def test_every_text_field_refuses_an_oversized_value(app):
    """Each form's text fields refuse 300,000 characters (Length, AnyOf or their own check):
    without a limit a field would carry megabytes into the database."""
    text_fields = ("StringField", "TextAreaField", "PasswordField", "SearchField")
    accepted, checked = [], 0
    for form_class in _forms():
        names = [
            name
            for name, unbound in vars(form_class).items()
            if type(unbound).__name__ == "UnboundField"
            and unbound.field_class.__name__ in text_fields
        ]
        for name in names:
            checked += 1
            inline = getattr(form_class, f"validate_{name}", None)
            data = {n: "https://example.org/" if "url" in n else "ok" for n in names}
            data[name] = "x" * 300_000
            with app.test_request_context(method="POST", data=data):
                form = form_class(meta={"csrf": False})
                if not form[name].validate(form, [inline] if inline else []):
                    continue
                form.validate()  # some forms check a field's length in validate() itself
            if not form[name].errors:
                accepted.append(f"{form_class.__name__}.{name}")
    assert checked > 20 and not accepted, f"fields that took 300,000 characters: {accepted}"


def test_nul_characters_are_refused_before_any_view(client, app):
    """PostgreSQL text cannot hold NUL: a form or query carrying one is a 400, never a 500."""
    data = {"username": "nul\x00user", "password": "a long passphrase", "confirm": "x"}
    assert client.post("/register", data=data).status_code == 400
    assert client.post("/register", data={"user\x00name": "x"}).status_code == 400
    assert client.get("/quizzes", query_string={"page": "\x00"}).status_code == 400
    assert client.get("/quizzes").status_code == 200


@pytest.mark.parametrize(
    ("actor", "url", "field", "content"),
    [
        ("tess", "/admin/gift/import", "file", "::Q::Which \x00 line?{=Durand ~Radcliffe}\n"),
        ("tess", "/admin/articles", "upload", "Pakistan said \x00 that strikes hit Kabul. " * 9),
        ("ada", "/admin/restore", "backup", None),  # a backup with a "\u0000" escape in it
    ],
)
def test_nul_inside_an_uploaded_file_is_never_a_server_error(app, actor, url, field, content):
    client = app.test_client()
    assert login(client, actor).status_code == 302
    if content is None:
        backup = client.get("/admin/backup.json").text
        content = backup.replace("Which line is the border?", "Which \\u0000 line?")
    name = {"file": "q.gift", "upload": "a.txt", "backup": "b.json"}[field]
    data = {field: (io.BytesIO(content.encode()), name), "title": "Uploaded"}
    response = client.post(url, data=data, content_type="multipart/form-data")
    assert response.status_code < 500


# --- items 30 and 31: stored XSS, template injection, javascript: links -----------------------


def _question_with(teacher, text: str, explanation: str = "") -> None:
    data = {
        "prompt": text,
        "explanation": explanation,
        "topic_id": "1",
        "anchor": "border",
        "difficulty": "1",
        "status": "published",
        "choices-0-text": text,
        "choices-0-correct": "y",
        "choices-1-text": "Plain",
    }
    response = teacher.post("/admin/questions/new/single", data=data)
    assert response.status_code in (302, 303), response.text[-600:]


def test_item_30_stored_xss_in_a_question_is_escaped(app, teacher, student):
    hostile = "<script>alert(1)</script><img src=x onerror=alert(1)>"
    _question_with(teacher, hostile)
    listing = teacher.get("/admin/questions").text
    assert "&lt;script&gt;" in listing and "<script>alert" not in listing
    with app.app_context():
        db.session.get(Quiz, quiz_id(app)).question_count = 8  # the paper holds every question
        db.session.commit()
    attempt = student.post(f"/quizzes/{quiz_id(app)}/start").headers["Location"]
    pages = [student.get(f"{attempt}/q/{n}").text for n in range(1, 9)]
    assert any("&lt;script&gt;alert(1)" in page for page in pages)
    for page in pages:
        assert "<script>alert" not in page and not re.search(r"<img[^>]*onerror", page)


def test_item_31_template_syntax_renders_literally(app, teacher):
    _question_with(teacher, "What is {{7*7}} and {{ config }}?")
    page = teacher.get("/admin/questions").text
    assert "{{7*7}}" in page and "SECRET_KEY" not in page and "test-secret-key" not in page


def test_item_31_markdown_javascript_links_are_stripped(app, teacher):
    body = "Read [this](javascript:alert(1)) and <a href='javascript:alert(2)'>that</a>. {: #x }"
    data = {"slug": "hostile", "title": "Hostile", "summary": "", "position": "9", "body": body}
    response = teacher.post("/admin/topics/new", data=data)
    assert response.status_code in (302, 303), response.text[-600:]
    page = teacher.get("/learn/hostile").text
    assert "this" in page and "that" in page
    assert not re.search(r"href\s*=\s*[\"']?\s*javascript:", page, re.I)
    assert "<script" not in page.split("</header>", 1)[-1].split("<footer", 1)[0]
