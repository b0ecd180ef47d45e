"""Names in an article: acronyms and what they stand for, other names of the same body, the
people the article introduces in full, and each name mention resolved to one entity."""

import re

from . import chunks, lexicon
from . import gazetteer as gz
from .model import Mention, Sentence

_EXPANSION_AFTER = re.compile(r"^\s*\(([A-Z][A-Za-z]{1,6})\)")
_EXPANSION_BEFORE = re.compile(r"^(?:,\s+(?:short for|or|the)\s+|\s*\()")
_OR_ACRONYM = re.compile(r"^,\s+or\s+([A-Z][A-Za-z]{1,6})\b")
_CALLED = re.compile(r",\s+(?:often |also |sometimes |usually )?(?:called|known as)\s+(?:the\s+)?")
KNOWN_PEOPLE = {name: (side, office) for name, side, office in gz.PEOPLE}


def acronyms(sentences: list[Sentence], raw: list[list[chunks.Run]]) -> dict[str, str]:
    """Acronym → expansion, from "Baloch Liberation Army (BLA)" and "TTP, short for …"."""
    found: dict[str, str] = {}
    for sentence, items in zip(sentences, raw, strict=True):
        for i, item in enumerate(items):
            after = sentence.text[item.end :]
            if item.subtype == "acronym" and i + 1 < len(items):
                gap = sentence.text[item.end : items[i + 1].start]
                if _EXPANSION_BEFORE.fullmatch(gap) and _initials_match(
                    item.text, items[i + 1].text
                ):
                    found.setdefault(item.text, items[i + 1].text)
            short = _EXPANSION_AFTER.match(after) or _OR_ACRONYM.match(after)
            if short and item.subtype != "acronym" and _initials_match(short[1], item.text):
                found.setdefault(short[1], item.text)
    return found


def other_names(
    sentences: list[Sentence], raw: list[list[chunks.Run]], acronyms: dict[str, str]
) -> dict[str, str]:
    """Second names: "the TTP, often called the Pakistani Taliban"."""
    found: dict[str, str] = {}
    for sentence, items in zip(sentences, raw, strict=True):
        for item, following in zip(items, items[1:], strict=False):
            if item.kind == "org" and _CALLED.fullmatch(sentence.text[item.end : following.start]):
                found.setdefault(following.text, acronyms.get(item.text, item.text))
    return found


def _initials_match(acronym: str, name: str) -> bool:
    """Whether `acronym` abbreviates `name`: "TTP" and "Tehrik-i-Taliban Pakistan"."""
    words = [w for w in re.split(r"[\s\-–]+", name) if w[:1].isupper()]
    initials = "".join(w[0] for w in words).upper()
    letters = acronym.upper()
    return len(words) >= 2 and initials == letters


def known_persons(raw: list[list[chunks.Run]]) -> dict[str, str]:
    """Each word of each person's name → the full name, for surnames used alone."""
    words: dict[str, str] = {}
    for items in raw:
        for item in items:
            if item.kind == "person" and " " in item.text:
                for word in item.text.split():
                    words.setdefault(word, item.text)
    return words


def resolve(
    sentence: Sentence,
    items: list[chunks.Run],
    acronyms: dict[str, str],
    persons: dict[str, str],
    recent: dict[str, str],
) -> list[Mention]:
    """Mentions of the runs; `recent` maps each name word to the last person it named."""
    found = []
    for item in items:
        kind, canonical, subtype = _identity(item, acronyms, {**persons, **recent})
        if kind == "person":
            recent.update((word, canonical) for word in canonical.split())
        if kind:
            found.append(
                Mention(
                    kind,
                    subtype,
                    item.text,
                    sentence.start + item.start,
                    sentence.start + item.end,
                    sentence.index,
                    canonical,
                    affiliation=item.affiliation,
                )
            )
    return found


def _identity(
    item: chunks.Run, acronyms: dict[str, str], persons: dict[str, str]
) -> tuple[str, str, str]:
    """(kind, canonical name, subtype) of a run, or kind "" when it names nothing we use."""
    if item.kind == "place":
        place = lexicon.place(item.text)
        return "place", place.name if place else item.text, item.subtype
    if item.kind == "org" or item.text in acronyms:
        canonical = acronyms.get(item.text, item.text)
        subtype = "acronym" if item.subtype == "acronym" else item.subtype
        if subtype == "acronym":
            # An acronym is typed by what it stands for: the text's expansion or the bank's.
            subtype = chunks.org_subtype(canonical) or "acronym"
        return "org", canonical, subtype
    if item.kind == "person":
        return "person", _full_name(item.text, persons), item.subtype
    if item.kind == "unknown" and item.text in persons:
        return "person", persons[item.text], ""
    words = item.text.split()
    if (
        item.kind == "unknown"
        and 1 < len(words) <= 3
        and words[-1] in persons
        and persons[words[-1]].endswith(words[-1])
    ):
        return "person", item.text, ""  # a relative: "Noor Wali Mehsud" after "Baitullah Mehsud"
    if item.kind == "thing":
        return "thing", item.text, item.subtype
    return "", "", ""


def _full_name(name: str, persons: dict[str, str]) -> str:
    words = name.split()
    if len(words) == 1:
        return persons.get(name, name)
    longest = persons.get(words[0], name)
    return longest if name in longest and len(longest) > len(name) else name
