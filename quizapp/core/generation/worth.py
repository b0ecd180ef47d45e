"""Whether a draft is worth a student's time and fair without the article beside it.

Checks on the draft as a whole, after the family checks (filters.py):

- it names what it is about: at least one person, place, organisation or date besides the
  key ("More than _____ people have been killed" names no event);
- it is the story, not background or a side detail: no count from a year long before the
  story's, no population figure, no hours one person was trapped, no "every _____ years";
  no key that only says where a spokesman or official works;
- nothing next to the blank gives it away: no acronym or expansion in brackets beside it,
  no editorial brackets ("[Sharad Pawar]"), no "542 of the _____";
- the options are of one kind: no option that is part of the key's own name ("UN" beside
  "UNHCR"), no alliance among parties, no bare acronym after a preposition that needs "the"
  ("According to UN").
"""

import re

from .entities import Analysis
from .model import Draft
from .side import RESCUE, counted_twice, side_incident

BLANK = "_____"
# How many years before the story's year a figure is history rather than news.
BACKGROUND_YEARS = 3
_YEAR = re.compile(r"\b(?:1[5-9]|20)\d\d\b")
_SINCE = re.compile(r"\bsince (?:\w+ ){0,2}(?:1[5-9]|20)\d\d\b", re.IGNORECASE)
_BACKGROUND = re.compile(r"\b(?:deadliest|worst|largest|biggest) since\b", re.IGNORECASE)
_POPULATION = re.compile(r"\b(?:population|inhabitants|residents|home to)\b", re.IGNORECASE)
_SPANS = frozenset({"hours", "minutes", "days", "runs", "balls", "overs"})
# A key that only says who relayed a fact, or where they work.
_ATTRIBUTION = re.compile(
    r"\b(?:spokes(?:wo)?man|spokesperson|an official|officials? (?:at|in|with)|embassy"
    r"|correspondent|reporter)\b",
    re.IGNORECASE,
)
# "Julia Leverton, a spokeswoman for UNICEF, told reporters…": a sentence about who relayed.
_RELAYED = re.compile(
    r"^[^,]+, (?:a|an|the) [^,]*\b(?:spokes(?:wo)?man|spokesperson|official|resident|witness"
    r"|survivor|analyst)\b[^,]*, "
)
_EVERY = re.compile(r"\bevery (?:\d+|two|three|four|five|six|ten) years\b", re.IGNORECASE)
_DURATION = re.compile(r"\b\d+ (?:hours|days|minutes)\b")
_ORG_WORD = re.compile(
    r"\b(?:International|Organi[sz]ation|Agency|Party|Council|Commission|Fund|Bank|Army"
    r"|Movement|Ministry|Institute|Association|Union|Committee|Corporation|Group)\b"
)
# The main clause in the past perfect ("A mission had visited Islamabad…"): what came
# before the story. Reported speech ("said Afghans had carried out") is the story.
_EARLIER = re.compile(
    r"^(?:(?!\b(?:said|says|told|claimed|that|after|before|when|since)\b)[^,;\"“])*?"
    r"\bhad (?:been |already |initially |earlier )?\w+ed\b"
)
_GROUPING = re.compile(r"\b(?:alliance|bloc|coalition|front)\b", re.IGNORECASE)
_BARE_PREPOSITION = re.compile(r"\b(?:to|by|from|of|with|for)\s+$", re.IGNORECASE)
_ACRONYM = re.compile(r"[A-Z]{2,6}")
# "10 of Scotland's _____", "3 out of the _____": the blank is the total, the part is the news.
_TOTAL_OF = re.compile(
    r"\b\d[\d,.]*\s+(?:out\s+)?of\s+(?:the\s+|its\s+|their\s+|[A-Z][\w-]*['’]s?\s+)?$"
)
# "the _____ area in northwestern Pakistan": a direction the options cannot all match.
_COMPASS_AFTER = re.compile(
    r"^\s+(?:\w+\s+){0,2}(?:in|of)\s+(?:the\s+)?(?:north|south|east|west|central|upper"
    r"|lower)[\w-]*\b",
    re.IGNORECASE,
)
# A false statement whose changed name sits before the old name's acronym: "Baloch
# Liberation Front (TTP)" gives itself away.
_BRACKETED_ACRONYM = re.compile(r"^(?:\s+[\w-]+){0,2}\s*\(\s*[A-Z]{2,6}\s*\)")


def fine(draft: Draft, analysis: Analysis) -> bool:
    """Whether the draft passes the checks above."""
    if draft.family in ("ordering", "who_said"):
        return True
    return (
        names_something(draft, analysis)
        and not background(draft, analysis)
        and not side_detail(draft)
        and not counted_twice(draft, analysis)
        and not gives_away(draft)
        and not _TYPO.search(draft.prompt)
        and options_alike(draft, analysis)
    )


def names_something(draft: Draft, analysis: Analysis) -> bool:
    """A name or date besides the key says what the prompt is about (a year the prompt
    gained from the dateline counts)."""
    return bool(_YEAR.search(draft.stem)) or any(
        m.kind in ("person", "place", "org", "date") and m.text != draft.key
        for m in analysis.mentions[draft.sentence.index]
    )


def story_year(analysis: Analysis) -> int | None:
    """The year of the story: the dateline's, or else the latest year the text names."""
    if analysis.dateline:
        return analysis.dateline[0]
    years = [int(y) for y in _YEAR.findall(analysis.text)]
    return max(years) if years else None


def background(draft: Draft, analysis: Analysis) -> bool:
    """A figure from history: every year in its sentence lies well before the story's, or
    the sentence compares with the past ("the deadliest since 1970")."""
    text = draft.sentence.text
    if _EARLIER.search(text):
        return True
    if draft.family != "numeric" and not analysis.dateline:
        return False  # an explainer without a date line is about history
    if _BACKGROUND.search(text):
        return True
    # "since 2023" reaches up to the story: not history.
    years = [int(y) for y in _YEAR.findall(_SINCE.sub("", text))]
    current = story_year(analysis)
    return bool(years and current) and max(years) <= current - BACKGROUND_YEARS


def side_detail(draft: Draft) -> bool:
    """A population figure, the hours of one rescue, "every 4 years", a sentence about who
    relayed a fact, or a key that only says where the person relaying it works."""
    before, _, after = draft.stem.partition(BLANK)
    text = draft.sentence.text
    if (
        _EVERY.search(text)
        or (_DURATION.search(text) and RESCUE.search(text))
        or _RELAYED.match(text)
    ):
        return True
    if draft.family == "numeric":
        noun = draft.prompt.removeprefix("How many ").split("?")[0]
        return bool(
            _POPULATION.search(before[-40:])
            or (noun in _SPANS and RESCUE.search(text))
            or before.rstrip().endswith("every")
            or _near_number(draft.answer, draft.stem)
            or _REVISED.search(after)
            or side_incident(draft)
        )
    if draft.family == "true_false":
        return False
    appositive = before.rsplit(",", 1)[-1] if "," in before else ""
    return side_incident(draft) or bool(_ATTRIBUTION.search(appositive))


# "killed at least _____ people; later reports said 36": which figure is the answer?
_REVISED = re.compile(
    r"\b(?:later|revised|updated|raised|lowered|corrected)\b[^.]*\d", re.IGNORECASE
)


_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


def _near_number(answer: float | None, stem: str) -> bool:
    """Another number in the prompt within one of the answer: "542 seats" beside "543"."""
    if not answer or answer < 20:
        return False
    for found in _NUMBER.findall(stem):
        value = float(found.replace(",", "").rstrip("."))
        if value != answer and abs(value - answer) <= max(1.0, answer * 0.01):
            return True
    return False


# A typo copied from the text: an apostrophe after a name that does not end in "s"
# ("Gambhir’ 97").
_TYPO = re.compile(r"\b[A-Z][a-z]*[a-rt-z]['’] ")
# The leader of a great power or a country's head of government, whom everyone knows: "U.S.
# President _____", "Pakistan's then Prime Minister, _____".
_WORLD_LEADER = re.compile(
    r"(?:\b(?:U\.S\.|US|American|Russian|Chinese|French|British|UK) (?:President|Prime Minister"
    r"|Secretary of State)|\b[A-Z][\w-]*['’]s (?:then |former |new )?(?:President|Prime Minister)"
    r"|\bthen (?:President|Prime Minister)),? $"
)
# A comment before a colon ("The similar names are confusing: …"), not a fact.
_COMMENT = re.compile(r"^[^:,\d]{0,60}\b(?:is|are|was|were) (?:\w+ )?\w+:")


def gives_away(draft: Draft) -> bool:
    """Brackets beside the blank or in the prompt, the whole beside the part, a world
    leader by title, or a statement that opens with a comment."""
    before, blank, after = draft.prompt.partition(BLANK)
    if "[" in draft.prompt or "]" in draft.prompt or _COMMENT.match(draft.sentence.text):
        return True
    if draft.family == "true_false" and draft.replaced:
        return _acronym_mismatch(draft)
    if not blank:
        return False
    if draft.key_kind == "place" and _COMPASS_AFTER.match(after):
        return True
    return bool(
        _WORLD_LEADER.search(before)
        or after.startswith((" (", "("))
        or before.endswith("(")
        or re.search(r"\(\s*[A-Z]{2,6}\s*\)\s*$", before)
        or _TOTAL_OF.search(before)
    )


def _acronym_mismatch(draft: Draft) -> bool:
    """The changed name in a false statement stands before a bracketed acronym."""
    new = draft.key.partition("->")[2]
    at = draft.stem.find(new) if new else -1
    return at >= 0 and bool(_BRACKETED_ACRONYM.match(draft.stem[at + len(new) :]))


_REGION = re.compile(
    r"\b(?:Asia|Africa|Europe|America|Americas|Middle East|Caribbean|Balkans|Subcontinent"
    r"|Pacific|Atlantic|Sahel|Caucasus|Scandinavia)\b"
)


def options_alike(draft: Draft, analysis: Analysis) -> bool:
    """No option inside the key's name or the key inside one; no alliance among parties;
    "the" where an acronym needs it."""
    if draft.family != "cloze":
        return True
    texts = [c.text for c in draft.choices]
    key = draft.key
    if draft.key_kind == "place" and _REGION.search(key):
        return False  # "South Asia" beside "Kashmir": a place inside the region is right too
    for option in texts:
        if option == key:
            continue
        if key.startswith(option) or option.startswith(key):
            return False
    kinds = {_kind(t, analysis) for t in texts} - {None}
    if len(kinds) > 1 or (_kind(key, analysis) == "person" and any(map(_ORG_WORD.search, texts))):
        return False  # "Amnesty International" offered for a person
    grouped = [bool(_GROUPING.search(t)) for t in texts]
    if any(grouped) and not all(grouped):
        return False
    before = draft.stem.partition(BLANK)[0]
    if _BARE_PREPOSITION.search(before) and any(
        _ACRONYM.fullmatch(t) and f"the {t} " in analysis.text for t in texts
    ):
        return False
    return True


def _kind(name: str, analysis: Analysis) -> str | None:
    entity = analysis.entities.get(analysis.named(name))
    return entity.kind if entity else None
