"""Who may use each endpoint. ONE LINE PER ENDPOINT; every route in app.url_map must be here.

The access-control matrix (tests/test_security_access.py) requests every endpoint as anonymous,
alice and bob (students), tess and tom (teachers) and ada (admin), and the CSRF and hostile-input
tests post to every state-changing one. A route missing from ACCESS fails those tests.

Levels:
  public   anyone, logged in or not
  login    any logged-in user; anonymous is sent to /login?next=…
  owner    only `owner` (and the users in `also`) may use the object the URL names; other
           logged-in users get 403 or 404, anonymous is sent to /login
  teacher  teachers and admins; students get 403
  admin    admins only; teachers and students get 403

`args` turns a World (tests/security/world.py: seeded ids, attempts, classes, `w.add(row)`)
into the URL's arguments. `ok` lists the statuses an allowed GET may answer with.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from quizapp.models import Article, ArticleRevision, Quiz, QuizSlot, Topic, db
from quizapp.services.bank import question_from_fields
from quizapp.services.explainer_revisions import ensure_baseline

from security.world import World

LEVELS = ("public", "login", "owner", "teacher", "admin")
GET_OK = (200, 302, 303)


@dataclass(frozen=True)
class Access:
    level: str
    args: Callable[[World], dict] = field(default=lambda w: {})
    owner: str = "alice"
    also: tuple[str, ...] = ()
    ok: tuple[int, ...] = GET_OK

    def __post_init__(self):
        assert self.level in LEVELS, f"unknown access level {self.level!r}; use one of {LEVELS}"

    def allows(self, actor: str, role: str | None) -> bool:
        """Whether `actor` (a username or "anonymous", with its role) may use the endpoint."""
        if self.level == "public":
            return True
        if actor == "anonymous":
            return False
        if actor in self.also:
            return True
        return {
            "login": True,
            "owner": actor == self.owner,
            "teacher": role in ("teacher", "admin"),
            "admin": role == "admin",
        }[self.level]


def _attempt(w: World) -> dict:
    return {"attempt_id": w.attempt("alice")}


def _submitted(w: World) -> dict:
    return {"attempt_id": w.attempt("alice", submitted=True)}


def _revision(w: World) -> dict:
    """Revision 1 of the border section (its seeded text)."""

    def make() -> int:
        with w.app.app_context():
            topic = db.session.get(Topic, w.topic_id)
            ensure_baseline(topic)
            db.session.commit()
        return 1

    return {"topic_id": w.topic_id, "number": w.once("border revision", make)}


def _class(w: World) -> dict:
    return {"class_id": w.school_class("tess")}


def _class_student(w: World) -> dict:
    return {**_class(w), "user_id": w.user_id("alice")}


def _own_quiz(w: World) -> int:
    make = lambda: w.add(Quiz(title="Tess's quiz", created_by_id=w.user_id("tess")))  # noqa: E731
    return w.once("tess's quiz", make)


def _own_slot(w: World) -> dict:
    """A random draw in tess's quiz."""
    quiz = _own_quiz(w)
    slot = w.once("tess's slot", lambda: w.add(QuizSlot(quiz_id=quiz, position=1, count=1)))
    return {"quiz_id": quiz, "slot_id": slot}


def _article(w: World) -> dict:
    """An article of tess's with one generated draft question."""

    def make() -> tuple[int, int]:
        article = Article(title="Tess's article", created_by_id=w.user_id("tess"))
        revision = ArticleRevision(article=article, number=1, text="Pakistan struck Kabul.")
        question = question_from_fields(
            {"kind": "true_false", "prompt": "Pakistan struck Kabul.", "answer": True},
            None,
            status="draft",
            origin="generated",
            article_revision=revision,
            source_start=0,
            source_end=22,
            created_by_id=w.user_id("tess"),
        )
        with w.app.app_context():
            db.session.add_all([article, question])
            db.session.commit()
            return article.id, question.id

    article_id, question_id = w.once("tess's article", make)
    return {"article_id": article_id, "question_id": question_id}


def _own_article(w: World) -> dict:
    return {"article_id": _article(w)["article_id"]}


TEACHERS_CLASS = {"owner": "tess", "also": ("ada",)}
OWN_QUESTION = {"owner": "tess", "also": ("ada",)}

ACCESS: dict[str, Access] = {
    "static": Access("public", lambda w: {"filename": "style.css"}),
    # learn
    "learn.home": Access("public"),
    "learn.index": Access("public"),
    "learn.section": Access("public", lambda w: {"slug": w.topic_slug}),
    "learn.glossary": Access("public"),
    "learn.map_page": Access("public"),
    "learn.sources": Access("public"),
    "learn.timeline": Access("public"),
    # auth
    "auth.login": Access("public"),
    "auth.register": Access("public"),
    "auth.logout": Access("public"),
    "auth.change_password": Access("login"),
    "auth.set_password": Access("login"),
    "auth.account": Access("login"),
    "auth.guess_timezone": Access("login"),
    # quizzes
    "quizzes.index": Access("public"),
    "quizzes.detail": Access("public", lambda w: {"quiz_id": w.quiz_id}),
    "quizzes.start": Access("login", lambda w: {"quiz_id": w.quiz_id}),
    "quizzes.take": Access("owner", _attempt),
    "quizzes.question": Access("owner", lambda w: {**_attempt(w), "position": 1}),
    "quizzes.answer": Access("owner", _attempt),
    "quizzes.autosave": Access("owner", _attempt),
    "quizzes.confirm": Access("owner", _attempt),
    "quizzes.submit": Access("owner", _attempt),
    "quizzes.result": Access("owner", _submitted),
    # history
    "history.index": Access("login"),
    "history.practice": Access("login"),
    "history.report": Access("owner", lambda w: {"item_id": w.item_id("alice")}),
    # classes (students)
    "classes.index": Access("login"),
    "classes.detail": Access("owner", _class),
    "classes.join": Access("login"),
    # admin: question bank
    "admin.index": Access("teacher"),
    "admin.questions": Access("teacher"),
    "admin.question_kinds": Access("teacher"),
    "admin.question_new": Access("teacher", lambda w: {"kind": "single"}),
    "admin.question_preview": Access("teacher", lambda w: {"question_id": w.question_id("tess")}),
    "admin.question_edit": Access(
        "owner", lambda w: {"question_id": w.question_id("tess")}, **OWN_QUESTION
    ),
    "admin.question_status": Access(
        "owner", lambda w: {"question_id": w.question_id("tess")}, **OWN_QUESTION
    ),
    "admin.question_duplicate": Access("teacher", lambda w: {"question_id": w.question_id("tess")}),
    "admin.regrade_preview": Access(
        "owner", lambda w: {"question_id": w.question_id("tess")}, **OWN_QUESTION
    ),
    "admin.regrade_apply": Access(
        "owner", lambda w: {"question_id": w.question_id("tess")}, **OWN_QUESTION
    ),
    # admin: quizzes and explainer sections
    "admin.quizzes": Access("teacher"),
    "admin.quiz_new": Access("teacher"),
    "admin.quiz_edit": Access("owner", lambda w: {"quiz_id": _own_quiz(w)}, **OWN_QUESTION),
    "admin.quiz_questions": Access("owner", lambda w: {"quiz_id": _own_quiz(w)}, **OWN_QUESTION),
    "admin.quiz_add_question": Access("owner", lambda w: {"quiz_id": _own_quiz(w)}, **OWN_QUESTION),
    "admin.quiz_add_draw": Access("owner", lambda w: {"quiz_id": _own_quiz(w)}, **OWN_QUESTION),
    "admin.quiz_slot": Access("owner", _own_slot, **OWN_QUESTION),
    "admin.quiz_preview": Access("owner", lambda w: {"quiz_id": _own_quiz(w)}, **OWN_QUESTION),
    "admin.gift": Access("teacher"),
    "admin.gift_import": Access("teacher"),
    "admin.gift_export": Access("teacher"),
    "admin.questions_csv": Access("teacher"),
    "admin.backup": Access("teacher"),
    "admin.restore_backup": Access("admin"),
    "admin.topics": Access("teacher"),
    "admin.topic_new": Access("admin", also=("tess",)),  # tess is an explainer editor, tom not
    "admin.topic_edit": Access("admin", lambda w: {"topic_id": w.topic_id}, also=("tess",)),
    "admin.topic_history": Access("teacher", lambda w: {"topic_id": w.topic_id}),
    "admin.topic_revision": Access("teacher", _revision),
    "admin.topic_restore": Access("admin", _revision, also=("tess",)),
    "admin.user_editor": Access("admin", lambda w: {"user_id": w.user_id("tom")}),
    # admin: articles and generated questions
    "admin.articles": Access("teacher"),
    "admin.article": Access("owner", _own_article, **OWN_QUESTION),
    "admin.revise": Access("owner", _own_article, **OWN_QUESTION),
    "admin.review": Access("owner", lambda w: {**_article(w), "action": "approve"}, **OWN_QUESTION),
    "admin.approve_top": Access("owner", _own_article, **OWN_QUESTION),
    "admin.make_quiz": Access("owner", _own_article, **OWN_QUESTION),
    # admin: classes and reports
    "admin.classes": Access("teacher"),
    "admin.create_class": Access("teacher"),
    "admin.class_detail": Access("owner", _class, **TEACHERS_CLASS),
    "admin.renew_code": Access("owner", _class, **TEACHERS_CLASS),
    "admin.assign": Access("owner", _class, **TEACHERS_CLASS),
    "admin.unassign": Access(
        "owner", lambda w: {**_class(w), "assignment_id": w.assignment_id("tess")}, **TEACHERS_CLASS
    ),
    "admin.remove_member": Access(
        "owner", lambda w: {**_class(w), "user_id": w.user_id("alice")}, **TEACHERS_CLASS
    ),
    "admin.gradebook": Access("owner", _class, **TEACHERS_CLASS),
    "admin.class_student": Access(
        "owner", lambda w: {**_class(w), "user_id": w.user_id("alice")}, **TEACHERS_CLASS
    ),
    "admin.reset_member_password": Access(
        "owner", lambda w: {**_class(w), "user_id": w.user_id("alice")}, **TEACHERS_CLASS
    ),
    "admin.set_member_accommodation": Access(
        "owner", lambda w: {**_class(w), "user_id": w.user_id("alice")}, **TEACHERS_CLASS
    ),
    "admin.create_accounts": Access("owner", _class, **TEACHERS_CLASS),
    "admin.class_student_attempt": Access(
        "owner", lambda w: {**_class_student(w), **_submitted(w)}, **TEACHERS_CLASS
    ),
    "admin.student_export_json": Access("owner", _class_student, **TEACHERS_CLASS),
    "admin.student_export_zip": Access("owner", _class_student, **TEACHERS_CLASS),
    "admin.student_delete": Access("owner", _class_student, **TEACHERS_CLASS),
    "admin.student_anonymise": Access("owner", _class_student, **TEACHERS_CLASS),
    "admin.export_attempts": Access("owner", _class, **TEACHERS_CLASS),
    "admin.export_answers": Access("owner", _class, **TEACHERS_CLASS),
    # admin: accounts
    "admin.users": Access("admin"),
    "admin.user_role": Access("admin", lambda w: {"user_id": w.user_id("bob")}),
    "admin.user_disable": Access("admin", lambda w: {"user_id": w.user_id("bob")}),
    "admin.user_reset_password": Access("admin", lambda w: {"user_id": w.user_id("bob")}),
    "admin.reset_log_page": Access("admin"),
    "admin.reports": Access("teacher"),
    "admin.item_analysis": Access("teacher", lambda w: {"quiz_id": w.quiz_id}),
    "admin.release_answers": Access("owner", lambda w: {"quiz_id": _own_quiz(w)}, **OWN_QUESTION),
    "admin.question_reports": Access("teacher"),
    "admin.resolve_report": Access("teacher", lambda w: {"report_id": w.report_id("alice")}),
}


def undeclared_message(endpoint: str, rule: str, methods: set[str]) -> str:
    return (
        f"Endpoint {endpoint!r} ({', '.join(sorted(methods))} {rule}) has no access "
        f"declaration. Add one line for it to ACCESS in tests/security/access.py, e.g.\n"
        f'    "{endpoint}": Access("teacher", lambda w: {{...url arguments...}}),\n'
        f"with the level public, login, owner, teacher or admin (see that file's docstring)."
    )
