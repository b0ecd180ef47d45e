"""Runs of capitalised words in a sentence and what they name.

A run ("Taliban Foreign Minister Amir Khan Muttaqi") is split into an affiliation, a title
and a name; a bare run becomes a person only with evidence around it: a title, a role in
apposition ("the defence minister, Khawaja Asif"), or a verb of speech after it.
"""

import re
from dataclasses import dataclass

from . import lexicon
from .words import (
    DEMONYM_COUNTRY,
    EVENT_HEADS,
    FUNCTION_WORDS,
    ORG_CUES,
    ORG_HEADS,
    ROLE_CLASSES,
    ROLE_NOUNS,
    SPEECH_VERBS,
    TITLE_CONNECTORS,
    TITLE_WORDS,
)

_TOKEN = re.compile(r"[\w\u00C0-\u024F]+(?:[’'\-–.][\w\u00C0-\u024F]+)*\.?")
_CONNECTORS = frozenset({"of", "for", "bin", "al", "ul", "de", "la", "lil", "and", "the"})
_PREFIXED = re.compile(r"(?:al|el|lil|ul)-[A-Z]")
_ACRONYM = re.compile(r"[A-Z][A-Za-z]*[A-Z]|[A-Z](?:\.[A-Z])+\.?")
_ROLE = "|".join(sorted(ROLE_NOUNS, key=len, reverse=True))
_ROLE_BEFORE = re.compile(rf"\b(?:{_ROLE})s?,\s*$", re.IGNORECASE)
_ROLE_WORD = re.compile(rf"\b(?:{_ROLE})\b", re.IGNORECASE)
_ROLE_AFTER = re.compile(
    rf"^(?:,|\s+(?:was|is|became|had been|as))\s+(?:then\s+|now\s+|former\s+)*"
    rf"(?:(?:the|a|an|its|his|their|[A-Z][\w.]*(?:’s|'s))\s+)?"
    rf"(?:[\w-]+\s+){{0,3}}?(?:{_ROLE})\b",
    re.IGNORECASE,
)
_SPEECH_AFTER = re.compile(
    rf"^\s+(?:(?:has|had|have|also|then|later|publicly)\s+)*(?:{'|'.join(SPEECH_VERBS)})\b"
)
_LED_BY = re.compile(r"\b(?:led by|under)\s+$")


@dataclass(frozen=True)
class Token:
    text: str
    start: int  # offsets within the sentence
    end: int
    possessive: bool = False


@dataclass(frozen=True)
class Run:
    """What a run of capitalised words names: kind is person|place|org|thing|title|unknown."""

    kind: str
    subtype: str
    start: int
    end: int
    text: str
    affiliation: str = ""


def tokens(text: str) -> list[Token]:
    found = []
    for match in _TOKEN.finditer(text):
        word, end = match.group(), match.end()
        if word.endswith(".") and "." not in word[:-1] and word.lower() not in TITLE_WORDS:
            word, end = word[:-1], end - 1
        possessive = word.endswith(("’s", "'s")) and len(word) > 2
        if possessive:
            word, end = word[:-2], end - 2
        found.append(Token(word, match.start(), end, possessive))
    return found


def _name_like(token: Token) -> bool:
    return token.text[:1].isupper() or bool(_PREFIXED.match(token.text))


def runs(text: str) -> list[list[Token]]:
    """Maximal runs of name-like tokens joined by single spaces and lower-case connectors."""
    found: list[list[Token]] = []
    current: list[Token] = []
    words = tokens(text)
    for i, token in enumerate(words):
        joined = (
            bool(current)
            and text[current[-1].end : token.start] == " "
            and not current[-1].possessive
        )
        if _name_like(token) or (joined and _connects(token, words, i, text)):
            if not joined and current:
                found.append(current)
                current = []
            current.append(token)
        elif current:
            found.append(current)
            current = []
    if current:
        found.append(current)
    return [trimmed for run in found if (trimmed := _trim(run))]


def _connects(token: Token, words: list[Token], i: int, text: str) -> bool:
    """Whether a lower-case connector joins two names: "Bank of Pakistan", and "of the" in
    "Federation of the Red Cross"."""
    following = words[i + 1] if i + 1 < len(words) else None
    if (
        token.text == "of"
        and following is not None
        and following.text == "the"
        and text[token.end : following.start] == " "
    ):
        return _connects(following, words, i + 1, text)
    return (
        token.text in _CONNECTORS
        and following is not None
        and _name_like(following)
        and text[token.end : following.start] == " "
    )


def _trim(run: list[Token]) -> list[Token]:
    while run and (run[0].text.lower() in FUNCTION_WORDS or run[0].text in _CONNECTORS):
        run = run[1:]
    while run and run[-1].text in _CONNECTORS:
        run = run[:-1]
    return run


def classify(run: list[Token], sentence: str) -> list[Run]:
    """The mentions a run holds: a place, an organisation, a titled person…"""
    text = sentence[run[0].start : run[-1].end]
    whole = _whole(run, text, sentence)
    if whole:
        return [whole]
    if any(t.text == "and" for t in run):
        return [r for part in _split_at_and(run) for r in classify(part, sentence)]
    return _titled(run, sentence) or [_last_resort(run, text, sentence)]


def _split_at_and(run: list[Token]) -> list[list[Token]]:
    parts: list[list[Token]] = [[]]
    for token in run:
        if token.text == "and":
            parts.append([])
        else:
            parts[-1].append(token)
    return [trimmed for part in parts if (trimmed := _trim(part))]


def _whole(run: list[Token], text: str, sentence: str) -> Run | None:
    start, end = run[0].start, run[-1].end
    place = lexicon.place(text)
    if place and not ("-" in text and lexicon.place(text.split("-")[0])):
        return Run("place", _place_subtype(place, sentence, start, end), start, end, text)
    last = run[-1].text.lower()
    if last in ORG_HEADS and len(run) > 1 or text.lower() in _KNOWN_ORGS:
        return Run("org", org_subtype(text), start, end, text)
    if last in EVENT_HEADS or run[0].text in ("Operation", "Treaty", "Battle"):
        return Run("thing", EVENT_HEADS.get(last, "operation"), start, end, text)
    return None


_KNOWN_ORGS = frozenset(
    {"taliban", "al-qaeda", "nato", "united nations", "mujahideen", "haqqani network"}
)


def _place_subtype(place: lexicon.Place, sentence: str, start: int, end: int) -> str:
    after, before = sentence[end : end + 10].lower(), sentence[max(0, start - 12) : start].lower()
    if place.subtype in ("city", "capital") and after.startswith(" province"):
        return "province"
    if after.startswith((" crossing", " border crossing")):
        return "crossing"
    if before.endswith("city of "):
        return "city"
    return place.subtype


def org_subtype(text: str) -> str:
    """What kind of organisation a name says it is ("kashmir", "militant", "party", "media",
    "sport", "finance", "international", "agency"), or "" when its name does not tell."""
    lower = f" {text.lower()} "
    known = lexicon.organisation(text)
    if known:
        return known
    for category, cues in ORG_CUES:
        if any(cue in lower for cue in cues):
            return category
    return ""


def _titled(run: list[Token], sentence: str) -> list[Run]:
    """Affiliation, then title words, then a name: "U.S. President Donald Trump"."""
    i, affiliation = 0, ""
    while i < min(2, len(run) - 1) and run[i].text.lower() in DEMONYM_COUNTRY:
        affiliation = DEMONYM_COUNTRY[run[i].text.lower()]
        i += 1
    first_title = i
    while i < len(run) and (run[i].text.lower() in TITLE_WORDS):
        i += 1
    if i == first_title or run[i - 1].text.lower() in TITLE_CONNECTORS:
        return []
    affiliation = affiliation or affiliation_before(sentence, run[0].start)
    start, end = run[first_title].start, run[i - 1].end
    title = Run("title", "", start, end, sentence[start:end], affiliation)
    if i == len(run):
        return [title]
    name = run[i:]
    return [
        title,
        Run(
            "person",
            role_class(title.text),
            name[0].start,
            name[-1].end,
            sentence[name[0].start : name[-1].end],
            affiliation,
        ),
    ]


def role_class(title: str) -> str:
    """The kind of office a title names ("Prime Minister" → "head"), or ""."""
    lower = set(re.findall(r"[\w.]+", title.lower()))
    return next((name for name, members in ROLE_CLASSES if lower & members), "")


def affiliation_before(sentence: str, at: int) -> str:
    """The country or movement named just before a title: "Pakistan’s then Prime Minister"."""
    found = re.search(r"([A-Z][\w.]*)(?:’s|'s)?\s+(?:then\s+|former\s+)?$", sentence[:at])
    if not found:
        return ""
    word = found.group(1)
    place = lexicon.place(word)
    if place and place.subtype == "country":
        return place.name
    return DEMONYM_COUNTRY.get(word.lower(), "")


def _last_resort(run: list[Token], text: str, sentence: str) -> Run:
    start, end = run[0].start, run[-1].end
    if len(run) == 1 and _ACRONYM.fullmatch(text) and len(text) <= 7:
        return Run("org", "acronym", start, end, text)
    if any(part.lower() in ORG_HEADS for token in run for part in token.text.split("-")):
        return Run("org", org_subtype(text), start, end, text)
    if is_person(run, sentence):
        return Run(
            "person",
            _role_near(sentence, start, end),
            start,
            end,
            text,
            affiliation_around(sentence, start, end),
        )
    return Run("unknown", "", start, end, text)


def is_person(run: list[Token], sentence: str) -> bool:
    """Whether the words around a name make it a person's."""
    if len(run) > 4 or any(t.text[0].isdigit() for t in run):
        return False
    start, end = run[0].start, run[-1].end
    before, after = sentence[:start], sentence[end:]
    return bool(
        _ROLE_BEFORE.search(before)
        or _LED_BY.search(before)
        or _ROLE_AFTER.match(after)
        or (len(run) > 1 and _SPEECH_AFTER.match(after))
    )


def _role_near(sentence: str, start: int, end: int) -> str:
    before = _ROLE_BEFORE.search(sentence[:start])
    if before:
        return role_class(before.group())
    after = _ROLE_AFTER.match(sentence[end:])
    return role_class(_ROLE_WORD.findall(after.group())[-1]) if after else ""


def affiliation_around(sentence: str, start: int, end: int) -> str:
    """The country or movement named next to a person: "Pakistan's defence minister, X"."""
    for word in reversed(re.findall(r"[A-Z][\w.]*", sentence[max(0, start - 45) : start])):
        found = _affiliation_of(word)
        if found:
            return found
    after = re.match(r",\s+(?:then\s+)?(?:the\s+)?([A-Z][\w.]*)", sentence[end:])
    return _affiliation_of(after.group(1)) if after else ""


def _affiliation_of(word: str) -> str:
    place = lexicon.place(word)
    if place and place.subtype == "country":
        return place.name
    return DEMONYM_COUNTRY.get(word.lower(), "")
