"""Timeline layout: partial dates parsed, events ordered, grouped into eras with gap markers."""

import datetime as dt

import pytest

from quizapp.core.timeline import human_date, layout, parse_date


@pytest.mark.parametrize(
    ("text", "day", "precision"),
    [
        ("1994", dt.date(1994, 1, 1), "year"),
        ("2017-03", dt.date(2017, 3, 1), "month"),
        ("1893-11-12", dt.date(1893, 11, 12), "day"),
        (dt.date(2020, 2, 29), dt.date(2020, 2, 29), "day"),
    ],
)
def test_parse_date_reads_year_month_and_day(text, day, precision):
    assert parse_date(text) == (day, precision)


@pytest.mark.parametrize("text", ["", "1994-13", "2020-02-30", "1893-11-12-01", "March 1994"])
def test_parse_date_rejects_what_is_not_a_partial_iso_date(text):
    with pytest.raises(ValueError):
        parse_date(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("1893-11-12", "12 November 1893"), ("2017-03", "March 2017"), ("1994", "1994")],
)
def test_human_date_is_as_precise_as_the_source(text, expected):
    assert human_date(*parse_date(text)) == expected


def test_events_come_out_in_date_order_whatever_the_input_order():
    events = [
        {"date": "2026-02-27", "title": "strikes"},
        {"date": "1893-11-12", "title": "agreement"},
        {"date": "2017-03", "title": "fence"},
        {"date": "2017", "title": "year only"},
        {"date": "1994", "title": "taliban"},
    ]
    placed = [e for era in layout(events) for e in era.events]
    assert [e.title for e in placed] == ["agreement", "taliban", "year only", "fence", "strikes"]
    assert [e.index for e in placed] == [0, 1, 2, 3, 4]
    assert [e.year for e in placed] == [1893, 1994, 2017, 2017, 2026]


def test_same_day_events_keep_their_file_order():
    events = [("2021-08-15", "first"), ("2021-08-15", "second"), ("2021-08-15", "third")]
    (era,) = layout(events)
    assert [e.title for e in era.events] == ["first", "second", "third"]


def test_tuples_and_dicts_carry_the_same_fields():
    as_tuple = ("1893-11-12", "Agreement", "12 Nov 1893", "Signed in Kabul.", "durand-line")
    as_dict = {
        "date": "1893-11-12",
        "title": "Agreement",
        "label": "12 Nov 1893",
        "text": "Signed in Kabul.",
        "topic": "durand-line",
    }
    assert layout([as_tuple]) == layout([as_dict])
    event = layout([as_dict])[0].events[0]
    assert (event.label, event.text, event.topic, event.precision) == (
        "12 Nov 1893",
        "Signed in Kabul.",
        "durand-line",
        "day",
    )


def test_missing_label_is_written_from_the_date():
    event = layout([("2017-03", "Fencing starts")])[0].events[0]
    assert event.label == "March 2017"
    assert (event.text, event.topic) == ("", "")


def test_events_are_grouped_into_eras_labelled_by_their_years():
    events = [
        ("1893-11-12", "a"),
        ("1949-07-26", "b"),
        ("1979-12", "c"),
        ("1996-09-27", "d"),
        ("2001-10-07", "e"),
        ("2020-02-29", "f"),
        ("2021-07-02", "g"),
        ("2026-02-27", "h"),
    ]
    eras = layout(events)
    assert [era.label for era in eras] == ["1893–1949", "1979–1996", "2001–2020", "2021–2026"]
    assert [[e.title for e in era.events] for era in eras] == [
        ["a", "b"],
        ["c", "d"],
        ["e", "f"],
        ["g", "h"],
    ]
    assert eras[0].title.startswith("An empire")


def test_eras_without_events_are_left_out_and_early_events_join_the_first_era():
    eras = layout(
        [("1880", "before"), ("2025-10-19", "ceasefire")],
        eras=[(1893, "A"), (1979, "B"), (2021, "C")],
    )
    assert [(era.title, era.label) for era in eras] == [("A", "1880"), ("C", "2025")]


def test_gap_markers_count_years_since_the_previous_event_and_ignore_short_gaps():
    events = [("1893", "a"), ("1919", "b"), ("1947", "c"), ("1949", "d"), ("1979", "e")]
    eras = layout(events, min_gap=5)
    gaps = [e.gap_before for era in eras for e in era.events]
    assert gaps == [0, 26, 28, 0, 30]
    assert [era.gap_before for era in eras] == [0, 30]


def test_default_gap_threshold_is_six_years():
    events = [("1989-02-15", "a"), ("1994", "b"), ("2001-10-07", "c")]
    assert [e.gap_before for era in layout(events) for e in era.events] == [0, 0, 7]


def test_position_runs_from_zero_to_one_across_an_era_by_date():
    events = [("2001-01-01", "a"), ("2001-07-02", "b"), ("2002-01-01", "c")]
    (era,) = layout(events)
    assert [e.position for e in era.events] == [0.0, 0.499, 1.0]


def test_a_single_event_era_sits_at_position_zero():
    (era,) = layout([("1994", "alone")])
    assert era.events[0].position == 0.0
    assert era.label == "1994"


def test_empty_timeline_has_no_eras():
    assert layout([]) == ()


def test_results_are_frozen():
    (era,) = layout([("1994", "alone")])
    with pytest.raises(AttributeError):
        era.events[0].year = 1995
