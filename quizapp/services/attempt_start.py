"""Starting an attempt: whether a quiz is open, the open attempt to continue, and a new paper
drawn for a quiz or for "Practice my mistakes". Saving and submitting are in
`services.attempts`."""

import random
import secrets
from datetime import datetime

from flask import current_app
from sqlalchemy import func, select

from quizapp.core.assembly import QuestionData, make_snapshot
from quizapp.core.paper_rules import clashing_pairs
from quizapp.models import Attempt, AttemptItem, Quiz, User, db
from quizapp.services.accommodations import deadline_for
from quizapp.services.attempts import AttemptError
from quizapp.services.quiz_builder import draw_quiz_paper


def quiz_is_open(quiz: Quiz, now: datetime) -> bool:
    return (
        quiz.is_published
        and (quiz.opens_at is None or quiz.opens_at <= now)
        and (quiz.closes_at is None or now < quiz.closes_at)
    )


def open_attempt(user: User, quiz: Quiz) -> Attempt | None:
    return db.session.scalar(
        select(Attempt).where(
            Attempt.user_id == user.id, Attempt.quiz_id == quiz.id, Attempt.status == "in_progress"
        )
    )


def has_attempts_left(user: User, quiz: Quiz) -> bool:
    """Whether starting would give `user` an attempt at `quiz`: one open to continue, or one
    more allowed (the quiz being open aside). Pages offer a start button only then."""
    if quiz.max_attempts is None or open_attempt(user, quiz) is not None:
        return True
    return _attempts_used(user, quiz) < quiz.max_attempts


def start_attempt(
    user: User, quiz: Quiz, now: datetime, client_token: str | None = None
) -> Attempt:
    """The attempt to continue: an open one, or a new paper drawn for this attempt."""
    if client_token:
        existing = db.session.scalar(select(Attempt).where(Attempt.client_token == client_token))
        if existing is not None:
            if existing.user_id != user.id:
                raise AttemptError("That request token belongs to someone else.", 400)
            return existing
    existing = open_attempt(user, quiz)
    if existing is not None:
        return existing
    if not quiz_is_open(quiz, now):
        raise AttemptError("This quiz is not open.", 404)
    used = _attempts_used(user, quiz)
    if quiz.max_attempts is not None and used >= quiz.max_attempts:
        # Under READ COMMITTED (PostgreSQL) each statement sees newer data: the attempt counted
        # here may be one a concurrent start committed after the look for an open one above.
        existing = open_attempt(user, quiz)
        if existing is not None:
            return existing
        raise AttemptError("You have used all your attempts at this quiz.", 409)
    return _new_attempt(user, quiz, now, used + 1, client_token)


def new_paper_generator() -> tuple[str, random.Random]:
    """(seed, generator) for drawing and ordering one paper. 128 bits from the operating system:
    the 31-bit seeds used before could be searched from what a question page shows."""
    seed = secrets.token_hex(16)
    return seed, random.Random(seed)


def _attempts_used(user: User, quiz: Quiz) -> int:
    return (
        db.session.scalar(
            select(func.count())
            .select_from(Attempt)
            .where(Attempt.user_id == user.id, Attempt.quiz_id == quiz.id)
        )
        or 0
    )


def _new_attempt(user, quiz, now, attempt_no, client_token) -> Attempt:
    seed, rng = new_paper_generator()
    paper = draw_quiz_paper(quiz, rng)
    if not paper:
        raise AttemptError("This quiz has no questions yet. Tell your teacher.", 409)
    if clashes := clashing_pairs(paper):  # the pool is too small to keep them apart
        current_app.logger.warning("Quiz %s: a paper holds giveaway pairs %s", quiz.id, clashes)
    deadline = deadline_for(user.id, quiz.time_limit_minutes or None, now)  # with extra time
    attempt = Attempt(
        user_id=user.id,
        quiz_id=quiz.id,
        attempt_no=attempt_no,
        seed=seed,
        started_at=now,
        deadline_at=deadline,
        max_score=float(len(paper)),
        client_token=client_token,
    )
    attempt.items = [
        AttemptItem(position=i, question_id=q.id, snapshot=make_snapshot(q, rng, quiz.shuffle))
        for i, q in enumerate(paper, 1)
    ]
    db.session.add(attempt)
    return attempt


def start_practice_attempt(
    user: User, quiz: Quiz, paper: list[QuestionData], now: datetime
) -> Attempt:
    """Continue the open practice attempt, or start one on `paper` (the questions due today).

    Practice uses a hidden quiz, so the open/published rules of `start_attempt` do not apply.
    """
    existing = open_attempt(user, quiz)
    if existing is not None:
        return existing
    if not paper:
        raise AttemptError("Nothing is due for practice today. Come back tomorrow.", 409)
    used = db.session.scalar(
        select(func.count())
        .select_from(Attempt)
        .where(Attempt.user_id == user.id, Attempt.quiz_id == quiz.id)
    )
    seed, rng = new_paper_generator()
    paper = list(paper)
    rng.shuffle(paper)
    attempt = Attempt(
        user_id=user.id,
        quiz_id=quiz.id,
        attempt_no=(used or 0) + 1,
        seed=seed,
        started_at=now,
        max_score=float(len(paper)),
    )
    attempt.items = [
        AttemptItem(position=i, question_id=q.id, snapshot=make_snapshot(q, rng))
        for i, q in enumerate(paper, 1)
    ]
    db.session.add(attempt)
    return attempt
