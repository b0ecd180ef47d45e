"""Reading Moodle XML question files (docs.moodle.org, "Moodle XML format") into GiftQuestions.

    result = read_moodle_xml(uploaded_bytes)   # MoodleXmlError if it is not a readable file
    result.questions, result.problems          # as parse_gift gives them, with line numbers

The file is parsed by defusedxml with no DTD, entities or external references, and at most
MAX_BYTES long. Types and the bank kinds they become: multichoice (single → "single", else
"multiple"), truefalse, shortanswer, numerical, matching, and ordering (Moodle 4.4+; the items
in the right order). Other types keep their Moodle name so the import lists them as skipped.
Text formats map to GIFT's: html, moodle_auto_format → moodle, plain_text → plain, markdown.
"""

import re
from xml.etree.ElementTree import Element, ParseError, TreeBuilder  # nosec B405

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser

from quizapp.core.gift import (
    GiftAnswer,
    GiftError,
    GiftPair,
    GiftParseResult,
    GiftProblem,
    GiftQuestion,
)
from quizapp.core.gift.text import default_name

MAX_BYTES = 2 * 1024 * 1024
TYPES = {
    "truefalse": "true_false",
    "shortanswer": "short_text",
    "numerical": "numeric",
    "matching": "matching",
    "ordering": "ordering",
}
FORMATS = {
    "html": "html",
    "moodle_auto_format": "moodle",
    "plain_text": "plain",
    "markdown": "markdown",
}
_QUESTION_START = re.compile(rb"<question\b[^>]*>")
_NAME = re.compile(rb"<name>\s*<text>(?:<!\[CDATA\[)?(.{0,80}?)(?:\]\]>)?</text>", re.S)


class MoodleXmlError(GiftError):
    """The file cannot be read as Moodle XML at all (nothing is imported)."""


class _Problem(ValueError):
    """One question cannot be read; the message says why."""


class _LineTreeBuilder(TreeBuilder):
    """Remembers the line each element starts on (ElementTree does not keep it)."""

    def __init__(self) -> None:
        super().__init__()
        self.parser = None  # set to the parser feeding it, before the first start()
        self.lines: dict[int, int] = {}

    def start(self, tag, attrs):
        element = super().start(tag, attrs)
        self.lines[id(element)] = self.parser.parser.CurrentLineNumber
        return element


def read_moodle_xml(data: bytes) -> GiftParseResult:
    """Every question in a Moodle XML file, and a problem for each that cannot be read."""
    root, lines = _parse(data)
    questions: list[GiftQuestion] = []
    problems: list[GiftProblem] = []
    category = ""
    for number, element in enumerate(root.findall("question"), start=1):
        line = lines.get(id(element), 0)
        kind = element.get("type", "")
        try:
            if kind == "category":
                category = _text(element.find("category"))
                continue
            questions.append(_question(element, kind, category, line))
        except _Problem as problem:
            name = _text(element.find("name")) or f"question {number}"
            problems.append(GiftProblem(line, f"“{name}”: {problem}"))
    return GiftParseResult(tuple(questions), tuple(problems))


def _parse(data: bytes) -> tuple[Element, dict[int, int]]:
    if len(data) > MAX_BYTES:
        raise MoodleXmlError(f"The file is larger than {MAX_BYTES // 1024 // 1024} MB.")
    builder = _LineTreeBuilder()
    parser = DefusedXMLParser(target=builder, forbid_dtd=True)
    builder.parser = parser
    try:
        parser.feed(data)
        root = parser.close()
    except DefusedXmlException:
        raise MoodleXmlError(
            "The file declares a DTD or entities, which are not accepted: remove them."
        ) from None
    except ParseError as error:
        raise MoodleXmlError(_malformed(data, error)) from None
    if root.tag != "quiz":
        raise MoodleXmlError(f"A Moodle XML file starts with <quiz>, not <{root.tag}>.")
    return root, builder.lines


def _malformed(data: bytes, error: ParseError) -> str:
    line, column = error.position
    message = f"The file is not well-formed XML (line {line}, column {column + 1})"
    where = sum(len(x) + 1 for x in data.split(b"\n")[: line - 1]) + column
    starts = list(_QUESTION_START.finditer(data, 0, where))
    if not starts:
        return message + "."
    start = starts[-1].start()
    name = _NAME.search(data, start, where)
    label = f" “{name[1].decode('utf-8', 'replace').strip()}”" if name else ""
    return message + f", in the question{label} that starts on line {_line_of(data, start)}."


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def _text(element: Element | None) -> str:
    """The text of an element's <text> child (CDATA already read as text), trimmed."""
    if element is None:
        return ""
    return (element.findtext("text") or "").strip()


def _format(element: Element | None, default: str = "html") -> str:
    value = element.get("format", default) if element is not None else default
    if value not in FORMATS:
        raise _Problem(f"Unknown text format {value!r}: use html, plain_text or markdown.")
    return FORMATS[value]


def _question(element: Element, moodle_type: str, category: str, line: int) -> GiftQuestion:
    body = element.find("questiontext")
    if body is None:
        raise _Problem("It has no <questiontext>.")
    fmt = _format(body)
    kind = _kind(element, moodle_type)
    answers, pairs = _BODIES[kind](element, fmt) if kind in _BODIES else ((), ())
    text = _text(body)
    tags = tuple(t for t in (_text(tag) for tag in element.iterfind("tags/tag")) if t)
    return GiftQuestion(
        name=_text(element.find("name")) or default_name(text),
        kind=kind,
        text=text,
        text_format=fmt,
        general_feedback=_text(element.find("generalfeedback")),
        answers=answers,
        pairs=pairs,
        tags=tags,
        idnumber=(element.findtext("idnumber") or "").strip(),
        category=category,
        line=line,
    )


def _kind(element: Element, moodle_type: str) -> str:
    if moodle_type == "multichoice":
        single = (element.findtext("single") or "true").strip().lower()
        return "single" if single in ("true", "1") else "multiple"
    return TYPES.get(moodle_type, moodle_type or "untyped")


def _fraction(answer: Element) -> float:
    raw = answer.get("fraction", "0").strip()
    try:
        value = float(raw) / 100
    except ValueError:
        raise _Problem(f"The answer fraction {raw!r} is not a number.") from None
    if not -1 <= value <= 1:
        raise _Problem(f"The answer fraction {raw} is outside -100..100.")
    return value


def _answers(element: Element, fmt: str) -> tuple[tuple[GiftAnswer, ...], tuple]:
    return tuple(
        GiftAnswer(_text(a), _fraction(a), _text(a.find("feedback")))
        for a in element.iterfind("answer")
    ), ()


def _true_false(element: Element, fmt: str) -> tuple[tuple[GiftAnswer, ...], tuple]:
    answers = []
    for answer in element.iterfind("answer"):
        value = _text(answer).lower()
        if value not in ("true", "false"):
            raise _Problem(f"A true/false answer is “true” or “false”, not {value!r}.")
        feedback = _text(answer.find("feedback"))
        answers.append(GiftAnswer(value.capitalize(), _fraction(answer), feedback))
    return tuple(answers), ()


def _numeric(element: Element, fmt: str) -> tuple[tuple[GiftAnswer, ...], tuple]:
    answers = []
    for answer in element.iterfind("answer"):
        raw = (answer.findtext("tolerance") or "0").strip()
        try:
            tolerance = abs(float(raw))
        except ValueError:
            raise _Problem(f"The tolerance {raw!r} is not a number.") from None
        text, feedback = _text(answer), _text(answer.find("feedback"))
        # The catch-all answer "*" has no margin, as in core.gift.
        margin = None if text == "*" else tolerance
        answers.append(GiftAnswer(text, _fraction(answer), feedback, margin))
    return tuple(answers), ()


def _matching(element: Element, fmt: str) -> tuple[tuple, tuple[GiftPair, ...]]:
    pairs = (
        GiftPair(_text(sub), _text(sub.find("answer"))) for sub in element.iterfind("subquestion")
    )
    return (), tuple(pairs)


def _ordering(element: Element, fmt: str) -> tuple[tuple[GiftAnswer, ...], tuple]:
    # Moodle's ordering answers carry their place as the fraction (1, 2, 3, …).
    items = list(element.iterfind("answer"))
    places = [a.get("fraction", "") for a in items]
    try:
        items.sort(key=lambda a: float(a.get("fraction", "")))
    except ValueError:
        raise _Problem(f"Ordering items give their place as a number, not {places!r}.") from None
    return tuple(GiftAnswer(_text(a), 1.0) for a in items), ()


_BODIES = {
    "single": _answers,
    "multiple": _answers,
    "short_text": _answers,
    "true_false": _true_false,
    "numeric": _numeric,
    "matching": _matching,
    "ordering": _ordering,
}
