"""Spaced practice scheduling: at once, then 1, 3 and 7 days; done after two rights in a row."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from quizapp.core.practice import ReviewState, counts_as_answer, end_of_day, schedule

NOW = datetime(2026, 3, 1, 9, 30)
DAY = timedelta(days=1)


def test_a_right_answer_to_a_question_never_missed_schedules_nothing():
    assert schedule(None, True, NOW) is None


def test_a_miss_can_be_practised_straight_away():
    assert schedule(None, False, NOW) == ReviewState(step=0, right_streak=0, due_at=NOW)


def test_the_full_path_now_then_one_three_seven_days_then_done():
    state = schedule(None, False, NOW)  # missed in a quiz: due at once
    state = schedule(state, False, NOW)  # missed again in practice: back in 1 day
    assert (state.step, state.right_streak, state.due_at) == (1, 0, NOW + DAY)
    state = schedule(state, False, NOW + DAY)  # missed again: 3 days
    assert (state.step, state.right_streak, state.due_at) == (2, 0, NOW + 4 * DAY)
    state = schedule(state, True, NOW + 4 * DAY)  # right once: 7 days
    assert (state.step, state.right_streak, state.due_at) == (3, 1, NOW + 11 * DAY)
    state = schedule(state, True, NOW + 11 * DAY)  # right twice in a row: learnt
    assert state.is_done and state.right_streak == 2 and state.due_at == NOW + 11 * DAY


def test_right_straight_after_the_quiz_comes_back_tomorrow():
    state = schedule(schedule(None, False, NOW), True, NOW + timedelta(minutes=5))
    assert (state.step, state.right_streak, state.is_done) == (1, 1, False)
    assert state.due_at == NOW + timedelta(minutes=5) + DAY


def test_the_interval_stays_at_seven_days_and_a_miss_resets_the_streak():
    state = ReviewState(step=3, right_streak=1, due_at=NOW, is_done=False)
    state = schedule(state, False, NOW)
    assert (state.step, state.right_streak, state.due_at, state.is_done) == (
        3,
        0,
        NOW + 7 * DAY,
        False,
    )


def test_right_once_is_not_enough():
    state = schedule(ReviewState(step=1, right_streak=0, due_at=NOW), True, NOW)
    assert not state.is_done and state.right_streak == 1 and state.due_at == NOW + 3 * DAY


def test_a_done_question_stays_done_when_right_and_reopens_at_once_when_missed():
    done = ReviewState(step=1, right_streak=2, due_at=NOW, is_done=True)
    assert schedule(done, True, NOW) == done
    assert schedule(done, False, NOW + DAY) == ReviewState(0, 0, NOW + DAY, False)


@pytest.mark.parametrize(
    ("response", "answered_at", "counts"),
    [
        ("opt-1", NOW, True),
        ([], NOW, False),
        (None, NOW, False),
        (None, None, False),  # never answered, or never reached before time ran out
        ("opt-1", None, False),
    ],
)
def test_only_answers_count(response, answered_at, counts):
    assert counts_as_answer(response, answered_at) is counts


def test_today_ends_at_the_readers_midnight():
    karachi = ZoneInfo("Asia/Karachi")  # UTC+5: 20:00 UTC is already tomorrow there
    assert end_of_day(datetime(2026, 3, 1, 18, 0), karachi) == datetime(2026, 3, 1, 19, 0)
    assert end_of_day(datetime(2026, 3, 1, 20, 0), karachi) == datetime(2026, 3, 2, 19, 0)


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
