"""Values the generator passes around and returns: all frozen, all plain."""

from dataclasses import dataclass, field

MAX_CHARS = 200_000


class GenerationError(ValueError):
    """The text cannot be turned into questions; the message says why, for the teacher."""


@dataclass(frozen=True)
class Choice:
    text: str
    is_correct: bool


@dataclass(frozen=True)
class Source:
    """A character span in the original text and the sentence it covers."""

    start: int
    end: int
    sentence: str


@dataclass(frozen=True)
class Candidate:
    kind: str  # "single" | "numeric" | "true_false" | "ordering"
    prompt: str
    choices: tuple[Choice, ...]
    answer: float | None
    tolerance: float | None
    source: Source
    score: float
    checks: tuple[str, ...]
    explanation: str
    key: str


@dataclass(frozen=True)
class Sentence:
    """One sentence: its span in the original text and where it sits in the document."""

    index: int
    start: int
    end: int
    text: str
    block: int
    position: int  # 0 for the first sentence of its paragraph
    is_heading: bool = False
    is_item: bool = False  # from a bulleted or numbered list line: maybe not a whole sentence


@dataclass(frozen=True)
class Mention:
    """A span naming a person, place, organisation, date or quantity."""

    kind: str  # person | place | org | date | quantity
    subtype: str
    text: str
    start: int  # absolute offsets in the original text
    end: int
    sentence: int
    canonical: str
    value: float | None = None  # quantities and years
    noun: str = ""  # "Pakistani military posts" after "19"
    qualifier: str = ""  # "more than", "about"…
    date: tuple[int, int, int] | None = None  # (year, month, day), 0 when unknown
    affiliation: str = ""


@dataclass(frozen=True)
class Entity:
    canonical: str
    kind: str
    subtype: str
    aliases: frozenset[str]
    count: int
    first: int  # index of the first sentence naming it
    affiliation: str = ""


@dataclass(frozen=True)
class Draft:
    """A candidate before checks and scoring: what a builder made and what the ranker needs."""

    family: str  # cloze | who_said | numeric | true_false | ordering
    kind: str
    prompt: str
    choices: tuple[Choice, ...]
    answer: float | None
    tolerance: float | None
    sentence: Sentence
    explanation: str
    key: str
    key_kind: str  # person | place | org | date | quantity | statement | events
    stem: str = ""  # the text the student sees around the blank or quotation
    aliases: frozenset[str] = frozenset()  # other names of the key
    sources: tuple[str, ...] = ()  # where each distractor came from: text | extra | bank | made
    salience: float = 0.0  # how central the key is to the text, 0–1
    span: tuple[int, int] | None = None  # overrides the sentence's span (ordering)
    replaced: str = ""  # the fact a false statement changed: it gives the draft away elsewhere
    checks: tuple[str, ...] = field(default=())
