"""Spaced practice scheduling: 1, 3 then 7 days, done after two right answers in a row."""

from datetime import datetime, timedelta

import pytest

from quizapp.core.practice import ReviewState, end_of_day, schedule

NOW = datetime(2026, 3, 1, 9, 30)
DAY = timedelta(days=1)


def test_a_right_answer_to_a_question_never_missed_schedules_nothing():
    assert schedule(None, True, NOW) is None


def test_a_miss_comes_back_tomorrow():
    assert schedule(None, False, NOW) == ReviewState(step=0, right_streak=0, due_at=NOW + DAY)


def test_the_full_path_one_three_seven_days_then_done():
    state = schedule(None, False, NOW)  # missed in a quiz: back in 1 day
    state = schedule(state, False, NOW + DAY)  # missed again: 3 days
    assert (state.step, state.right_streak, state.due_at) == (1, 0, NOW + 4 * DAY)
    state = schedule(state, True, NOW + 4 * DAY)  # right once: 7 days
    assert (state.step, state.right_streak, state.due_at) == (2, 1, NOW + 11 * DAY)
    state = schedule(state, True, NOW + 11 * DAY)  # right twice in a row: learnt
    assert state.is_done and state.right_streak == 2 and state.due_at == NOW + 11 * DAY


def test_the_interval_stays_at_seven_days_and_a_miss_resets_the_streak():
    state = ReviewState(step=2, right_streak=1, due_at=NOW, is_done=False)
    state = schedule(state, False, NOW)
    assert (state.step, state.right_streak, state.due_at, state.is_done) == (
        2,
        0,
        NOW + 7 * DAY,
        False,
    )


def test_right_once_is_not_enough():
    state = schedule(ReviewState(step=0, right_streak=0, due_at=NOW), True, NOW)
    assert not state.is_done and state.right_streak == 1 and state.due_at == NOW + 3 * DAY


def test_a_done_question_stays_done_when_right_and_reopens_when_missed():
    done = ReviewState(step=1, right_streak=2, due_at=NOW, is_done=True)
    assert schedule(done, True, NOW) == done
    assert schedule(done, False, NOW) == ReviewState(0, 0, NOW + DAY, False)


@pytest.mark.parametrize(
    ("now", "cutoff"),
    [
        (datetime(2026, 3, 1, 0, 0), datetime(2026, 3, 2)),
        (datetime(2026, 3, 1, 23, 59, 59), datetime(2026, 3, 2)),
        (datetime(2026, 12, 31, 12), datetime(2027, 1, 1)),
    ],
)
def test_end_of_day(now, cutoff):
    assert end_of_day(now) == cutoff
