"""Articles and the questions generated from them: drafts, review, revisions, quizzes.

Generated questions are stored as draft questions (origin "generated") carrying their article
revision and the character span of their source sentence. Approving publishes a draft into the
bank; rejecting retires it, so that a later revision does not offer the same question again.
"""

from collections.abc import Callable
from datetime import datetime

from sqlalchemy import select

from quizapp.core.generation import Candidate
from quizapp.core.kinds import ChoiceData, StoredAnswers, kind_of
from quizapp.core.provenance import Span, remap_span
from quizapp.models import Article, ArticleRevision, Question, Quiz, Topic, db
from quizapp.services.bank import question_from_fields

MAX_DRAFTS = 40
QUIZ_QUESTIONS = 10

# Where a draft belongs in the explainer: source offset -> (section or None, paragraph id).
Locate = Callable[[int], tuple[Topic | None, str]]


class ReviewError(Exception):
    """A review action that does not fit the question's state; the message says why."""


def candidate_fields(candidate: Candidate) -> dict:
    """A generator candidate in the content-file shape that bank.question_from_fields reads."""
    fields = {
        "kind": candidate.kind,
        "prompt": candidate.prompt,
        "explanation": candidate.explanation,
        "difficulty": 2,
    }
    stored = StoredAnswers(
        choices=tuple(ChoiceData(c.text, c.is_correct) for c in candidate.choices),
        numeric_answer=candidate.answer,
        tolerance=candidate.tolerance,
    )
    return fields | kind_of(candidate.kind).fields(stored)


def generate_drafts(
    revision: ArticleRevision,
    owner_id: int | None,
    locate: Locate | None = None,
    limit: int = MAX_DRAFTS,
    candidates: list | None = None,
) -> list[Question]:
    """Draft questions for `revision`, best first, leaving out prompts the article already has
    (approved, rejected or edited in an earlier revision). `candidates` made beforehand with
    `draft_candidates` keep the generator's work out of the write transaction. Raises
    GenerationError."""
    known = set(
        db.session.scalars(_article_query(revision.article_id).with_only_columns(Question.prompt))
    )
    drafts = []
    if candidates is None:
        candidates = draft_candidates(revision.text, limit)
    for candidate in candidates:
        if candidate.prompt in known:
            continue
        topic, anchor = locate(candidate.source.start) if locate else (None, "")
        drafts.append(
            question_from_fields(
                candidate_fields(candidate) | {"anchor": anchor},
                topic,
                status="draft",
                origin="generated",
                created_by_id=owner_id,
                article_revision=revision,
                source_start=candidate.source.start,
                source_end=candidate.source.end,
                generation_score=candidate.score,
                generation_checks=list(candidate.checks),
            )
        )
    db.session.add_all(drafts)
    return drafts


def draft_candidates(text: str, limit: int = MAX_DRAFTS) -> list:
    """The generator's ranked candidates for `text`: pure computation, run before any write so
    that a long article never holds the database's write lock while it is read."""
    # One fixed seed: the same text always gives the same drafts, and the labelled development
    # set (tests/data/generation_labels.json) was judged with it.
    return list(generate(text, seed=0, limit=limit))


def generate(text: str, **options) -> list[Candidate]:
    """quizapp.core.generation.generate, imported on first use: loading the generator costs
    every start-up (the web app, `flask --help`) a tenth of a second."""
    from quizapp.core import generation

    return generation.generate(text, **options)


def create_article(
    title: str, source_url: str, text: str, owner_id: int | None, locate: Locate | None = None
) -> Article:
    """A new article, its first revision and its drafts (not committed)."""
    candidates = draft_candidates(text)
    article = Article(title=title, source_url=source_url, created_by_id=owner_id)
    revision = ArticleRevision(article=article, number=1, text=text, created_by_id=owner_id)
    db.session.add(article)
    db.session.flush()
    generate_drafts(revision, owner_id, locate, candidates=candidates)
    return article


def revise_article(
    article: Article, text: str, user_id: int | None, locate: Locate | None = None
) -> ArticleRevision:
    """A new revision. Untouched drafts are replaced by drafts of the new text; every other
    question follows its sentence to its new offsets, or is flagged "needs review" when the
    sentence changed."""
    candidates = draft_candidates(text)
    old = article.revisions[-1]
    revision = ArticleRevision(
        article=article, number=old.number + 1, text=text, created_by_id=user_id
    )
    db.session.add(revision)
    db.session.flush()
    for question in _article_questions(article.id):
        if question.status == "draft" and question.version == 1:
            db.session.delete(question)
        else:
            _follow(question, old.text, revision)
    db.session.flush()
    generate_drafts(revision, article.created_by_id, locate, candidates=candidates)
    return revision


def _follow(question: Question, old_text: str, revision: ArticleRevision) -> None:
    span = remap_span(
        old_text, revision.text, Span(question.source_start or 0, question.source_end or 0)
    )
    question.article_revision = revision
    if span is None:
        question.needs_review = True
    else:
        question.source_start, question.source_end = span.start, span.end


def approve(question: Question, user_id: int | None, now: datetime) -> None:
    """Publish a draft, or confirm a question flagged for review. `user_id` None: the system."""
    if question.status == "retired":
        raise ReviewError("This question was rejected; it cannot be approved.")
    if question.status == "published" and not question.needs_review:
        raise ReviewError("This question is already approved.")
    record_approval(question, user_id, now)


def record_approval(question: Question, user_id: int | None, now: datetime) -> None:
    """Publish `question` as approved by `user_id` (None: the system) at `now`."""
    question.status, question.needs_review = "published", False
    question.approved_by_id, question.approved_at = user_id, now


def reject(question: Question) -> None:
    """Retire a draft or a question flagged for review: students never see it."""
    if question.status == "retired":
        raise ReviewError("This question is already rejected.")
    if question.status == "published" and not question.needs_review:
        raise ReviewError("This question is approved; retire it from the question bank.")
    question.status, question.needs_review = "retired", False


def _article_query(article_id: int):
    return (
        select(Question)
        .join(ArticleRevision, Question.article_revision_id == ArticleRevision.id)
        .where(ArticleRevision.article_id == article_id)
    )


def _article_questions(article_id: int) -> list[Question]:
    return list(db.session.scalars(_article_query(article_id)))


def article_questions(article: Article, status: str | None = None) -> list[Question]:
    """The article's generated questions, best score first."""
    query = _article_query(article.id).order_by(Question.generation_score.desc(), Question.id)
    if status:
        query = query.where(Question.status == status)
    return list(db.session.scalars(query))


def approve_top(article: Article, count: int, user_id: int | None, now: datetime) -> list[Question]:
    """Approve the `count` best-scored drafts."""
    drafts = article_questions(article, status="draft")[:count]
    for question in drafts:
        approve(question, user_id, now)
    return drafts


def article_quiz(
    article: Article,
    owner_id: int | None,
    slug: str | None = None,
    title: str | None = None,
    publish: bool = True,
) -> Quiz:
    """The article's quiz (one per article), drawing from its approved questions. Without
    `publish` a new quiz is a draft and an existing one stays as published as it was."""
    approved = len(article_questions(article, status="published"))
    quiz = db.session.scalar(select(Quiz).where(Quiz.article_id == article.id))
    if quiz is None:
        quiz = Quiz(article_id=article.id, created_by_id=owner_id, slug=slug, is_published=False)
        db.session.add(quiz)
    quiz.title = title or f"Questions on “{article.title}”"
    quiz.description = (
        "Questions generated from the article's sentences and reviewed before students see them."
    )
    quiz.question_count = max(1, min(QUIZ_QUESTIONS, approved))
    quiz.is_published, quiz.feedback_mode = publish or bool(quiz.is_published), "at_end"
    return quiz
