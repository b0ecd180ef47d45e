"""Markdown rendering: ids kept, paragraphs numbered, markup sanitised."""

import pytest

from quizapp.core.markdown import plain_text, reading_minutes, render


def test_attr_list_ids_are_kept_and_other_blocks_numbered():
    rendered = render("First. {: #first }\n\nSecond.\n\n- item one\n- item two {: #two }\n")
    assert '<p id="first">First.</p>' in rendered.html
    assert '<p id="p-1">Second.</p>' in rendered.html
    assert rendered.anchors == ("first", "p-1", "p-2", "two")


@pytest.mark.parametrize(
    ("source", "absent", "present"),
    [
        ("<script>alert(1)</script>", "<script", ""),
        ('<img src=x onerror="alert(1)">', "onerror", ""),
        ("[x](javascript:alert(1))", "javascript:", ">x</a>"),
        ("{{7*7}}", "49", "{{7*7}}"),
        (
            '<a href="https://example.org" onclick="x()">ok</a>',
            "onclick",
            'href="https://example.org"',
        ),
        ("<iframe src=https://evil.example></iframe>", "<iframe", ""),
    ],
)
def test_sanitised(source, absent, present):
    html = render(source).html
    assert absent not in html
    assert present in html


def test_links_get_rel():
    assert 'rel="noopener noreferrer"' in render("[a](https://example.org)").html


def test_reading_time_and_plain_text():
    assert reading_minutes("word " * 1000) == 5
    assert reading_minutes("one") == 1
    text = "## Title {: #t }\n\nSee [the line](/learn/glossary#durand-line) **now**."
    assert plain_text(text) == "Title \n\nSee the line now."
