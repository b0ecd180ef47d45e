"""Writing bank questions (as GiftQuestions, see core.question_gift.transfer_from_fields) as
Moodle XML that Moodle 4.4+ and `read_moodle_xml` read back to the same questions."""

import re
from collections.abc import Iterable
from decimal import Decimal
from xml.etree.ElementTree import Element, SubElement, indent, tostring  # nosec B405

from quizapp.core.gift import GiftAnswer, GiftQuestion
from quizapp.core.gift.answers import format_number

TYPES = {
    "single": "multichoice",
    "multiple": "multichoice",
    "true_false": "truefalse",
    "short_text": "shortanswer",
    "numeric": "numerical",
    "matching": "matching",
    "ordering": "ordering",
}
TEXT_FORMAT = "moodle_auto_format"  # the bank's text is plain: Moodle shows it as written
# Characters XML 1.0 cannot hold at all, even escaped; "\r" would be read back as "\n".
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]|\r(?=\n)")


def write_moodle_xml(questions: Iterable[GiftQuestion]) -> str:
    """A Moodle XML document (<quiz>) with a category question wherever the category changes."""
    quiz = Element("quiz")
    category = ""
    for question in questions:
        if question.category != category:
            category = question.category
            wrapper = SubElement(quiz, "question", type="category")
            _text(SubElement(wrapper, "category"), f"$course$/top/{category}")
        _question(quiz, question)
    indent(quiz)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + tostring(quiz, "unicode") + "\n"


def _text(parent: Element, value: str) -> Element:
    SubElement(parent, "text").text = _NOT_XML.sub("", value)
    return parent


def _formatted(parent: Element, tag: str, value: str) -> Element:
    return _text(SubElement(parent, tag, format=TEXT_FORMAT), value)


def _percent(fraction: float) -> str:
    return format((Decimal(repr(fraction)) * 100).normalize(), "f")


def _question(quiz: Element, q: GiftQuestion) -> None:
    element = SubElement(quiz, "question", type=TYPES[q.kind])
    _text(SubElement(element, "name"), q.name)
    _formatted(element, "questiontext", q.text)
    _formatted(element, "generalfeedback", q.general_feedback)
    SubElement(element, "defaultgrade").text = "1"
    SubElement(element, "hidden").text = "0"
    SubElement(element, "idnumber").text = q.idnumber
    _BODIES[q.kind](element, q)
    if q.tags:
        tags = SubElement(element, "tags")
        for tag in q.tags:
            _text(SubElement(tags, "tag"), tag)


def _answer(parent: Element, answer: GiftAnswer, fraction: str, text: str = "") -> Element:
    element = _formatted(parent, "answer", text or answer.text)
    element.set("fraction", fraction)
    _formatted(element, "feedback", answer.feedback)
    return element


def _choices(element: Element, q: GiftQuestion) -> None:
    SubElement(element, "single").text = "true" if q.kind == "single" else "false"
    SubElement(element, "shuffleanswers").text = "true"
    SubElement(element, "answernumbering").text = "abc"
    for answer in q.answers:
        _answer(element, answer, _percent(answer.fraction))


def _true_false(element: Element, q: GiftQuestion) -> None:
    for answer in q.answers:
        _answer(element, answer, _percent(answer.fraction), answer.text.lower())


def _short(element: Element, q: GiftQuestion) -> None:
    SubElement(element, "usecase").text = "0"
    for answer in q.answers:
        _answer(element, answer, _percent(answer.fraction))


def _numeric(element: Element, q: GiftQuestion) -> None:
    for answer in q.answers:
        node = _answer(element, answer, _percent(answer.fraction))
        SubElement(node, "tolerance").text = format_number(answer.tolerance or 0.0)


def _matching(element: Element, q: GiftQuestion) -> None:
    SubElement(element, "shuffleanswers").text = "true"
    for pair in q.pairs:
        sub = _formatted(element, "subquestion", pair.prompt)
        _text(SubElement(sub, "answer"), pair.answer)


def _ordering(element: Element, q: GiftQuestion) -> None:
    # Moodle's ordering type: the items in the right order, each with its place as fraction.
    for tag, value in (("layouttype", "VERTICAL"), ("selecttype", "ALL"), ("selectcount", "0")):
        SubElement(element, tag).text = value
    SubElement(element, "gradingtype").text = "ALL_OR_NOTHING"
    for place, answer in enumerate(q.answers, start=1):
        _answer(element, answer, str(place))


_BODIES = {
    "single": _choices,
    "multiple": _choices,
    "true_false": _true_false,
    "short_text": _short,
    "numeric": _numeric,
    "matching": _matching,
    "ordering": _ordering,
}
