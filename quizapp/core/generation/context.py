"""Whether a sentence stands on its own: no opening connective ("But", "Meanwhile,"), no
dangling pronoun, no "the two" or "the group" that the sentence does not name itself.

Students meet each question without the sentence before it, so a stem that leans on that
sentence cannot be answered from the stem alone.
"""

import re
from collections.abc import Sequence
from functools import lru_cache

from .model import Mention, Sentence
from .words import DANGLING_OPENERS, META_PHRASES

MIN_WORDS, MAX_WORDS = 8, 45
# Phrases that point back at an earlier sentence from anywhere in this one: "one such camp".
REFERRING = re.compile(r"\b(?:such(?! as)|the former|the latter)\b", re.IGNORECASE)
PERSONAL = re.compile(r"\b(?:he|she|his|her|him|hers)\b", re.IGNORECASE)
_WORD = re.compile(r"[\w’'-]+")
# "First, " "In short, " "Still, ": an opening that hides the word the sentence leans on.
_CONNECTIVE = re.compile(
    r"^(?:First|Second|Third|Finally|However|Still|Meanwhile|Instead|Later|Then|Yet|Today|Now"
    r"|Since then|In short|In fact|In turn|In response|In exchange|In return|For example"
    r"|As a result|By contrast"
    r"|In addition|Moreover|Also|At the same time|For their part|In practice),\s+"
)
# Opening words that tie a sentence to the one before it: "But", "Meanwhile", "And yet".
CONNECTIVES = frozenset(
    "but yet and or so meanwhile however still also nevertheless nonetheless moreover "
    "furthermore besides instead thus hence therefore otherwise then indeed anyway "
    "additionally likewise similarly consequently despite nor".split()
)
# A definite noun phrase that names nothing by itself: "the two", "the group", "the
# accusation". Followed by a name or "of <Name>" it is resolved in the sentence.
UNRESOLVED = re.compile(
    r"\b(?:the|both|these|those|that|this)\s+(?:two|three|four|pair|duo|group|groups|accusation"
    r"|accusations|episode|incident|figures|figure|number|man|woman|men|women|latter|former"
    r"|move|claim|claims|development|developments|deal|statement|allegation|allegations"
    r"|sides|neighbours|neighbors|rivals|allies|decision|issue|matter)\b(?![-‐–])"
    r"(?!\s+(?:of|from|between|on|in|by)\s+(?-i:[A-Z]))(?!,?\s+(?-i:[A-Z][a-z]))",
    re.IGNORECASE,
)
# A bare generic subject at the start: "The fund will review…" (which fund?). "The official
# death toll from the … earthquake" is a named figure, not an unnamed official.
_GENERIC_SUBJECT = re.compile(
    r"^The\s+(?:fund|bank|party|agency|company|ministry|organisation|organization|body|board"
    r"|committee|court|army|military|government|group|country|city|province|state|alliance"
    r"|coalition|team|side|official|officials|officer|spokesman|minister|leader|bill|law"
    r"|move|plan|programme|program|figures|report|study|strike|attack|blast|blasts)\b(?!\s+of\b)"
    r"(?!(?<=official)\s+(?:death|toll|figures?|count|estimates?|results?|tally|data|number))"
)


def words(text: str) -> list[str]:
    return _WORD.findall(text)


@lru_cache(maxsize=4096)
def has_context(sentence: Sentence, mentions: tuple[Mention, ...]) -> bool:
    """Whether the sentence can stand alone: no dangling "he"/"this", not a heading."""
    text = sentence.text.strip("“”\"' ")
    count = len(words(text))
    if sentence.is_heading or not MIN_WORDS <= count <= MAX_WORDS or text.endswith("?"):
        return False
    offset = sentence.text.find(text)
    named = tuple((m.start - sentence.start - offset, m.kind) for m in mentions)
    if leans_back(text, named) or any(p in text.lower() for p in META_PHRASES):
        return False
    personal = PERSONAL.search(text)
    if personal:
        people = [m for m in mentions if m.kind == "person"]
        return any(m.start - sentence.start < personal.start() for m in people)
    return True


def leans_back(text: str, named: Sequence[tuple[int, str]] = ()) -> bool:
    """Whether the sentence needs the one before it: an opening connective ("But", "However,"),
    a dangling pronoun or "such", or a noun phrase like "the two" that names nothing.
    `named` holds (offset, kind) of the names in `text`, which can resolve "the two" or
    "the group"."""
    opening = words(text)[0].lower() if words(text) else ""
    return bool(
        _CONNECTIVE.match(text)
        or opening in CONNECTIVES
        or _first_word(text) in DANGLING_OPENERS
        or REFERRING.search(text)
        or _PRONOUN_ONE.match(text)
        or _BARE_DEMONSTRATIVE.search(text)
        or any(len(words(text[: m.start()])) < RUN_UP_WORDS for m in _THESE.finditer(text))
        or any(not _resolved(m, text, named) for m in UNRESOLVED.finditer(text))
        or _GENERIC_SUBJECT.match(text)
        or presupposes(text)
    )


# Words inside a sentence that continue an earlier one: "The Taliban then claimed…", "The
# army, however, presented…", "Islamabad is also wary…" ("as well as" or "not only" in the
# sentence itself resolve "also"; "then" before a title is "the then prime minister").
_MARKER = re.compile(
    r"\b(?:however|on the other hand|in turn|meanwhile|nevertheless|nonetheless|likewise"
    r"|for (?:their|its|his|her|our) part|as well(?! as)|also|then(?!\s+(?-i:[A-Z])))\b",
    re.IGNORECASE,
)
# A sports-report inversion that continues a scene: "Up stepped X and…", "In came Y".
_INVERSION = re.compile(
    r"^(?:Up|In|Out|Down|Along|On|Back|Enter|Next) (?:stepped|came|walked|strode|went|stood"
    r"|marched|rode)\b"
)
_ALSO_RESOLVED = re.compile(r"\b(?:as well as|not only|both)\b", re.IGNORECASE)
_THEN_RESOLVED = re.compile(r"(?:\b(?:since|until|till|by|and|if|from)|,)\s*$", re.IGNORECASE)
# An event or quantity named only by "the": "the earthquake", "the strikes", "the cost",
# "the latest development". A name or place after it ("the quake in Yunnan") or the same
# noun earlier in the sentence ("a quake … the quake") says which.
_EVENT = re.compile(
    r"\b(?:the|that|this)\s+(?P<noun>earthquake|quake|tremor|fighting|strikes?|airstrikes?"
    r"|attacks?|clashes|violence|war|conflict|disaster|floods?|flooding|storm|crisis|offensive"
    r"|cost|death toll|toll|latest development|latest|main one|blasts?|explosions?|bombing"
    r"|escalation|standoff)\b"
    r"(?!\s+(?:of|in|on|against|between|at|near|for|by|from)\s+(?:the\s+)?(?-i:[A-Z\d]))",
    re.IGNORECASE,
)


def presupposes(text: str) -> bool:
    """Whether the sentence leans on an earlier one from the middle: a discourse marker, or
    an event that only "the" introduces."""
    if _INVERSION.match(text):
        return True
    for found in _MARKER.finditer(text):
        word = found.group().lower()
        if word == "also" and _ALSO_RESOLVED.search(text):
            continue
        if word == "then" and _THEN_RESOLVED.search(text[: found.start()]):
            continue
        return True
    for found in _EVENT.finditer(text):
        stem = found["noun"].lower().rstrip("s")[-5:]
        if stem not in text[: found.start()].lower():
            return True
    return False


# "One is the TTP…", "Another was…": a numeral standing for something named before.
_PRONOUN_ONE = re.compile(
    r"^(?:One|Another|The other|Others?|The (?:main|first|second|last|largest|biggest) one)"
    r"\s+(?:is|was|are|were|of|has|had)\b"
)
# "…; Kabul has consistently denied this.": a demonstrative with no noun after it.
_BARE_DEMONSTRATIVE = re.compile(r"\b(?:this|that|these|those)(?=\s*[.;:!?,)])", re.IGNORECASE)
# "Following these attacks": "these" or "those" and a noun point back, unless a clause says
# which ("those who fled").
_THESE = re.compile(r"\b(?:these|those)\s+[a-z]+\b(?!\s+(?:who|which|that|whose|of)\b)", re.I)
# What resolves a referring noun phrase inside the sentence: "the two" after two names,
# "the group" after an organisation, "the man" after a person. Other nouns ("the
# accusation", "the figures") are resolved only by a long enough run-up in the sentence.
_NEEDS = {
    "two": ("any", 2),
    "three": ("any", 3),
    "four": ("any", 4),
    "pair": ("any", 2),
    "duo": ("any", 2),
    "sides": ("any", 2),
    "neighbours": ("place", 2),
    "neighbors": ("place", 2),
    "rivals": ("any", 2),
    "allies": ("any", 2),
    "group": ("org", 1),
    "groups": ("org", 1),
    "man": ("person", 1),
    "woman": ("person", 1),
    "men": ("person", 1),
    "women": ("person", 1),
}
RUN_UP_WORDS = 8


def _resolved(match: re.Match, text: str, named: Sequence[tuple[int, str]]) -> bool:
    noun = match.group().split()[-1].lower()
    if noun not in _NEEDS:
        return len(words(text[: match.start()])) >= RUN_UP_WORDS
    kind, wanted = _NEEDS[noun]
    before = [k for offset, k in named if offset < match.start() and k != "date"]
    return sum(1 for k in before if kind in ("any", k)) >= wanted


def _first_word(text: str) -> str:
    """The first word after an opening connective: "First, it claims…" → "it"."""
    opening = _CONNECTIVE.match(text)
    found = words(text[opening.end() :] if opening else text)
    return found[0].lower() if found else ""
