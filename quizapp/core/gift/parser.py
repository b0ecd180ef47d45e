"""Reading GIFT text into questions, following Moodle's importer (question/format/gift).

A file is a series of blocks separated by blank lines. Lines starting with // are comments;
`[id:...]` and `[tag:...]` in a block's comments give the question's idnumber and tags.
A block starting with `$CATEGORY:` sets the category of the questions after it.
"""

import re
from dataclasses import dataclass

from .answers import BlockError, read_block
from .model import GiftParseResult, GiftProblem, GiftQuestion
from .text import (
    PHP_SPACE,
    clean_name,
    default_name,
    protect,
    restore,
    split_format,
    unknown_format,
)

# Moodle's patterns: "]" inside a value is written "\]"; no control characters.
_ID = re.compile(r"\[id:((?:\\\]|[^\]\x00-\x1f\x7f])+)\]")
_TAG = re.compile(r"\[tag:((?:\\\]|[^\]<>`\x00-\x1f\x7f])+)\]")
_CATEGORY = "$CATEGORY:"
BLANK = "_____"


@dataclass(frozen=True)
class _Block:
    line: int
    text: str
    comments: str


def parse_gift(text: str) -> GiftParseResult:
    """All questions in `text`, and a problem for each block that could not be read."""
    questions: list[GiftQuestion] = []
    problems: list[GiftProblem] = []
    category = ""
    for block in _blocks(text.removeprefix("\ufeff")):
        try:
            if block.text.startswith(_CATEGORY):
                category = _category(block.text)
            else:
                questions.append(_question(block, category))
        except BlockError as error:
            problems.append(GiftProblem(block.line, str(error)))
    return GiftParseResult(tuple(questions), tuple(problems))


def _blocks(text: str):
    """Blocks of non-blank lines, comment lines set apart, each with its first content line."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    block: list[tuple[int, str]] = []
    for number, line in enumerate([*lines, ""], start=1):
        # Lines inside a question keep their indentation (code in a <pre> block, as Moodle).
        line = line.rstrip(PHP_SPACE)
        if line.strip(PHP_SPACE):
            block.append((number, line))
            continue
        content = [(n, item) for n, item in block if not _is_comment(item)]
        if content:
            comments = "\n".join(item.lstrip(PHP_SPACE) for _, item in block if _is_comment(item))
            text = "\n".join(item for _, item in content).lstrip(PHP_SPACE)
            yield _Block(content[0][0], protect(text), comments)
        block = []


def _is_comment(line: str) -> bool:
    return line.lstrip(PHP_SPACE).startswith("//")


def _category(text: str) -> str:
    first, _, rest = text.partition("\n")
    if rest:
        raise BlockError("Leave a blank line after the $CATEGORY line, before the next question.")
    return restore(first[len(_CATEGORY) :])


def _question(block: _Block, category: str) -> GiftQuestion:
    name, text = _name(block.text)
    body, text = _answer_block(text)
    body, general = _general_feedback(body)
    if unknown := unknown_format(text):
        raise BlockError(
            f"Unknown text format [{unknown}]: use [html], [moodle], [plain] or [markdown]."
        )
    fmt, text = split_format(text, "moodle")
    kind, answers, pairs = ("description", (), ()) if body is None else read_block(body, fmt)
    idnumber, tags = _id_and_tags(block.comments)
    return GiftQuestion(
        name=name or default_name(text),
        kind=kind,
        text=text,
        text_format=fmt,
        general_feedback=split_format(general, fmt)[1],
        answers=answers,
        pairs=pairs,
        tags=tags,
        idnumber=idnumber,
        category=category,
        line=block.line,
    )


def _name(text: str) -> tuple[str, str]:
    if not text.startswith("::"):
        return "", text
    end = text.find("::", 2)
    if end < 0:
        raise BlockError("The question name has no closing '::' (write \\: for a literal colon).")
    return clean_name(restore(text[2:end])), text[end + 2 :].strip(PHP_SPACE)


def _answer_block(text: str) -> tuple[str | None, str]:
    """(answer block body or None, question text with the block removed or blanked)."""
    start, end = text.find("{"), text.find("}")
    if start < 0 and end < 0:
        return None, text
    if start < 0 <= end or 0 <= end < start:
        raise BlockError("Found '}' without an opening '{' (write \\} for a literal brace).")
    if end < 0 or "{" in text[start + 1 : end]:
        raise BlockError("The answer block opened with '{' is not closed with '}'.")
    after = text[end + 1 :]
    if "{" in after or "}" in after:
        raise BlockError(
            "Only one answer block {...} is allowed per question "
            "(write \\{ and \\} for literal braces)."
        )
    # Moodle's missing-word format: a block inside the sentence leaves a blank behind.
    blank = "" if text.endswith("}") else BLANK
    return text[start + 1 : end], text[:start] + blank + after


def _general_feedback(body: str | None) -> tuple[str | None, str]:
    if body is None or "####" not in body:
        return body, ""
    cut = body.rindex("####")
    return body[:cut], body[cut + 4 :]


def _id_and_tags(comments: str) -> tuple[str, tuple[str, ...]]:
    found = _ID.search(comments)
    idnumber = found[1].strip().replace("\\]", "]") if found else ""
    tags = (t.strip().replace("\\]", "]") for t in _TAG.findall(comments))
    return idnumber, tuple(t for t in tags if t)
