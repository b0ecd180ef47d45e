"""A save and a submit of the same attempt, racing from two tabs, 100 times: the stored score
always equals the sum of the stored answers, and an acknowledged save is always counted.
(Review finding 7: on PostgreSQL 26 of 100 such races stored a score that missed the answer.)"""

import functools
import threading

from sqlalchemy import select, update

from quizapp.models import Attempt, AttemptItem, Quiz, db

from attempt_helpers import items, right_form
from conftest import logged_in

TRIALS = 100


def race(first, second):
    barrier, results = threading.Barrier(2), {}

    def run(name, call):
        barrier.wait()
        results[name] = call()

    threads = [threading.Thread(target=run, args=pair) for pair in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def stored(app, attempt_id: int) -> tuple[Attempt, list[AttemptItem]]:
    with app.app_context():
        attempt = db.session.get(Attempt, attempt_id)
        rows = db.session.scalars(  # in paper order: a heap scan returns updated rows anywhere
            select(AttemptItem)
            .where(AttemptItem.attempt_id == attempt_id)
            .order_by(AttemptItem.position)
        )
        result = attempt, list(rows)
        db.session.expunge_all()
        return result


def test_a_save_racing_a_submit_is_either_counted_or_refused(app):
    with app.app_context():
        quiz_id = db.session.scalar(select(Quiz.id).order_by(Quiz.id))
        db.session.execute(update(Quiz).values(max_attempts=None, feedback_mode="at_end"))
        db.session.commit()
    saver, submitter = logged_in(app, "alice"), logged_in(app, "alice")
    wrong_scores, counted, refused = [], 0, 0
    for _ in range(TRIALS):
        start = saver.post(f"/quizzes/{quiz_id}/start")
        attempt_id = int(start.headers["Location"].rstrip("/").split("/")[-1])
        item = items(app, attempt_id)[-1]
        data = {"position": str(item.position), "version": str(item.version)}
        data |= right_form(item.snapshot)
        url = f"/attempts/{attempt_id}"
        results = race(
            ("save", functools.partial(saver.post, f"{url}/answer", data=data)),
            ("submit", functools.partial(submitter.post, f"{url}/submit")),
        )
        assert results["submit"].status_code == 303
        attempt, rows = stored(app, attempt_id)
        assert attempt.status == "submitted"
        if attempt.score != sum(row.points for row in rows):
            wrong_scores.append((attempt_id, attempt.score, [row.points for row in rows]))
        saved = results["save"].status_code in (302, 303)
        if saved:
            counted += 1
            assert rows[-1].answered_at is not None and attempt.score == rows[-1].points > 0
        else:
            refused += 1
            assert results["save"].status_code == 409 and rows[-1].answered_at is None
    assert wrong_scores == []
    assert counted + refused == TRIALS
