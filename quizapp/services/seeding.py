"""`flask seed`: load the content files into the database without duplicating anything.

Rows are matched by topic slug, question key and quiz slug. Existing rows are left as they are
(teachers may have edited them) unless `update=True`.
"""

from dataclasses import dataclass

from sqlalchemy import select

from quizapp.core.quiz_settings import ASSESSMENT, SECTION_CHECK
from quizapp.models import Question, Quiz, Topic, db
from quizapp.services import content as content_files
from quizapp.services.bank import choices_from_fields, question_from_fields
from quizapp.services.seeding_articles import seed_explainer_article

CHECK_QUIZ_QUESTIONS = 5


@dataclass
class SeedReport:
    created: int = 0
    updated: int = 0

    def add(self, created: bool, updated: bool = False) -> None:
        self.created += created
        self.updated += updated and not created


def seed_all(update: bool = False) -> dict[str, SeedReport]:
    topics = seed_topics(update)
    return {
        "topics": topics,
        "questions": seed_questions(update),
        "quizzes": seed_quizzes(update),
        "generated from the explainer": seed_generated(update),
    }


def seed_generated(update: bool) -> SeedReport:
    report = SeedReport()
    report.add(*seed_explainer_article(update))
    return report


def seed_topics(update: bool) -> SeedReport:
    report = SeedReport()
    existing = {t.slug: t for t in db.session.scalars(select(Topic))}
    for entry in content_files.topic_files():
        topic = existing.get(entry.slug)
        created = topic is None
        if created:
            topic = Topic(slug=entry.slug)
            db.session.add(topic)
        if created or update:
            topic.title, topic.summary, topic.body = entry.title, entry.summary, entry.body
            topic.position = entry.position
        report.add(created, update)
    db.session.flush()
    return report


def seed_questions(update: bool) -> SeedReport:
    report = SeedReport()
    topics = {t.slug: t for t in db.session.scalars(select(Topic))}
    existing = {
        q.key: q for q in db.session.scalars(select(Question).where(Question.key.is_not(None)))
    }
    for slug, entries in content_files.question_files().items():
        for fields in entries:
            question = existing.get(fields["key"])
            if question is None:
                db.session.add(question_from_fields(fields, topics.get(slug), status="published"))
                report.add(True)
            elif update:
                _update_question(question, fields, topics.get(slug))
                report.add(False, True)
    db.session.flush()
    return report


def _update_question(question: Question, fields: dict, topic: Topic | None) -> None:
    fresh = question_from_fields(fields, None)  # a transient copy to read the fields from
    for name in (
        "kind",
        "prompt",
        "explanation",
        "difficulty",
        "anchor",
        "accepted_answers",
        "numeric_answer",
        "tolerance",
        "use",
    ):
        setattr(question, name, getattr(fresh, name))
    question.topic = topic
    question.choices = choices_from_fields(fields["kind"], fields)
    question.version += 1


def _quiz_entries() -> list[dict]:
    checks = [
        {
            "slug": f"check-{t.slug}",
            "title": f"Check your understanding: {t.title}",
            "description": f"{CHECK_QUIZ_QUESTIONS} quick questions, with feedback as you go.",
            "topics": [t.slug],
            "question_count": CHECK_QUIZ_QUESTIONS,
            "feedback_mode": "immediate",
            "purpose": SECTION_CHECK,
        }
        for t in content_files.topic_files()
    ]
    return content_files.quiz_file() + checks


def seed_quizzes(update: bool) -> SeedReport:
    report = SeedReport()
    topics = {t.slug: t for t in db.session.scalars(select(Topic))}
    existing = {q.slug: q for q in db.session.scalars(select(Quiz).where(Quiz.slug.is_not(None)))}
    for entry in _quiz_entries():
        quiz = existing.get(entry["slug"])
        created = quiz is None
        if created:
            quiz = Quiz(slug=entry["slug"], is_published=True)
            db.session.add(quiz)
        if created or update:
            quiz.title, quiz.description = entry["title"], entry.get("description", "")
            quiz.topics = [topics[s] for s in entry.get("topics", []) if s in topics]
            quiz.question_count = entry.get("question_count", 10)
            quiz.feedback_mode = entry.get("feedback_mode", "at_end")
            quiz.time_limit_minutes = entry.get("time_limit_minutes")
            quiz.max_attempts = entry.get("max_attempts")
            quiz.topic_quotas = entry.get("topic_quotas", {})
            quiz.purpose = entry.get("purpose", ASSESSMENT)
        report.add(created, update)
    db.session.flush()
    return report
