"""The question-bank export (JSON): sections, questions, quizzes and the articles generated
questions came from, and its restore, which matches each by slug or key, so restoring the
same file twice changes nothing. (Students' accounts and attempts are not in it: `flask
backup` copies the whole database.)

A restore checks the whole document first (core.backup.check_backup) and writes nothing when
anything is wrong. These functions never commit.
"""

import json
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from quizapp.core.backup import FORMAT, MAX_DEPTH, VERSION, check_backup, nesting_depth
from quizapp.models import Article, ArticleRevision, Question, Quiz, QuizSlot, Topic, db, utcnow
from quizapp.services.bank import fields_from_question, question_from_fields, update_question
from quizapp.services.never_with import partner_keys, save_usage_by_key

RESTORE_SOURCE = "backup restore"
MAX_BACKUP_BYTES = 1_500_000  # the seeded bank's export is about a tenth of this

QUIZ_FIELDS = (
    "slug",
    "title",
    "description",
    "kinds",
    "difficulties",
    "question_count",
    "topic_quotas",
    "shuffle",
    "feedback_mode",
    "release_mode",
    "audience",
    "time_limit_minutes",
    "max_attempts",
    "is_published",
    "purpose",
)


@dataclass(frozen=True)
class RestoreReport:
    problems: tuple[str, ...] = ()
    created: int = 0
    updated: int = 0


def _iso(value) -> str | None:
    return value.isoformat(timespec="minutes") if value else None


def backup_document() -> dict:
    """The whole question bank as plain data (see the module docstring)."""
    return {
        "format": FORMAT,
        "version": VERSION,
        "created_at": _iso(utcnow()),
        "topics": _topic_rows(),
        "questions": _question_rows(),
        "quizzes": _quiz_rows(),
        "articles": _article_rows(),
    }


def _topic_rows() -> list[dict]:
    topics = db.session.scalars(select(Topic).order_by(Topic.position, Topic.id))
    names = ("slug", "title", "summary", "body", "position")
    return [{name: getattr(t, name) for name in names} for t in topics]


def _question_rows() -> list[dict]:
    questions = db.session.scalars(
        select(Question)
        .order_by(Question.id)
        .options(selectinload(Question.choices), selectinload(Question.topic))
    ).all()
    partners = partner_keys([q.id for q in questions])
    return [
        {
            **fields_from_question(q),
            "topic": q.topic.slug if q.topic else None,
            "status": q.status,
            "origin": q.origin,
            "use": q.use,
            "never_with": list(partners.get(q.id, ())),
            "source": _source(q),
        }
        for q in questions
    ]


def _quiz_rows() -> list[dict]:
    quizzes = db.session.scalars(
        select(Quiz).order_by(Quiz.id).options(selectinload(Quiz.topics), selectinload(Quiz.slots))
    )
    keys = dict(db.session.execute(select(Question.id, Question.key)).all())
    slugs = dict(db.session.execute(select(Topic.id, Topic.slug)).all())
    return [
        {
            **{name: getattr(z, name) for name in QUIZ_FIELDS},
            "topics": [t.slug for t in z.topics],
            "slots": [_slot_row(slot, keys, slugs) for slot in z.slots],
            "opens_at": _iso(z.opens_at),
            "closes_at": _iso(z.closes_at),
        }
        for z in quizzes
    ]


def _slot_row(slot: QuizSlot, keys: dict, slugs: dict) -> dict:
    if slot.question_id is not None:
        return {"question": keys[slot.question_id]}
    return {
        "topic": slugs.get(slot.topic_id),
        "kind": slot.kind,
        "difficulty": slot.difficulty,
        "count": slot.count,
    }


def _article_rows() -> list[dict]:
    articles = db.session.scalars(
        select(Article).order_by(Article.id).options(selectinload(Article.revisions))
    )
    return [
        {
            "key": a.key,
            "title": a.title,
            "source_url": a.source_url,
            "revisions": [{"number": r.number, "text": r.text} for r in a.revisions],
        }
        for a in articles
    ]


def _source(question: Question) -> dict | None:
    revision = question.article_revision
    if revision is None or question.source_start is None:
        return None
    return {
        "article": revision.article.key,
        "revision": revision.number,
        "start": question.source_start,
        "end": question.source_end,
    }


def backup_json() -> str:
    return json.dumps(backup_document(), ensure_ascii=False, indent=1)


def read_backup(data: bytes) -> object:
    """The parsed document, or a RestoreReport with the reason it cannot be read."""
    if len(data) > MAX_BACKUP_BYTES:
        return RestoreReport((f"The file is larger than {MAX_BACKUP_BYTES // 1000} kB.",))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return RestoreReport(("The file is not UTF-8 text.",))
    if nesting_depth(text) > MAX_DEPTH:
        return RestoreReport((f"The file nests lists or objects more than {MAX_DEPTH} deep.",))
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        return RestoreReport((f"The file is not valid JSON (line {error.lineno}: {error.msg}).",))


def restore(doc: object) -> RestoreReport:
    """Create or update every row in `doc`; nothing is written if any row has a problem."""
    topics = {t.slug: t for t in db.session.scalars(select(Topic))}
    check = check_backup(doc, set(topics))
    problems = check.problems or _kind_clashes(check.questions) or _unknown_keys(check)
    if problems:
        return RestoreReport(problems)
    counts = [0, 0]
    revisions = _restore_articles(check.articles, counts)
    for row in check.topics:
        topic = topics.get(row["slug"])
        _count(counts, topic is None)
        if topic is None:
            topic = topics[row["slug"]] = Topic(slug=row["slug"])
            db.session.add(topic)
        for name in ("title", "summary", "body", "position"):
            setattr(topic, name, row[name])
    restored = []
    for row in check.questions:
        question = _restore_question(row, topics.get(row["topic"]), counts)
        restored.append((question, row))
        source = row["source"]
        if source is not None:
            question.article_revision = revisions[source["article"], source["revision"]]
            question.source_start, question.source_end = source["start"], source["end"]
    db.session.flush()  # new questions and sections get the ids their quizzes' slots name
    named = [(q, q.use, row["never_with"]) for q, row in restored if row["never_with"] is not None]
    save_usage_by_key(named, None, RESTORE_SOURCE)  # the file's pairs, for the questions it has
    for row in check.quizzes:
        _restore_quiz(row, topics, counts)
    db.session.flush()
    return RestoreReport(created=counts[0], updated=counts[1])


def _unknown_keys(check) -> tuple[str, ...]:
    """A hand-picked question, or a never-with partner, must be in the file or the bank."""
    picked = {s["question"] for q in check.quizzes for s in q["slots"] if "question" in s}
    partners = {k for q in check.questions for k in q["never_with"] or ()}
    known = {q["key"] for q in check.questions if q.get("key")}
    missing = (picked | partners) - known
    if missing:
        known |= set(db.session.scalars(select(Question.key).where(Question.key.in_(missing))))
    return tuple(
        f"A quiz hand-picks the question {key!r}, which is neither in the file nor in the bank."
        for key in sorted(picked - known)
    ) + tuple(
        f"A question is never drawn with {key!r}, which is neither in the file nor in the bank."
        for key in sorted(partners - known)
    )


def _count(counts: list[int], created: bool) -> None:
    counts[0 if created else 1] += 1


def _kind_clashes(questions) -> tuple[str, ...]:
    """Problems for backup questions whose key names a bank question of another kind."""
    keys = {q["key"]: q["kind"] for q in questions if q.get("key")}
    found = db.session.execute(
        select(Question.key, Question.kind).where(Question.key.in_(list(keys)))
    ).all()
    return tuple(
        f"questions ({key}): the bank's question with this key is a {kind} question, "
        f"not {keys[key]}; give one of them another key."
        for key, kind in found
        if keys[key] != kind
    )


def _restore_articles(rows: tuple[dict, ...], counts: list[int]) -> dict:
    """Articles by key, each revision added when its number is new: (key, number) → revision."""
    found = {}
    for row in rows:
        article = db.session.scalar(
            select(Article)
            .where(Article.key == row["key"])
            .options(selectinload(Article.revisions))
        )
        _count(counts, article is None)
        if article is None:
            article = Article(key=row["key"], title=row["title"], source_url=row["source_url"])
            db.session.add(article)
        have = {r.number: r for r in article.revisions}
        for revision in row["revisions"]:
            if revision["number"] not in have:  # a revision's text never changes once made
                made = ArticleRevision(number=revision["number"], text=revision["text"])
                article.revisions.append(made)  # cascades into the session with the article
                have[revision["number"]] = made
        found |= {(row["key"], number): r for number, r in have.items()}
    return found


def _restore_question(row: dict, topic: Topic | None, counts: list[int]) -> Question:
    question = None
    if row.get("key"):
        question = db.session.scalar(select(Question).where(Question.key == row["key"]))
    _count(counts, question is None)
    if question is None:
        question = question_from_fields(row, topic, status=row["status"], origin=row["origin"])
        db.session.add(question)
        return question
    update_question(question, row, topic)
    question.status, question.origin, question.use = row["status"], row["origin"], row["use"]
    question.version += 1
    return question


def _restore_quiz(row: dict, topics: dict[str, Topic], counts: list[int]) -> None:
    quiz = None
    if row["slug"]:
        quiz = db.session.scalar(select(Quiz).where(Quiz.slug == row["slug"]))
    _count(counts, quiz is None)
    if quiz is None:
        quiz = Quiz()
        db.session.add(quiz)
    for name in (*QUIZ_FIELDS, "opens_at", "closes_at"):
        setattr(quiz, name, row[name])
    quiz.topics = [topics[slug] for slug in row["topics"]]
    quiz.slots = []
    db.session.flush()  # the old slots go first: a flush inserts before it deletes
    picked = set()  # a quiz holds a hand-picked question once (a hand-edited file may repeat it)
    for slot in row["slots"]:
        if slot.get("question") in picked:
            continue
        if "question" in slot:
            picked.add(slot["question"])
        quiz.slots.append(_restore_slot(slot, len(quiz.slots) + 1, topics))


def _restore_slot(row: dict, position: int, topics: dict[str, Topic]) -> QuizSlot:
    if "question" in row:
        question_id = db.session.scalar(select(Question.id).where(Question.key == row["question"]))
        return QuizSlot(position=position, question_id=question_id, count=1)
    topic = topics.get(row.get("topic"))
    return QuizSlot(
        position=position,
        topic_id=topic.id if topic else None,
        kind=row.get("kind"),
        difficulty=row.get("difficulty"),
        count=row["count"],
    )
