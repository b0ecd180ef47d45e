"""Helpers for driving an attempt through HTTP in tests."""

from sqlalchemy import select

from quizapp.models import Attempt, AttemptItem, db


def start(client, quiz_id: int) -> int:
    response = client.post(f"/quizzes/{quiz_id}/start")
    assert response.status_code == 303, response.text
    return int(response.headers["Location"].rstrip("/").split("/")[-1])


def items(app, attempt_id: int) -> list[AttemptItem]:
    with app.app_context():
        rows = db.session.scalars(
            select(AttemptItem)
            .where(AttemptItem.attempt_id == attempt_id)
            .order_by(AttemptItem.position)
        ).all()
        db.session.expunge_all()
        return rows


def attempt(app, attempt_id: int) -> Attempt:
    with app.app_context():
        row = db.session.get(Attempt, attempt_id)
        db.session.expunge(row)
        return row


def right_form(snapshot: dict) -> dict:
    """Form fields that answer `snapshot` correctly."""
    key, kind = snapshot["key"], snapshot["kind"]
    if kind in ("single", "true_false"):
        return {"answer": key["correct"][0]}
    if kind == "multiple":
        return {"answer": key["correct"]}
    if kind == "short_text":
        return {"answer": key["accepted"][0]}
    if kind == "numeric":
        return {"answer": str(key["value"])}
    if kind == "ordering":
        return {f"rank-{oid}": str(i) for i, oid in enumerate(key["order"], 1)}
    return {f"match-{p}": a for p, a in key["pairs"].items()}


def wrong_form(snapshot: dict) -> dict:
    """Form fields that answer `snapshot` wrongly."""
    key, kind = snapshot["key"], snapshot["kind"]
    if kind in ("single", "true_false", "multiple"):
        return {
            "answer": next(o["id"] for o in snapshot["options"] if o["id"] not in key["correct"])
        }
    if kind == "short_text":
        return {"answer": "certainly wrong"}
    if kind == "numeric":
        return {"answer": str(key["value"] + 1000)}
    if kind == "ordering":
        order = list(reversed(key["order"]))
        return {f"rank-{oid}": str(i) for i, oid in enumerate(order, 1)}
    answers = list(key["pairs"].values())
    return {f"match-{p}": answers[(i + 1) % len(answers)] for i, p in enumerate(key["pairs"])}


def answer(client, attempt_id: int, item: AttemptItem, form: dict, version: int | None = None):
    data = {
        "position": str(item.position),
        "version": str(item.version if version is None else version),
    }
    data.update(form)
    return client.post(f"/attempts/{attempt_id}/answer", data=data)
