"""Split news prose into sentences with their spans in the original text.

Survives abbreviations ("U.S. President", "Gen."), initials, decimals, quotations that end a
sentence ('… overflowed.” Islamabad'), datelines ("KABUL (AP) — …"), bullets and text that
was hard-wrapped at a fixed width.
"""

import re
from collections.abc import Iterator

from .model import Sentence
from .words import ABBREVIATIONS, SENTENCE_STARTERS, TITLE_ABBREVIATIONS

_LINE = re.compile(r"[^\n]+")
_BULLET = re.compile(r"(?:[-*•+]|\d{1,2}[.)]|#{1,6})[ \t]+")
_DATELINE = re.compile(
    r"(?:[A-Z][A-Z'.-]+(?:[ \t]+[A-Z][A-Z'.-]+)*"  # KABUL / NEW DELHI
    r"(?:,[ \t]+(?:\d{1,2}[ \t]+[A-Z][a-z]+\.?(?:[ \t]+\d{4})?"  # , 14 August 2025
    r"|[A-Z][a-z]+\.?[ \t]+\d{1,2}(?:,?[ \t]+\d{4})?"  # , Aug 14 / , August 14, 2025
    r"|[A-Z][\w.]*(?:[ \t]+[A-Z][\w.]*)*))?"  # , Afghanistan
    # Prague, 10 October 2005
    r"|[A-Z][a-z]+(?:[ \t]+[A-Z][a-z]+)?,[ \t]+\d{1,2}[ \t]+[A-Z][a-z]+[ \t]+\d{4})"
    r"(?:[ \t]+\([^)\n]{1,30}\))?"  # (AP)
    r"(?:[ \t]+[a-z]+(?:/[a-z]+)+/?)?"  # taz/dpa/rtr/ap/
    r"[ \t]+(?:[—–-]{1,2}|\|)[ \t]+"
)
# "PARIS: Humanity is…": a place in capitals and a colon open the report.
# "ALSO READ:", "WATCH:" and the like are boilerplate labels, not places (roles.py).
_CAPS_DATELINE = re.compile(
    r"(?!(?:ALSO|READ|WATCH|SEE|RELATED|UPDATE|UPDATED|BREAKING|EXCLUSIVE|LIVE|VIDEO|PHOTOS?"
    r"|NOTE|EDITOR|CORRECTION|MORE|LISTEN|FILE|SOURCE)\b)"
    r"[A-Z]{3,}(?:[ \t]+[A-Z]{2,})*(?:[ \t]+\([^)\n]{1,30}\))?:[ \t]+"
)
# A line of three or more -, * or _ (spaces allowed): a rule. The last one, when less of the
# text follows it than comes before, closes the story: a bio or boilerplate follows.
_RULE = re.compile(r"^[ \t]*(?:[-*_][ \t]*){3,}$", re.MULTILINE)
_ITEM = re.compile(r"[ \t]*(?:[-*•+]|\d{1,2}[.)])[ \t]+")
_END = re.compile(r"[.!?]+[\"'”’»)\]]*(?=\s)")
_TOKEN_BEFORE = re.compile(r"[\"'“‘(\[]*([^\s\"'“‘(\[]+)$")
_INITIALISM = re.compile(r"(?:[a-z]\.)+[a-z]")
_TERMINAL = tuple('.!?"”’»)')
# A line this long without a full stop at its end was wrapped, not finished.
_WRAP_WIDTH = 50


def split(text: str) -> list[Sentence]:
    """Sentences of `text` in order; `text[s.start:s.end] == s.text` for each."""
    sentences: list[Sentence] = []
    text = text[: closing_rule(text)]
    for block, (start, end, heading) in enumerate(_blocks(text)):
        item = _ITEM.fullmatch(text, text.rfind("\n", 0, start) + 1, start) is not None
        for position, (s, e) in enumerate(_split_block(text, start, end)):
            sentences.append(
                Sentence(
                    len(sentences),
                    s,
                    e,
                    text[s:e],
                    block,
                    position,
                    heading or not text[s:e].endswith(_TERMINAL),
                    item,
                )
            )
    return sentences


def closing_rule(text: str) -> int:
    """Where the story ends: at its last rule when less text follows it than precedes it."""
    rules = list(_RULE.finditer(text))
    if not rules:
        return len(text)
    last = rules[-1]
    before, after = len(text[: last.start()].split()), len(text[last.end() :].split())
    return last.start() if after < before else len(text)


def _blocks(text: str) -> Iterator[tuple[int, int, bool]]:
    """(start, end, is_heading) of each paragraph, wrapped lines joined back together."""
    pending: list[int] | None = None
    for match in _LINE.finditer(text):
        start, end = _content_span(text, match.start(), match.end())
        if start >= end:
            if pending:
                yield pending[0], pending[1], False
            pending = None
            continue
        heading = text[match.start() : start].lstrip().startswith("#")
        if pending and _continues(text, pending, start, match.start()):
            pending[1] = end
            continue
        if pending:
            yield pending[0], pending[1], False
        pending = None if heading else [start, end]
        if heading:
            yield start, end, True
    if pending:
        yield pending[0], pending[1], False


def _content_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The line without surrounding blanks, bullet marker or dateline."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    for pattern in (_BULLET, _DATELINE, _CAPS_DATELINE):
        found = pattern.match(text, start, end)
        if found:
            start = found.end()
    return start, end


def _continues(text: str, pending: list[int], start: int, line_start: int) -> bool:
    previous = text[pending[0] : pending[1]]
    wrapped = len(previous) >= _WRAP_WIDTH and not previous.endswith((*_TERMINAL, ":"))
    same_paragraph = text.count("\n", pending[1], line_start) == 1
    return wrapped and same_paragraph and start == line_start


def _split_block(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    cursor = start
    quoted = _quoted(text, start, end)
    for match in _END.finditer(text, start, end):
        inside = any(a < match.end() < b for a, b in quoted)
        if not inside and _is_boundary(text, match, end):
            yield cursor, match.end()
            cursor = _skip_space(text, match.end(), end)
    if cursor < end:
        yield cursor, end


def _quoted(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of quotations that close within the paragraph: "… ends. Then," he said."""
    spans = [m.span() for m in re.finditer(r"“[^“”]*”|«[^«»]*»", text[start:end])]
    spans += [m.span() for m in re.finditer(r'"[^"]*"', text[start:end])]
    spans += [
        m.span()
        for m in re.finditer(r"(?:(?<=^)|(?<=\s))‘(?:[^‘’]|’(?=\w))*’(?!\w)", text[start:end])
    ]
    return [(start + a, start + b - 1) for a, b in spans]


def _skip_space(text: str, at: int, end: int) -> int:
    while at < end and text[at].isspace():
        at += 1
    return at


def _is_boundary(text: str, match: re.Match, end: int) -> bool:
    following = _skip_space(text, match.end(), end)
    if following >= end:
        return False
    first = text[following]
    if not (first.isupper() or first.isdigit() or first in "\"“‘«'(["):
        return False
    if match.group() != ".":
        return True
    token = _TOKEN_BEFORE.search(text[max(0, match.start() - 40) : match.end()])
    word = token.group(1).rstrip(".").lower() if token else ""
    next_word = re.match(r"[\"“‘'(\[]*([A-Za-z]+)", text[following : following + 40])
    starts_sentence = bool(next_word) and next_word.group(1).lower() in SENTENCE_STARTERS
    return _ends_after(word, starts_sentence)


def _ends_after(word: str, starts_sentence: bool) -> bool:
    """Whether a full stop after `word` ends the sentence."""
    if word in TITLE_ABBREVIATIONS:
        return False
    if _INITIALISM.fullmatch(word) or word in ABBREVIATIONS:
        return starts_sentence
    if len(word) == 1 and word.isalpha():
        return False  # an initial: "Mortimer D. Durand"
    return True
