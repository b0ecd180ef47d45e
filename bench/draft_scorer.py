"""A calibrated estimate of how likely a draft is to pass all six rubric criteria.

Logistic regression over cheap features of the draft and the sentence it comes from (kind,
paragraph, overlap with the headline and lead, unresolved references, how often the key comes
back…), trained on every judged draft (bench/train_scorer.py, weights in
draft_scorer_weights.json). An evidence tool, not used by the generator: cross-validated, no
threshold keeps most articles' drafts at high precision (tests/data/judging/history.md, "A learned
filter (not adopted)"). The same code scores a judged draft, its sentence found by word overlap
(`locate`), and a freshly generated draft, its sentence known (`chance`).

    context = Context(analysis)
    chance = probability(features(context, family, prompt, options, key, index))
"""

import json
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path

from quizapp.core.generation.entities import Analysis
from quizapp.core.generation.lexicon import fold
from quizapp.core.generation.model import Draft

WEIGHTS_FILE = Path(__file__).with_name("draft_scorer_weights.json")
FEATURES = (
    "numeric",
    "true_false",
    "choice",
    "paragraph",
    "late",
    "position",
    "sentence_words",
    "lead_overlap",
    "story_weight",
    "stem_in_lead",
    "connective",
    "pronoun",
    "definite",
    "key_in_lead",
    "key_recurs",
    "year",
    "quote",
    "proper_nouns",
    "digits",
    "options_in_text",
)
_LEAD_IN = re.compile(
    r"^(?:Fill in the blank: |True or false\? |How many [^?]*\? Fill in the number: "
    r"|Who said: |Put these in order[^:]*: )"
)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_CONTENT = re.compile(r"[A-Za-z][a-z’'-]{3,}")
_CONNECTIVES = frozenset(
    "but yet and or so meanwhile however still also nevertheless nonetheless moreover "
    "furthermore besides instead thus hence therefore otherwise then indeed anyway "
    "additionally likewise similarly consequently while although though".split()
)
_PRONOUNS = frozenset("he she they him her his hers their them it its this these those".split())
_DEFINITE = re.compile(
    r"\b(?:the|this|that) (?:city|town|village|company|firm|country|nation|government|"
    r"group|team|party|province|state|region|area|capital|agency|ministry|court|club|"
    r"side|body|organisation|organization|official|minister|president|leader|man|woman|"
    r"victim|suspect|bank|fund|board|council|plan|deal|move|report|project|mission|"
    r"incident|attack|storm|quake|disaster|event|decision|bill|law|measure|programme|"
    r"program|operation|country's|company's)\b",
    re.IGNORECASE,
)
_QUOTE = re.compile(r"[\"“”]")
_DIGIT = re.compile(r"\d")
_YEAR = range(1800, 2101)


@dataclass
class Context:
    """What the features need of one article, worked out once (and only when asked)."""

    analysis: Analysis
    paragraphs: dict[int, int] = field(default_factory=dict)  # block → paragraph number

    def __post_init__(self) -> None:
        for s in self.analysis.sentences:
            if not s.is_heading and s.block not in self.paragraphs:
                self.paragraphs[s.block] = len(self.paragraphs)

    @cached_property
    def words(self) -> list[frozenset[str]]:
        """Each sentence's words, lower case (to locate a stored prompt's sentence)."""
        return [_words(s.text) for s in self.analysis.sentences]

    @cached_property
    def folded(self) -> str:
        """The whole text, folded, to find options in."""
        return fold(self.analysis.text)

    def paragraph(self, index: int) -> int:
        return self.paragraphs.get(self.analysis.sentences[index].block, 0)


def _words(text: str) -> frozenset[str]:
    return frozenset(w.lower() for w in _WORD.findall(text))


def stem(prompt: str) -> str:
    """The prompt without the fixed lead-in of its kind."""
    return _LEAD_IN.sub("", prompt)


def locate(context: Context, prompt: str) -> int:
    """The sentence a stored prompt most likely comes from: the most of its words, first wins."""
    wanted = _words(stem(prompt)) - {"_____"}
    if not wanted or not context.words:
        return 0
    shares = [len(wanted & found) / len(wanted) for found in context.words]
    return max(range(len(shares)), key=lambda i: (shares[i], -i))


def features(
    context: Context,
    family: str,
    prompt: str,
    options: Sequence[str],
    key: str,
    index: int,
) -> dict[str, float]:
    """The features of one draft; `index` is its sentence in `context.analysis`."""
    analysis = context.analysis
    sentence = analysis.sentences[index]
    text = stem(prompt)
    found = _WORD.findall(text)
    return {
        "numeric": float(family == "numeric"),
        "true_false": float(family == "true_false"),
        "choice": float(family in ("cloze", "who_said")),
        "paragraph": min(context.paragraph(index), 10) / 10,
        "late": float(context.paragraph(index) >= 4),
        "position": index / max(1, len(analysis.sentences) - 1),
        "sentence_words": min(len(sentence.text.split()), 60) / 40,
        "lead_overlap": analysis.lead(index),
        "story_weight": min(analysis.weight(index), 1.0),
        **_references(found, text),
        **_key(context, text, key, family),
        "quote": float(bool(_QUOTE.search(text))),
        "proper_nouns": min(sum(w[0].isupper() for w in found[1:]), 10) / 10,
        "digits": float(bool(_DIGIT.search(text))),
        "options_in_text": _options_in_text(context.folded, options, family),
    }


def _references(found: Sequence[str], text: str) -> dict[str, float]:
    """Whether the stem opens with a connective or leans on a pronoun or "the city"."""
    return {
        "connective": float(bool(found) and found[0].lower() in _CONNECTIVES),
        "pronoun": float(any(w.lower() in _PRONOUNS for w in found)),
        "definite": float(bool(_DEFINITE.search(text))),
    }


def _key(context: Context, text: str, key: str, family: str) -> dict[str, float]:
    analysis = context.analysis
    content = {w.lower() for w in _CONTENT.findall(text)}
    stem_in_lead = len(content & analysis.lead_words) / len(content) if content else 0.0
    key_words = {w.lower() for w in _CONTENT.findall(key)} if family != "true_false" else set()
    entity = analysis.entities.get(analysis.named(key)) if key and family != "numeric" else None
    value = _number(key) if family == "numeric" else None
    return {
        "stem_in_lead": stem_in_lead,
        "key_in_lead": float(bool(key_words & analysis.lead_words)),
        "key_recurs": min(math.log1p(entity.count), 3.0) / 3 if entity else 0.0,
        "year": float(value is not None and value.is_integer() and int(value) in _YEAR),
    }


def _number(key: str) -> float | None:
    try:
        return float(key)
    except ValueError:
        return None


def _options_in_text(folded: str, options: Sequence[str], family: str) -> float:
    if family not in ("cloze", "who_said") or not options:
        return 0.0
    return sum(fold(o) in folded for o in options) / len(options)


@cache
def weights() -> Mapping:
    """The committed model: feature weights, bias and the best cross-validated threshold."""
    return json.loads(WEIGHTS_FILE.read_text(encoding="utf-8"))


def probability(found: Mapping[str, float], model: Mapping | None = None) -> float:
    """The model's chance, 0–1, that a draft with these features passes all six criteria."""
    model = model or weights()
    z = model["bias"] + sum(model["weights"][name] * found[name] for name in FEATURES)
    return 1.0 / (1.0 + math.exp(-z))


def chance(context: Context, draft: Draft) -> float:
    """The model's chance that a fresh draft passes, from its known sentence."""
    options = [c.text for c in draft.choices]
    if draft.family == "numeric":
        key = "" if draft.answer is None else str(float(draft.answer))
    else:
        key = next((c.text for c in draft.choices if c.is_correct), "")
    found = features(context, draft.family, draft.prompt, options, key, draft.sentence.index)
    return probability(found)
