"""Moodle GIFT: read a question file into plain values, and write questions back as GIFT.

    result = parse_gift(decode_gift(uploaded_bytes))   # GiftError if the bytes are not UTF-8
    for problem in result.problems: ...                # GiftProblem(line, message), never raised
    for question in result.questions: ...              # GiftQuestion; see IMPORTABLE_KINDS
    text = write_gift(questions)                       # GiftError if GIFT cannot express one

Kinds and how they map to the question bank (`Question.kind`):
- single      GIFT `{=right ~wrong}`; answers with fraction 1 are correct (a Choice each).
- multiple    GIFT `{~%50%a ~%50%b ~%-100%c}`; fraction > 0 marks a correct choice.
- true_false  `{T}` / `{FALSE}`; answers are "True" and "False", fraction 1 on the right one.
- short_text  `{=answer =%50%half credit}`; answers with fraction 1 are the accepted answers.
- numeric     `{#3:2}`, `{#1..5}`, `{#=1.5:0.1 =%50%2:1}`; answer text is the value,
              `tolerance` the margin; a catch-all "*" answer (GIFT `~#feedback`) may follow.
- matching    `{=prompt -> answer ...}`; an empty prompt is an extra distractor answer.
- essay, description: parsed and reported, but not importable (no bank equivalent).
The bank's `ordering` kind has no GIFT form and is not exported. To export, build a
GiftQuestion per bank question with the kinds above (fraction 1.0/0.0 for choices, one
GiftAnswer per accepted short answer, text/tolerance for numeric, pairs for matching).
"""

from .model import (
    IMPORTABLE_KINDS,
    KINDS,
    TEXT_FORMATS,
    GiftAnswer,
    GiftError,
    GiftPair,
    GiftParseResult,
    GiftProblem,
    GiftQuestion,
    decode_gift,
    to_json_dict,
)
from .parser import parse_gift
from .writer import write_gift

__all__ = [
    "IMPORTABLE_KINDS",
    "KINDS",
    "TEXT_FORMATS",
    "GiftAnswer",
    "GiftError",
    "GiftPair",
    "GiftParseResult",
    "GiftProblem",
    "GiftQuestion",
    "decode_gift",
    "parse_gift",
    "to_json_dict",
    "write_gift",
]
