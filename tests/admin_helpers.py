"""Helpers for the teachers' area tests: valid question forms per kind, reading errors back."""

import html as html_module
import re
from html.parser import HTMLParser

from sqlalchemy import func, select

from quizapp.models import Question, Topic, db

VALID = {
    "single": {
        "prompt": "Which city was struck?",
        "choices-0-text": "Kabul",
        "choices-0-correct": "y",
        "choices-1-text": "Lahore",
        "choices-1-feedback": "Lahore is in Pakistan.",
    },
    "multiple": {
        "prompt": "Which were struck?",
        "choices-0-text": "Kabul",
        "choices-0-correct": "y",
        "choices-1-text": "Kandahar",
        "choices-1-correct": "y",
        "choices-2-text": "Quetta",
    },
    "true_false": {"prompt": "The strikes were in February 2026.", "answer": "true"},
    "short_text": {"prompt": "Name the crossing.", "accepted": "Torkham\nTorkham crossing\n"},
    "numeric": {"prompt": "In which year?", "answer": "1893", "tolerance": "0"},
    "ordering": {
        "prompt": "Put in order.",
        "items-0": "First",
        "items-1": "Second",
        "items-2": "Third",
    },
    "matching": {
        "prompt": "Match them.",
        "pairs-0-prompt": "TTP",
        "pairs-0-answer": "Pakistani Taliban",
        "pairs-1-prompt": "BLA",
        "pairs-1-answer": "Baloch separatists",
        "pairs-2-prompt": "PoR",
        "pairs-2-answer": "Proof of Registration",
    },
}


def topic_id(app, slug: str = "border") -> int:
    with app.app_context():
        return db.session.scalar(select(Topic.id).where(Topic.slug == slug))


def question_form(app, kind: str, **overrides) -> dict:
    data = {
        "topic_id": str(topic_id(app)),
        "difficulty": "2",
        "status": "draft",
        "anchor": "",
        "explanation": "Because.",
        **VALID[kind],
    }
    data.update(overrides)
    return data


def question_count(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(Question))


def question_by_key(app, key: str) -> Question:
    with app.app_context():
        question = db.session.scalar(select(Question).where(Question.key == key))
        question.choices  # noqa: B018 - load before leaving the session
        question.topic  # noqa: B018
        db.session.expunge_all()
        return question


def question_id(app, key: str) -> int:
    with app.app_context():
        return db.session.scalar(select(Question.id).where(Question.key == key))


def field_error(html: str, field_id: str) -> str:
    """The text of the error shown beside a field (or a group of rows), '' if none."""
    match = re.search(
        rf'<p class="error" id="{re.escape(field_id)}-error"[^>]*>(.*?)</p>', html, re.S
    )
    if not match:
        return ""
    text = re.sub(r'<span class="error-icon"[^>]*>.*?</span>', "", match.group(1))
    return html_module.unescape(re.sub(r"<[^>]+>", "", text)).strip()


def flashes(html: str) -> list[str]:
    return re.findall(r'<p class="flash flash-\w+">(.*?)</p>', html, re.S)


class _FormReader(HTMLParser):
    """The values a browser would send for the page's first POST form that posts to itself."""

    def __init__(self):
        super().__init__()
        self.values: list[tuple[str, str]] = []
        self._in_form = self._done = False
        self._textarea: str | None = None
        self._select: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and a.get("method") == "post" and "action" not in a and not self._done:
            self._in_form = True
        if not self._in_form:
            return
        if tag == "input" and a.get("name"):
            checkable = a.get("type") in ("checkbox", "radio")
            if not checkable or "checked" in a:
                self.values.append((a["name"], a.get("value", "on" if checkable else "")))
        elif tag == "textarea":
            self._textarea = a["name"]
            self.values.append((a["name"], ""))
        elif tag == "select":
            self._select = a["name"]
        elif tag == "option" and self._select and "selected" in a:
            self.values.append((self._select, a.get("value", "")))

    def handle_data(self, data):
        if self._textarea:
            name, text = self.values.pop()
            data = data.replace("\r\n", "\n")
            # A browser drops the one newline that follows <textarea>.
            self.values.append((name, text + (data if text else data.removeprefix("\n"))))

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None
        elif tag == "form" and self._in_form:
            self._in_form, self._done = False, True


def form_values(html: str) -> dict[str, list[str]]:
    reader = _FormReader()
    reader.feed(html)
    values: dict[str, list[str]] = {}
    for name, value in reader.values:
        values.setdefault(name, []).append(value)
    return values
