"""Checks a candidate must pass; each returns True when the candidate is fine.

A candidate keeps the names of the checks it passed; one failure drops it. The option-level
helpers (`same_format`, `nested`) are also used while picking distractors.
"""

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from difflib import SequenceMatcher
from functools import lru_cache

from .entities import Analysis
from .lexicon import fold, related_words
from .markup import squash
from .model import Draft, Mention, Sentence
from .words import DANGLING_OPENERS, META_PHRASES

MIN_WORDS, MAX_WORDS = 8, 45
# Phrases that point back at an earlier sentence from anywhere in this one: "one such camp".
REFERRING = re.compile(r"\b(?:such(?! as)|the former|the latter)\b", re.IGNORECASE)
PERSONAL = re.compile(r"\b(?:he|she|his|her|him|hers)\b", re.IGNORECASE)
_WORD = re.compile(r"[\w’'-]+")
# "First, " "In short, " "Still, ": an opening that hides the word the sentence leans on.
_CONNECTIVE = re.compile(
    r"^(?:First|Second|Third|Finally|However|Still|Meanwhile|Instead|Later|Then|Yet|Today|Now"
    r"|Since then|In short|In fact|In turn|In response|For example|As a result|By contrast"
    r"|In addition|Moreover|Also|At the same time|For their part|In practice),\s+"
)
# Opening words that tie a sentence to the one before it: "But", "Meanwhile", "And yet".
CONNECTIVES = frozenset(
    "but yet and or so meanwhile however still also nevertheless nonetheless moreover "
    "furthermore besides instead thus hence therefore otherwise then indeed anyway "
    "additionally likewise similarly consequently despite".split()
)
# A definite noun phrase that names nothing by itself: "the two", "the group", "the
# accusation". Followed by a name or "of <Name>" it is resolved in the sentence.
UNRESOLVED = re.compile(
    r"\b(?:the|both|these|those|that|this)\s+(?:two|three|four|pair|duo|group|groups|accusation"
    r"|accusations|episode|incident|figures|figure|number|man|woman|men|women|latter|former"
    r"|move|claim|claims|development|developments|deal|statement|allegation|allegations"
    r"|sides|neighbours|neighbors|rivals|allies|decision|issue|matter)\b"
    r"(?!\s+(?:of|from|between|on|in|by)\s+(?-i:[A-Z]))(?!,?\s+(?-i:[A-Z][a-z]))",
    re.IGNORECASE,
)
# A bare generic subject at the start: "The fund will review…" (which fund?).
_GENERIC_SUBJECT = re.compile(
    r"^The\s+(?:fund|bank|party|agency|company|ministry|organisation|organization|body|board"
    r"|committee|court|army|military|government|group|country|city|province|state|alliance"
    r"|coalition|team|side|official|officials|officer|spokesman|minister|leader|bill|law"
    r"|move|plan|programme|program|figures|report|study|strike|attack|blast|blasts)\b(?!\s+of\b)"
)
_ACRONYMISH = re.compile(r"(?:[A-Z][A-Za-z]*[A-Z]|[A-Z](?:\.[A-Z])+\.?)")
_THE_PREFIXES = (
    "United ",
    "Soviet ",
    "Republic ",
    "Democratic Republic",
    "Czech Republic",
    "Central African",
    "Dominican Republic",
    "Islamic Emirate",
    "Islamic Republic",
)
_THE_NAMES = frozenset(
    {
        "Netherlands",
        "Philippines",
        "Maldives",
        "Bahamas",
        "Gambia",
        "Comoros",
        "Seychelles",
        "Marshall Islands",
        "Solomon Islands",
        "Middle East",
        "Himalayas",
        "Hindu Kush",
        "West",
        "Gulf",
    }
)
# Words of organisation names too common to give one away.
_GENERIC_ORG_WORDS = frozenset(
    "united nations national international organization organisation "
    "army front party movement islamic state".split()
)
_VOWEL_SOUND = re.compile(r"[aeiou]|(?:f|h|l|m|n|r|s|x)(?:[A-Z\d]|$)", re.IGNORECASE)


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def contains_phrase(text: str, phrase: str) -> bool:
    """Whether `phrase` occurs in `text` as whole words, ignoring case and accents."""
    return phrase_in(fold(text), fold(phrase))


def phrase_in(haystack: str, needle: str) -> bool:
    """`contains_phrase` for text already folded."""
    if not needle or needle not in haystack:
        return False
    return re.search(r"(?<![\w])" + re.escape(needle) + r"(?![\w])", haystack) is not None


def count_phrase(text: str, phrase: str) -> int:
    pattern = r"(?<![\w])" + re.escape(fold(phrase)) + r"(?![\w])"
    return len(re.findall(pattern, fold(text)))


def nested(a: str, b: str) -> bool:
    """Whether one option contains the other ("Taliban" and "Afghan Taliban")."""
    fa, fb = fold(a), fold(b)
    return phrase_in(fa, fb) or phrase_in(fb, fa)


def same_thing(a: str, b: str) -> bool:
    """Whether two names are spellings of one thing: "Tehreek-e-Taliban", "Tehrik-i-Taliban"."""
    fa, fb = fold(a), fold(b)
    if fa == fb or _skeleton(fa) == _skeleton(fb):
        return True
    return (
        fa[:1] == fb[:1]
        and abs(len(fa) - len(fb)) <= 3
        and SequenceMatcher(None, fa, fb).ratio() >= 0.85
    )


@lru_cache(maxsize=4096)
def _skeleton(folded: str) -> str:
    return re.sub(r"(.)\1+", r"\1", re.sub(r"[^a-z]|[aeiouyh]", "", folded))


def needs_the(name: str) -> bool:
    """Whether a place name is used with "the": "the United States", "the Netherlands"."""
    return name.startswith(_THE_PREFIXES) or name in _THE_NAMES


@lru_cache(maxsize=8192)
def same_format(key: str, option: str) -> bool:
    """Options look alike: acronyms with acronyms, years with years, similar length."""
    if bool(_ACRONYMISH.fullmatch(key)) != bool(_ACRONYMISH.fullmatch(option)):
        return False
    if needs_the(key) != needs_the(option):
        return False
    if key[:1].isupper() != option[:1].isupper() or key[:1].isdigit() != option[:1].isdigit():
        return False
    if len(key.split()) > 1 and abs(len(key.split()) - len(option.split())) > 1:
        return False
    short, long = sorted((len(key), len(option)))
    return long - short <= 6 or long <= 2.2 * short


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
    )


# "One is the TTP…", "Another was…": a numeral standing for something named before.
_PRONOUN_ONE = re.compile(r"^(?:One|Another|The other|Others?)\s+(?:is|was|are|were|of|has|had)\b")
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


def related(name: str) -> frozenset[str]:
    return related_words(name) | {fold(name)}


def key_once(draft: Draft) -> bool:
    return count_phrase(draft.sentence.text, draft.key) == 1


def key_hidden(draft: Draft, aliases: Iterable[str]) -> bool:
    """Neither the key nor any of its other names or giveaway words is left in the stem."""
    stem = draft.stem
    names = {draft.key, *aliases}
    giveaways = {w for name in names for w in related(name)}
    return not any(contains_phrase(stem, w) for w in giveaways | {fold(n) for n in names})


def key_words_hidden(draft: Draft) -> bool:
    """No distinctive word of an organisation's name is left in the stem: "the _____, a
    Baloch separatist group" gives away the Baloch Liberation Army."""
    if draft.key_kind != "org":
        return True
    stem = fold(draft.stem)
    names = {draft.key, *draft.aliases}
    return not any(
        phrase_in(stem, fold(w))
        for name in names
        for w in words(name)
        if len(w) >= 4 and w[:1].isupper() and w.lower() not in _GENERIC_ORG_WORDS
    )


def options_distinct(draft: Draft) -> bool:
    texts = [c.text for c in draft.choices]
    return len({fold(t) for t in texts}) == len(texts) and not any(
        nested(a, b) for i, a in enumerate(texts) for b in texts[i + 1 :]
    )


def not_alias(draft: Draft, aliases: Iterable[str]) -> bool:
    names = {fold(a) for a in aliases} | related(draft.key)
    return not any(fold(c.text) in names for c in draft.choices if not c.is_correct)


def formats_match(draft: Draft) -> bool:
    return all(same_format(draft.key, c.text) for c in draft.choices if not c.is_correct)


def distractors_hidden(draft: Draft) -> bool:
    return not any(contains_phrase(draft.stem, c.text) for c in draft.choices if not c.is_correct)


def article_agrees(draft: Draft) -> bool:
    """A blank after "a"/"an" would give away options starting with the wrong sound."""
    before = re.search(r"\b(a|an)\s+_+", draft.stem, re.IGNORECASE)
    if not before:
        return True
    wants_vowel = before.group(1).lower() == "an"
    return all(bool(_VOWEL_SOUND.match(c.text)) == wants_vowel for c in draft.choices)


_GLUED = re.compile(r"[\w/\-]_____|_____[\w/(\-]|\(_____\)")


def blank_stands_alone(draft: Draft) -> bool:
    """The blank is a whole name: not half of "RFE/_____" or "_____(U)", and not an acronym
    in brackets right after the name it stands for."""
    return not _GLUED.search(draft.stem)


def enough_options(draft: Draft) -> bool:
    return len(draft.choices) >= 3


Check = Callable[[Draft], bool]


def run_checks(draft: Draft, checks: dict[str, Check]) -> tuple[str, ...] | None:
    """Names of the checks passed, or None at the first failure."""
    passed = []
    for name, check in checks.items():
        if not check(draft):
            return None
        passed.append(name)
    return tuple(passed)


def unique(drafts: Iterable[Draft]) -> list[Draft]:
    """Drafts with a (kind, key, sentence) not seen before, first one kept."""
    seen: set[tuple[str, str, int]] = set()
    kept = []
    for draft in drafts:
        marker = (draft.kind, fold(draft.key), draft.sentence.index)
        if marker not in seen:
            seen.add(marker)
            kept.append(draft)
    return kept


def faithful(draft: Draft) -> bool:
    """A true statement is the sentence word for word; a false one differs from it."""
    return (draft.stem == squash(draft.sentence.text)) == draft.choices[0].is_correct


def noun_follows(draft: Draft) -> bool:
    return bool(re.search(r"_+(?:%| per ?cent)?\s+\w", draft.stem)) or "%" in draft.key


def _family_checks(draft: Draft, analysis: Analysis) -> dict[str, Check]:
    def context(d: Draft) -> bool:
        return has_context(d.sentence, analysis.mentions[d.sentence.index])

    def minor(d: Draft) -> bool:
        """The answer is not one of the two parties the whole text is about: too easy."""
        return not analysis.is_protagonist(d.key)

    def hidden(d: Draft) -> bool:
        return key_hidden(d, d.aliases)

    def no_alias(d: Draft) -> bool:
        return not_alias(d, d.aliases)

    options = {
        "options_distinct": options_distinct,
        "not_alias": no_alias,
        "same_format": formats_match,
        "enough_options": enough_options,
    }
    return {
        "cloze": {
            "context": context,
            "not_protagonist": minor,
            "key_once": key_once,
            "key_hidden": hidden,
            "words_hidden": key_words_hidden,
            **options,
            "distractors_hidden": distractors_hidden,
            "article_agrees": article_agrees,
            "blank_alone": blank_stands_alone,
        },
        "who_said": {"quote_hides_speaker": hidden, **options},
        "numeric": {"context": context, "key_once": key_once, "noun_follows": noun_follows},
        "true_false": {"context": context, "faithful": faithful},
        "ordering": {"options_distinct": options_distinct, "enough_options": enough_options},
    }[draft.family]


def check(draft: Draft, analysis: Analysis) -> Draft | None:
    """The draft with the checks it passed, or None when one fails."""
    passed = run_checks(draft, _family_checks(draft, analysis))
    return None if passed is None else replace(draft, checks=passed)
