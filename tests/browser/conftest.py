"""Browser fixtures: one Chromium and one seeded app behind pytest-flask's live_server per run.

pytest-flask's live_server lives for the session, so the app does too: each test makes its own
accounts (`new_user`) and never depends on what another test did.

Without Chromium the tests skip with one line, unless QUIZAPP_REQUIRE_BROWSER=1 (set by
.ci/run), where a missing browser or a missing axe-core fails the run.
"""

import itertools
import os
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import select, update

from quizapp.core.quiz_settings import SECTION_CHECK
from quizapp.models import Question, Quiz, Topic, User, db
from quizapp.models.content import KINDS
from quizapp.services import content as content_files
from quizapp.services.seeding import seed_all

from .support import (
    ARTIFACTS,
    AXE_COUNTS,
    AXE_JS,
    AXE_LESSER,
    CHROMIUM,
    COMBOS,
    IMPACTS,
    LAUNCH_ARGS,
    VIEWPORTS,
    combo_name,
    serve_axe,
    watch,
)
from conftest import PASSWORD_HASH, make_app, seed_tiny

REQUIRED = os.environ.get("QUIZAPP_REQUIRE_BROWSER") == "1"
MISSING_BROWSER = f"no Chromium at {CHROMIUM} (apt-get install chromium)"
MISSING_AXE = f"no axe-core at {AXE_JS} (make browser-deps)"
_NUMBERS = itertools.count(1)
USERS = (("alice", "student"), ("bob", "student"), ("tess", "teacher"), ("ada", "admin"))
HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(items):
    """Mark every test in this folder `browser`, so `-m "not browser"` leaves them out."""
    for item in items:
        if HERE in Path(item.path).resolve().parents:
            item.add_marker(pytest.mark.browser)


def _unavailable(message: str) -> None:
    if REQUIRED:
        pytest.fail(f"QUIZAPP_REQUIRE_BROWSER=1 and {message}", pytrace=False)
    pytest.skip(message)


def _outcome() -> str:
    return "failed" if REQUIRED else "skipped"


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        _unavailable(MISSING_BROWSER)
    from playwright.sync_api import sync_playwright

    for old in ARTIFACTS.glob("*.png"):  # the screenshots are of this run only
        old.unlink()
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def axe_available():
    if not AXE_JS.exists():
        _unavailable(MISSING_AXE)


def content_is_ready() -> bool:
    """True once every shipped explainer section has questions (the content is written in parts)."""
    topics = {t.slug for t in content_files.topic_files()}
    questions = {slug for slug, entries in content_files.question_files().items() if entries}
    return bool(topics) and topics <= questions


def seed_for_browser(app) -> None:
    """The shipped content once it is complete (else the tiny seed), plus the test accounts."""
    if not content_is_ready():
        seed_tiny(app)
        with app.app_context():
            topic = db.session.scalar(select(Topic))
            check = Quiz(
                slug=f"check-{topic.slug}",
                title=f"Check your understanding: {topic.title}",
                question_count=5,
                is_published=True,
                feedback_mode="immediate",
                purpose=SECTION_CHECK,
            )
            check.topics = [topic]
            db.session.add(check)
            db.session.commit()
        return
    with app.app_context():
        db.create_all()
        seed_all()
        for name, role in USERS:
            db.session.add(
                User(
                    username=name,
                    role=role,
                    password_hash=PASSWORD_HASH,
                    can_edit_explainer=role == "teacher",
                )
            )
        db.session.commit()


@pytest.fixture(scope="session")
def app(tmp_path_factory):
    """A seeded app with CSRF on, as students meet it; the database is a file the server shares."""
    app = make_app(tmp_path_factory.mktemp("browser"), WTF_CSRF_ENABLED=True)
    seed_for_browser(app)
    with app.app_context():
        db.engine.dispose()  # the live server forks: no pooled connection crosses over
    yield app
    with app.app_context():
        db.engine.dispose()


@pytest.fixture
def make_user(app):
    """make_user(role) -> a new account's username; its password is conftest.PASSWORD."""

    def make_user(role: str = "student") -> str:
        username = f"{role}{next(_NUMBERS)}"
        with app.app_context():
            # Teachers here may edit the explainer; the rights themselves are HTTP-tested.
            db.session.add(
                User(
                    username=username,
                    role=role,
                    password_hash=PASSWORD_HASH,
                    can_edit_explainer=role == "teacher",
                )
            )
            db.session.commit()
        return username

    return make_user


@pytest.fixture(scope="session")
def kind_quizzes(app) -> dict[str, int]:
    """One unpublished one-question quiz per kind of question the bank holds: kind -> quiz id."""
    with app.app_context():
        kinds = set(db.session.scalars(select(Question.kind).where(Question.status == "published")))
        quizzes = {
            kind: Quiz(
                slug=f"one-{kind}",
                title=f"One {kind} question",
                kinds=[kind],
                question_count=1,
                is_published=False,
            )
            for kind in KINDS
            if kind in kinds
        }
        db.session.add_all(quizzes.values())
        db.session.commit()
        return {kind: quiz.id for kind, quiz in quizzes.items()}


@pytest.fixture
def published(app):
    """`with published(quiz_ids):` the quizzes are published inside the block only, so no other
    page or test lists them."""

    def set_published(quiz_ids, value: bool) -> None:
        with app.app_context():
            db.session.execute(update(Quiz).where(Quiz.id.in_(quiz_ids)).values(is_published=value))
            db.session.commit()

    @contextmanager
    def published(quiz_ids):
        quiz_ids = list(quiz_ids)
        set_published(quiz_ids, True)
        try:
            yield
        finally:
            set_published(quiz_ids, False)

    return published


@pytest.fixture
def open_page(browser, live_server):
    """open_page(viewport, scheme, javascript): a page in a fresh browser context.

    Every page is watched: a CSP refusal, a script error or a dialog fails the test at teardown.
    """
    opened = []

    def open_page(viewport="laptop", scheme="light", javascript=True, storage_state=None):
        context = browser.new_context(
            base_url=live_server.url(),
            viewport=VIEWPORTS[viewport],
            color_scheme=scheme,
            java_script_enabled=javascript,
            storage_state=storage_state,
        )
        serve_axe(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        opened.append((context, watch(page)))
        return page

    yield open_page
    problems = [p for context, seen in opened for p in seen.problems()]
    for context, _ in opened:
        context.close()
    assert not problems, "\n".join(problems)


def _ran_here(terminalreporter) -> bool:
    """Whether any test of this folder ran (or skipped): not when all were deselected."""
    prefix = HERE.relative_to(terminalreporter.config.rootpath).as_posix() + "/"
    return any(
        getattr(report, "nodeid", "").startswith(prefix)
        for outcome, reports in terminalreporter.stats.items()
        if outcome != "deselected"
        for report in reports
    )


def pytest_terminal_summary(terminalreporter):
    if not _ran_here(terminalreporter):
        return
    if not CHROMIUM.exists():
        terminalreporter.write_line(f"browser tests {_outcome()}: {MISSING_BROWSER}")
        return
    if not AXE_COUNTS:
        if not AXE_JS.exists():
            terminalreporter.write_line(f"accessibility checks {_outcome()}: {MISSING_AXE}")
        return
    terminalreporter.section("axe-core violations per page (critical/serious/moderate/minor)")
    combos = [combo_name(*combo) for combo in COMBOS]
    width = max(len(name) for name in AXE_COUNTS) + 2
    terminalreporter.write_line("page".ljust(width) + "".join(c.ljust(15) for c in combos))
    for name in sorted(AXE_COUNTS):
        cells = []
        for combo in combos:
            counts = AXE_COUNTS[name].get(combo)
            cells.append(("/".join(str(counts[i]) for i in IMPACTS) if counts else "-").ljust(15))
        terminalreporter.write_line(name.ljust(width) + "".join(cells))
    if not AXE_LESSER:
        terminalreporter.write_line("no moderate or minor violations on any page")
    for rule, (help_text, pages) in sorted(AXE_LESSER.items()):
        terminalreporter.write_line(f"  {rule}: {help_text} — {', '.join(sorted(pages))}")
