"""The questions a quiz draws from, kept per worker while the question bank stays as it was.

Loading a quiz's pool (every published question that fits, with its choices and section,
through the ORM) was most of what starting an attempt cost, and starting is most of what a
class taking a quiz costs (see the README's classroom mix). A pool depends on nothing but the
quiz's pool settings and the rows of the bank, so it is kept under a key holding both: the
settings, and one aggregate over every question, choice and section row that any addition,
removal, edit, publication or retirement moves (ids, versions, update times). The aggregate is
read again at every start, so a change made through any worker shows at the next start.
`POOL_CACHE = False` loads every pool afresh (the bench's comparison).
"""

from collections import OrderedDict
from collections.abc import Hashable
from threading import Lock

from flask import current_app
from sqlalchemy import func, select

from quizapp.core.assembly import QuestionData
from quizapp.models import Choice, Question, Quiz, Topic, db
from quizapp.services.bank import quiz_pool

MAX_POOLS = 32
# Built once: one row that changes whenever any row a pool is made from changes.
BANK_STATE = select(
    func.count(Question.id),
    func.sum(Question.id),
    func.sum(Question.version),
    func.max(Question.updated_at),
    select(func.count(Choice.id)).scalar_subquery(),
    select(func.max(Choice.id)).scalar_subquery(),
    select(func.sum(Choice.id)).scalar_subquery(),
    select(func.max(Topic.updated_at)).scalar_subquery(),
    select(func.count(Topic.id)).scalar_subquery(),
)


class _Pools:
    """A small LRU of pools, one per app (each app has its own database)."""

    def __init__(self):
        self.items: OrderedDict[Hashable, tuple[QuestionData, ...]] = OrderedDict()
        self.lock = Lock()

    def get(self, key: Hashable) -> tuple[QuestionData, ...] | None:
        with self.lock:
            pool = self.items.get(key)
            if pool is not None:
                self.items.move_to_end(key)
            return pool

    def put(self, key: Hashable, pool: tuple[QuestionData, ...]) -> None:
        with self.lock:
            self.items[key] = pool
            while len(self.items) > MAX_POOLS:
                self.items.popitem(last=False)


def pool_of(quiz: Quiz) -> list[QuestionData]:
    """`quiz_pool(quiz)`, loaded once per state of the bank and of the quiz's settings."""
    if not current_app.config["POOL_CACHE"]:
        return quiz_pool(quiz)
    pools = current_app.extensions.setdefault("quizapp.pools", _Pools())
    key = (_settings(quiz), tuple(db.session.execute(BANK_STATE).one()))
    pool = pools.get(key)
    if pool is None:
        pool = tuple(quiz_pool(quiz))  # QuestionData is frozen: safe to share between requests
        pools.put(key, pool)
    return list(pool)


def _settings(quiz: Quiz) -> tuple:
    return (
        quiz.id,
        tuple(sorted(topic.id for topic in quiz.topics)),
        tuple(sorted(quiz.kinds or ())),
        tuple(sorted(quiz.difficulties or ())),
        quiz.article_id,
        quiz.purpose,
    )
