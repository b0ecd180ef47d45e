"""Checks a candidate must pass; each returns True when the candidate is fine.

A candidate keeps the names of the checks it passed; one failure drops it. The option-level
helpers (`same_format`, `nested`) are also used while picking distractors.
"""

import re
from collections.abc import Callable, Iterable
from dataclasses import replace
from difflib import SequenceMatcher
from functools import lru_cache

from .context import has_context, words
from .entities import Analysis
from .lexicon import fold, related_words
from .markup import squash
from .model import Draft

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
# "Islamic State in Syria and _____": the blank ends a longer name that general knowledge
# completes (a name with "of", "in" or "for" in it, then "and").
_NAME_TAIL = re.compile(
    r"(?:^|[\s(])(?:[A-Z][\w'’-]*\s+)+(?:of|in|for)\s+(?:the\s+)?"
    r"(?:(?:[A-Z][\w'’-]*\s+)+and\s+_____|_____\s+and\s+[A-Z])"
)


def blank_stands_alone(draft: Draft) -> bool:
    """The blank is a whole name: not half of "RFE/_____" or "_____(U)", not an acronym in
    brackets right after the name it stands for, and not the last word of a longer name."""
    return not _GLUED.search(draft.stem) and not _NAME_TAIL.search(draft.stem)


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
    """The blank is followed by what it counts, or the question names the total it is."""
    return (
        bool(re.search(r"_+(?:%| per ?cent)?\s+\w", draft.stem))
        or "%" in draft.key
        or draft.prompt.startswith("What figure?")
    )


def family_checks(analysis: Analysis | None) -> dict[str, dict[str, Check]]:
    """Question family → the named checks its drafts must pass (`analysis` is only read when a
    check runs, so `family_checks(None)` lists every check name)."""

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
    }


def check(draft: Draft, analysis: Analysis) -> Draft | None:
    """The draft with the checks it passed, or None when one fails."""
    passed = run_checks(draft, family_checks(analysis)[draft.family])
    return None if passed is None else replace(draft, checks=passed)
