"""The JSON backup of topics, questions and quizzes: its shape, and checking one before restore.

A restore is all-or-nothing, so `check_backup` reads the whole document and lists every
problem (with where it is) before anything is written. Rows are matched by topic slug, question
key and quiz slug.
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from quizapp.core.backup_articles import check_articles, check_source
from quizapp.core.question_use import GRADED, USES
from quizapp.core.questions import KEY_LENGTH, KINDS, check_question
from quizapp.core.quiz_settings import PURPOSES, date_problems, purpose_from_slug, quota_problems

FORMAT, VERSION = "quizapp-question-bank", 2
# Files written before the export said what it is (no articles in them) still restore.
READABLE = {("quizapp-backup", 1), (FORMAT, VERSION)}
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
STATUSES = ("draft", "published", "retired")
ORIGINS = ("curated", "imported", "generated")
FEEDBACK_MODES = ("immediate", "at_end")
RELEASE_MODES = ("immediate", "after_close", "manual")
MAX_PARTNERS = 1000  # never-with pairs of one question (each side may add up to 50)
MAX_DEPTH = 8  # a backup nests document → questions → question → choices → choice
_JSON_STRING = re.compile(r'"(?:\\.|[^"\\])*"')
_BRACKET = re.compile(r"[\[\]{}]")


def nesting_depth(text: str) -> int:
    """How deep JSON text nests arrays and objects, found without parsing it (a parser recurses,
    so a file of ten thousand "[" would exhaust the stack before it could be refused)."""
    depth = deepest = 0
    for bracket in _BRACKET.findall(_JSON_STRING.sub("", text)):
        depth += 1 if bracket in "[{" else -1
        deepest = max(deepest, depth)
    return deepest


@dataclass(frozen=True)
class BackupCheck:
    topics: tuple[dict, ...] = ()
    questions: tuple[dict, ...] = ()
    quizzes: tuple[dict, ...] = ()
    problems: tuple[str, ...] = ()
    articles: tuple[dict, ...] = ()


def _list(doc: Mapping, name: str, problems: list[str]) -> list[dict]:
    rows = doc.get(name, [])
    if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
        problems.append(f"{name}: expected a list of objects.")
        return []
    return rows


def _is_int(value, low: int, high: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and low <= value <= high


def check_backup(doc: object, known_topics: set[str] = frozenset()) -> BackupCheck:
    """Check a parsed backup; `known_topics` are slugs already in the database."""
    if not isinstance(doc, dict) or doc.get("format") not in {f for f, _ in READABLE}:
        return BackupCheck(problems=("This is not a quizapp question-bank export.",))
    if (doc.get("format"), doc.get("version")) not in READABLE:
        return BackupCheck(problems=(f"Unknown export version {doc.get('version')!r}.",))
    problems: list[str] = []
    articles = check_articles(_list(doc, "articles", problems), problems)
    topics = [_topic(row, i, problems) for i, row in enumerate(_list(doc, "topics", problems), 1)]
    slugs = [t["slug"] for t in topics]
    if len(set(slugs)) != len(slugs):
        problems.append("topics: two sections share a slug.")
    known = set(known_topics) | set(slugs)
    rows = _list(doc, "questions", problems)
    questions = [_question(row, i, known, problems, articles) for i, row in enumerate(rows, 1)]
    keys = [q["key"] for q in questions if q.get("key")]
    if len(set(keys)) != len(keys):
        problems.append("questions: two questions share a key.")
    rows = _list(doc, "quizzes", problems)
    quizzes = [_quiz(row, i, known, problems) for i, row in enumerate(rows, 1)]
    quiz_slugs = [q["slug"] for q in quizzes if q["slug"]]
    if len(set(quiz_slugs)) != len(quiz_slugs):
        problems.append("quizzes: two quizzes share a slug.")
    return BackupCheck(tuple(topics), tuple(questions), tuple(quizzes), tuple(problems), articles)


def _topic(row: dict, number: int, problems: list[str]) -> dict:
    where = f"topics[{number}]"
    topic = {
        "slug": row.get("slug"),
        "title": row.get("title"),
        "summary": row.get("summary", ""),
        "body": row.get("body", ""),
        "position": row.get("position", 0),
    }
    if not isinstance(topic["slug"], str) or not SLUG.match(topic["slug"]):
        problems.append(f"{where}: the slug must be lowercase letters, digits and dashes.")
    if not isinstance(topic["title"], str) or not topic["title"].strip():
        problems.append(f"{where}: a section needs a title.")
    if not isinstance(topic["summary"], str) or not isinstance(topic["body"], str):
        problems.append(f"{where}: summary and body must be text.")
    if not _is_int(topic["position"], 0, 10_000):
        problems.append(f"{where}: position must be a whole number.")
    return topic


def _question(
    row: dict, number: int, known: set[str], problems: list[str], articles: tuple[dict, ...]
) -> dict:
    check = check_question(row)
    where = f"questions[{number}]" + (
        f" ({check.fields['key']})" if check.fields.get("key") else ""
    )
    problems += [f"{where}: {name}: {message}" for name, message in check.problems.items()]
    topic = row.get("topic")
    if topic is not None and topic not in known:
        problems.append(f"{where}: unknown section {topic!r}.")
    if row.get("status", "draft") not in STATUSES:
        problems.append(f"{where}: status must be one of {', '.join(STATUSES)}.")
    if row.get("origin", "curated") not in ORIGINS:
        problems.append(f"{where}: origin must be one of {', '.join(ORIGINS)}.")
    if row.get("use", GRADED) not in USES:
        problems.append(f"{where}: use must be one of {', '.join(USES)}.")
    return {
        "never_with": _partner_keys(row.get("never_with"), where, problems),
        **check.fields,
        "topic": topic,
        "status": row.get("status", "draft"),
        "origin": row.get("origin", "curated"),
        "use": row.get("use", GRADED),
        "source": check_source(row.get("source"), articles, where, problems),
    }


def _partner_keys(value, where: str, problems: list[str]) -> tuple[str, ...] | None:
    """The keys of the questions a question is never drawn with; None (an export made before
    they were kept) leaves its pairs as they are."""
    if value is None:
        return None
    if (
        not isinstance(value, list)
        or len(value) > MAX_PARTNERS
        or not all(isinstance(k, str) and 0 < len(k) <= KEY_LENGTH for k in value)
    ):
        problems.append(f"{where}: never_with must be a list of at most {MAX_PARTNERS} keys.")
        return None
    return tuple(value)


def _when(value, where: str, problems: list[str]) -> datetime | None:
    if value is None:
        return None
    try:
        return datetime.fromisoformat(value).replace(tzinfo=None)
    except (TypeError, ValueError):
        problems.append(f"{where}: {value!r} is not a date and time (ISO 8601).")
        return None


def _optional_count(row: dict, name: str, high: int, where: str, problems: list[str]):
    value = row.get(name)
    if value is not None and not _is_int(value, 1, high):
        problems.append(f"{where}: {name} must be empty or a whole number from 1 to {high}.")
    return value


def _quiz(row: dict, number: int, known: set[str], problems: list[str]) -> dict:
    where = f"quizzes[{number}]" + (f" ({row['slug']})" if isinstance(row.get("slug"), str) else "")
    quiz = {name: row.get(name, default) for name, default in _QUIZ_DEFAULTS.items()}
    quiz["opens_at"] = _when(row.get("opens_at"), where, problems)
    quiz["closes_at"] = _when(row.get("closes_at"), where, problems)
    for name, high in (("time_limit_minutes", 600), ("max_attempts", 100)):
        _optional_count(row, name, high, where, problems)
    slug = quiz["slug"]
    if slug is not None and not (isinstance(slug, str) and SLUG.match(slug)):
        problems.append(f"{where}: the slug must be lowercase letters, digits and dashes.")
    if quiz["purpose"] is None:  # a backup made before quizzes said what they are for
        quiz["purpose"] = purpose_from_slug(slug if isinstance(slug, str) else None, known)
    elif quiz["purpose"] not in PURPOSES:
        problems.append(f"{where}: purpose must be one of {', '.join(PURPOSES)}.")
    if not isinstance(quiz["title"], str) or not quiz["title"].strip():
        problems.append(f"{where}: a quiz needs a title.")
    if not _is_int(quiz["question_count"], 0, 200):
        problems.append(f"{where}: question_count must be a whole number from 0 to 200.")
        return quiz
    if quiz["audience"] not in ("all", "classes"):
        problems.append(f"{where}: audience must be all or classes.")
    _slot_problems(quiz["slots"], where, known, problems)
    _quiz_lists(quiz, where, known, problems)
    return quiz


def _slot_problems(slots: object, where: str, known: set[str], problems: list[str]) -> None:
    """Slots are {"question": key} or {"topic", "kind", "difficulty", "count"} (any of the
    first three may be null); whether each key names a question is checked at restore."""
    if not isinstance(slots, list) or len(slots) > 200:
        problems.append(f"{where}: slots must be a list of at most 200 entries.")
        return
    for n, slot in enumerate(slots, 1):
        if not isinstance(slot, dict):
            problems.append(f"{where}: slot {n} must be an object.")
        elif "question" in slot:
            if not isinstance(slot["question"], str) or not slot["question"]:
                problems.append(f"{where}: slot {n} must name a question by its key.")
        elif (
            slot.get("topic") not in (None, *known)
            or slot.get("kind") not in (None, *KINDS)
            or slot.get("difficulty") not in (None, 1, 2, 3)
            or not _is_int(slot.get("count"), 1, 50)
        ):
            problems.append(
                f"{where}: slot {n} must be a draw of 1 to 50 questions from a known section, "
                "kind and difficulty (each may be null)."
            )


def _subset(value, allowed) -> bool:
    """True when `value` is a list whose items are all in `allowed`."""
    return isinstance(value, list) and all(
        isinstance(v, str | int) and not isinstance(v, bool) and v in allowed for v in value
    )


def _quiz_lists(quiz: dict, where: str, known: set[str], problems: list[str]) -> None:
    if quiz["feedback_mode"] not in FEEDBACK_MODES:
        problems.append(f"{where}: feedback_mode must be immediate or at_end.")
    if quiz["release_mode"] not in RELEASE_MODES:
        problems.append(f"{where}: release_mode must be immediate, after_close or manual.")
    if not isinstance(quiz["description"], str):
        problems.append(f"{where}: description must be text.")
    if not isinstance(quiz["shuffle"], bool) or not isinstance(quiz["is_published"], bool):
        problems.append(f"{where}: shuffle and is_published must be true or false.")
    if not _subset(quiz["kinds"], KINDS):
        problems.append(f"{where}: kinds must be a list of question kinds.")
    if not _subset(quiz["difficulties"], (1, 2, 3)):
        problems.append(f"{where}: difficulties must be a list of 1, 2 and 3.")
    topics, quotas = quiz["topics"], quiz["topic_quotas"]
    if not _subset(topics, known):
        problems.append(f"{where}: topics must be a list of known section slugs.")
        return
    if (
        not isinstance(quotas, dict)
        or not set(quotas) <= known
        or not all(_is_int(n, 1, 200) for n in quotas.values())
    ):
        problems.append(f"{where}: topic_quotas must map known section slugs to counts.")
        return
    message = quota_problems(quiz["question_count"], list(quotas.items()), topics)
    message = message or date_problems(quiz["opens_at"], quiz["closes_at"])
    if message:
        problems.append(f"{where}: {message}")


_QUIZ_DEFAULTS = {
    "slug": None,
    "title": None,
    "description": "",
    "topics": [],
    "kinds": [],
    "difficulties": [],
    "question_count": 10,
    "topic_quotas": {},
    "shuffle": True,
    "feedback_mode": "at_end",
    "release_mode": "immediate",  # exports made before it existed
    "audience": "all",  # exports made before quizzes could be aimed at classes
    "slots": [],  # hand-picked questions (by key) and extra random draws
    "time_limit_minutes": None,
    "max_attempts": None,
    "is_published": False,
    "purpose": None,  # read from the slug when missing (see _quiz)
}
