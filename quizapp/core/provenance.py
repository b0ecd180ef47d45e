"""Where a generated question came from, across revisions of its article."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Span:
    start: int
    end: int


def remap_span(old_text: str, new_text: str, span: Span) -> Span | None:
    """The same source sentence in `new_text`, or None when it changed (the question then needs
    review). An unchanged sentence that merely moved is found again; if it now occurs several
    times, the occurrence nearest its old position wins."""
    sentence = old_text[span.start : span.end]
    if not sentence.strip():
        return None
    starts, at = [], new_text.find(sentence)
    while at != -1:
        starts.append(at)
        at = new_text.find(sentence, at + 1)
    if not starts:
        return None
    best = min(starts, key=lambda s: (abs(s - span.start), s))
    return Span(best, best + len(sentence))


def highlight_segments(text: str, spans: list[Span]) -> list[tuple[str, int | None]]:
    """Split `text` into (segment, index of the span it belongs to or None) for display.

    Overlapping spans: the earlier one wins, the later one starts where it ends."""
    segments, cursor = [], 0
    for index, span in sorted(enumerate(spans), key=lambda pair: (pair[1].start, pair[0])):
        start = max(span.start, cursor)
        if start >= span.end:
            continue
        if start > cursor:
            segments.append((text[cursor:start], None))
        segments.append((text[start : span.end], index))
        cursor = span.end
    if cursor < len(text):
        segments.append((text[cursor:], None))
    return segments
