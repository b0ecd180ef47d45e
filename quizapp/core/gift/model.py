"""The values a GIFT file is read into and written from, plus byte decoding."""

from dataclasses import dataclass

KINDS = (
    "single",
    "multiple",
    "true_false",
    "short_text",
    "numeric",
    "matching",
    "essay",
    "description",
)
# Essays and descriptions are parsed so they can be reported, but the question bank has no
# equivalent for them.
IMPORTABLE_KINDS = frozenset(KINDS[:6])
TEXT_FORMATS = ("moodle", "html", "plain", "markdown")


class GiftError(ValueError):
    """Input that cannot be read at all (not UTF-8) or a question GIFT cannot express."""


@dataclass(frozen=True)
class GiftAnswer:
    """One answer. `fraction`: 1.0 is full credit, negative is a penalty.

    `tolerance` is set for numeric answers only; the numeric catch-all answer "*" (written
    `~#feedback` in GIFT) has tolerance None.
    """

    text: str
    fraction: float
    feedback: str = ""
    tolerance: float | None = None


@dataclass(frozen=True)
class GiftPair:
    """One matching pair; an empty prompt is an extra distractor answer, as in Moodle."""

    prompt: str
    answer: str


@dataclass(frozen=True)
class GiftQuestion:
    """One question as GIFT describes it. `line` is where it starts in the file (1-based)."""

    name: str
    kind: str
    text: str
    text_format: str = "moodle"
    general_feedback: str = ""
    answers: tuple[GiftAnswer, ...] = ()
    pairs: tuple[GiftPair, ...] = ()
    tags: tuple[str, ...] = ()
    idnumber: str = ""
    category: str = ""
    line: int = 0


@dataclass(frozen=True)
class GiftProblem:
    """A question that could not be read: the line it starts on and what is wrong."""

    line: int
    message: str


@dataclass(frozen=True)
class GiftParseResult:
    questions: tuple[GiftQuestion, ...]
    problems: tuple[GiftProblem, ...]


def to_json_dict(q: GiftQuestion) -> dict:
    """The question as plain JSON-ready values (every field except `line`)."""
    return {
        "name": q.name,
        "kind": q.kind,
        "text": q.text,
        "text_format": q.text_format,
        "general_feedback": q.general_feedback,
        "answers": [_answer_dict(a) for a in q.answers],
        "pairs": [{"prompt": p.prompt, "answer": p.answer} for p in q.pairs],
        "tags": list(q.tags),
        "idnumber": q.idnumber,
        "category": q.category,
    }


def _answer_dict(a: GiftAnswer) -> dict:
    return {
        "text": a.text,
        "fraction": a.fraction,
        "feedback": a.feedback,
        "tolerance": a.tolerance,
    }


def decode_gift(data: bytes) -> str:
    """The text of an uploaded GIFT file; a UTF-8 byte order mark is dropped."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise GiftError(
            f"The file is not UTF-8 text (invalid byte at position {error.start}). "
            "Save it as UTF-8 and upload it again."
        ) from None
