"""What every question kind provides, and the small helpers the kinds share.

A kind is one object in `quizapp.core.kinds.KINDS`. It knows its answer fields (how they are
cleaned and checked, how they are stored as choices or numbers), its snapshot (what a student is
shown and the key), how a response is parsed from form values, graded and described in review,
and how it reads and writes GIFT. Everything else in the app asks the kind instead of branching
on its name.
"""

import html
import math
import random
import re
import secrets
import unicodedata
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import ClassVar, Protocol

from quizapp.core.gift import GiftAnswer, GiftPair, GiftQuestion

NewId = Callable[[], str]  # makes one opaque option id

MAX_TEXT_ANSWER = 200
_PUNCT = re.compile(r"[^\w\s]", re.UNICODE)
_SPACES = re.compile(r"\s+")
_TAG = re.compile(r"<[^>]*>")

# Form values as submitted: field name → list of values (like a MultiDict).
FormValues = Mapping[str, Sequence[str]]


@dataclass(frozen=True)
class ChoiceData:
    text: str
    is_correct: bool = False
    feedback: str = ""
    match_text: str | None = None


@dataclass(frozen=True)
class StoredAnswers:
    """How the bank stores a question's answer: choice rows, a number, accepted texts."""

    choices: tuple[ChoiceData, ...] = ()
    numeric_answer: float | None = None
    tolerance: float | None = None
    accepted: tuple[str, ...] = field(default_factory=tuple)


class Answers(Protocol):
    """Anything carrying stored answers (StoredAnswers, assembly.QuestionData)."""

    @property
    def choices(self) -> tuple[ChoiceData, ...]: ...
    @property
    def numeric_answer(self) -> float | None: ...
    @property
    def tolerance(self) -> float | None: ...
    @property
    def accepted(self) -> tuple[str, ...]: ...


@dataclass(frozen=True)
class OptionReview:
    """One option as a review shows it: whether it is right, whether it was chosen, and the
    teacher's feedback on it."""

    text: str
    is_correct: bool
    is_chosen: bool
    feedback: str = ""


@dataclass(frozen=True)
class ParsedResponse:
    value: object = None
    error: str = ""


@dataclass(frozen=True)
class GiftBody:
    """The kind-specific part of a GIFT question."""

    answers: tuple[GiftAnswer, ...] = ()
    pairs: tuple[GiftPair, ...] = ()


class Kind(ABC):
    """One question kind. Subclasses set the class attributes and implement every method."""

    name: ClassVar[str]
    label: ClassVar[str]  # what teachers read ("Single choice")
    form: ClassVar[str]  # the shape of its admin form (quizapp.forms.question_kinds.SHAPES)
    answer_fields: ClassVar[tuple[str, ...]]  # the fields `check` cleans and reports on
    form_hint: ClassVar[str] = ""  # shown above the answer fields of the admin form
    has_gift: ClassVar[bool] = True
    counts_options: ClassVar[bool] = False  # item analysis counts the chosen option texts

    @abstractmethod
    def example(self) -> dict:
        """The answer fields of a sound question of this kind (for docs and the contract test)."""

    @abstractmethod
    def check(self, raw: Mapping) -> tuple[dict, dict]:
        """(cleaned answer fields, field name → problem) for raw question fields."""

    @abstractmethod
    def stored(self, fields: Mapping) -> StoredAnswers:
        """How checked fields are stored in the bank."""

    @abstractmethod
    def fields(self, stored: Answers) -> dict:
        """The answer fields of a stored question (the inverse of `stored`)."""

    @abstractmethod
    def snapshot(self, stored: Answers, rng: random.Random, shuffle: bool, new_id: NewId) -> dict:
        """`options`, `feedback`, `key` (and `answers` if any) as one attempt shows them; `rng`
        orders what is shown, `new_id` names options (independent of `rng`)."""

    @abstractmethod
    def parse(self, snapshot: Mapping, form: FormValues) -> ParsedResponse:
        """The response in submitted form values, or a message for the student."""

    def parse_partial(self, snapshot: Mapping, form: FormValues) -> ParsedResponse:
        """What a student left on the page when moving away from it: no answer (value None) when
        every answer field is blank, else as `parse`. Kinds with several fields keep a partly
        filled answer instead of refusing it."""
        names = self.form_values(snapshot, self.right_response(snapshot))
        if all(not value.strip() for name in names for value in form.get(name, [])):
            return ParsedResponse()
        return self.parse(snapshot, form)

    def is_complete(self, snapshot: Mapping, response: object) -> bool:
        """Whether a saved response answers every part of the question."""
        return response is not None

    @abstractmethod
    def form_values(self, snapshot: Mapping, response: object) -> dict[str, list[str]]:
        """The form values that `parse` reads back as `response` (the inverse of `parse`)."""

    @abstractmethod
    def right_response(self, snapshot: Mapping) -> object:
        """A response that earns full marks."""

    @abstractmethod
    def grade(self, key: Mapping, response: object) -> float:
        """Points from 0 to 1 for a parsed response."""

    @abstractmethod
    def describe(self, snapshot: Mapping, response: object) -> str:
        """A parsed response as text for review pages."""

    @abstractmethod
    def describe_key(self, snapshot: Mapping) -> str:
        """The right answer as text."""

    def review_key(self, snapshot: Mapping) -> str:
        """The right answer as a student's review shows it (by default `describe_key`)."""
        return self.describe_key(snapshot)

    def review_options(self, snapshot: Mapping, response: object) -> tuple[OptionReview, ...]:
        """Each option marked right or wrong, for kinds whose options are right or wrong."""
        return ()

    @abstractmethod
    def from_gift(self, q: GiftQuestion) -> dict:
        """Raw answer fields from a GIFT question of this kind (only called when `has_gift`)."""

    @abstractmethod
    def to_gift(self, fields: Mapping) -> GiftBody:
        """The GIFT answers or pairs for checked fields (only called when `has_gift`)."""


def normalise_text(text: str) -> str:
    """Fold case, accents-compatible forms, punctuation and spacing for short-answer matching."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = _PUNCT.sub(" ", text)
    return _SPACES.sub(" ", text).strip()


def parse_number(text: str) -> float | None:
    """A finite number typed by a student ("1,893", " 12.5 ", "-3"), or None."""
    cleaned = text.strip().replace(",", "").replace("\u2212", "-")
    try:
        value = float(cleaned)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def first_value(form: FormValues, name: str) -> str:
    return (form.get(name) or [""])[0]


def random_option_id() -> str:
    """64 random bits from the operating system. Option ids must not come from the paper's
    generator: ids made from it in stored order let a student who searched its seeds recover
    the order the ids were made in, which is the key of ordering and matching questions."""
    return secrets.token_hex(8)


def token(new_id: NewId, taken: set[str]) -> str:
    """An opaque option id, new within one snapshot."""
    while True:
        value = new_id()
        if value not in taken:
            taken.add(value)
            return value


def option_texts(snapshot: Mapping, ids: Sequence[str]) -> list[str]:
    """The texts of options (or matching answers) by id, in the order of `ids`."""
    by_id = {o["id"]: o["text"] for o in snapshot["options"] + snapshot.get("answers", [])}
    return [by_id[i] for i in ids if i in by_id]


def plain(text: str, text_format: str) -> str:
    """GIFT text as plain text: HTML tags dropped and entities read."""
    if text_format != "html":
        return text
    return html.unescape(_TAG.sub("", text)).strip()


def clean(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def has_duplicates(texts: Iterable[str]) -> bool:
    folded = [t.casefold() for t in texts]
    return len(set(folded)) != len(folded)


def rows(value: object) -> list[Mapping]:
    """The mapping rows of a list; anything else counts as a blank row."""
    return [row for row in value if isinstance(row, Mapping)] if isinstance(value, list) else []


def strings(value: object) -> list:
    return value if isinstance(value, list) else []
