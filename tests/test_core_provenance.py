from quizapp.core.provenance import Span, highlight_segments, remap_span

OLD = "Pakistan struck Kabul. The Taliban denied it. Talks failed."


def test_unchanged_sentence_that_moved_is_found():
    span = Span(23, 45)
    assert OLD[23:45] == "The Taliban denied it."
    new = "New intro sentence. " + OLD
    assert remap_span(OLD, new, span) == Span(43, 65)


def test_changed_sentence_is_lost():
    new = OLD.replace("denied it", "rejected the claim")
    assert remap_span(OLD, new, Span(23, 45)) is None


def test_blank_span_is_lost():
    assert remap_span("a   b", "a   b", Span(1, 3)) is None


def test_repeated_sentence_nearest_occurrence_wins():
    old = "A. B. A."
    assert remap_span(old, old, Span(6, 8)) == Span(6, 8)
    assert remap_span(old, old, Span(0, 2)) == Span(0, 2)


def test_highlight_segments_cover_the_text_in_order():
    spans = [Span(23, 45), Span(0, 22), Span(30, 50)]
    segments = highlight_segments(OLD, spans)
    assert "".join(text for text, _ in segments) == OLD
    assert [index for _, index in segments] == [1, None, 0, 2, None]


def test_span_inside_an_earlier_one_is_skipped():
    segments = highlight_segments("abcdef", [Span(0, 4), Span(1, 3)])
    assert segments == [("abcd", 0), ("ef", None)]


def test_span_reaching_the_end_of_the_text():
    assert highlight_segments("abc", [Span(0, 3)]) == [("abc", 0)]
