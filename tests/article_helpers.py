"""A short hand-written news text and helpers for the articles tests."""

from sqlalchemy import select

from quizapp.models import Article, ArticleRevision, Question, db

TEXT = """Pakistan strikes Kabul and Kandahar

ISLAMABAD, 27 February 2026. Pakistan carried out air strikes on Kabul and Kandahar on Friday, \
the military said, after weeks of fighting along the Durand Line.

Defence Minister Khawaja Asif said Pakistan was now in "open war" with the Afghan Taliban. \
The Taliban government in Kabul said the strikes killed civilians, a claim that could not be \
verified.

On Thursday the Afghan Taliban said its fighters had captured 19 Pakistani military posts near \
the Torkham crossing. Pakistan's army said it had killed 274 Taliban fighters in the clashes.

Pakistan accuses the Taliban of sheltering the Tehreek-e-Taliban Pakistan, a militant group \
known as the TTP. Kabul denies the charge. More than one million Afghan refugees have returned \
from Pakistan since 2023, according to UNHCR.

Saudi Arabia and Qatar offered to mediate between Islamabad and Kabul.
"""


def create(client, text: str = TEXT, title: str = "Strikes on Kabul") -> int:
    """Paste an article as `client`; its id."""
    response = client.post(
        "/admin/articles",
        data={"title": title, "source_url": "https://example.org/strikes", "text": text},
    )
    assert response.status_code == 303, response.text
    return int(response.headers["Location"].rsplit("/", 1)[-1])


def questions(app, article_id: int) -> list[Question]:
    """The article's generated questions, best first, detached with their choices."""
    with app.app_context():
        rows = db.session.scalars(
            select(Question)
            .join(ArticleRevision, Question.article_revision_id == ArticleRevision.id)
            .where(ArticleRevision.article_id == article_id)
            .order_by(Question.generation_score.desc(), Question.id)
        ).all()
        for row in rows:
            row.choices  # noqa: B018 - load before leaving the session
        db.session.expunge_all()
        return list(rows)


def revisions(app, article_id: int) -> list[ArticleRevision]:
    with app.app_context():
        article = db.session.get(Article, article_id)
        rows = list(article.revisions)
        db.session.expunge_all()
        return rows


def article_count(app) -> int:
    with app.app_context():
        return len(db.session.scalars(select(Article)).all())
