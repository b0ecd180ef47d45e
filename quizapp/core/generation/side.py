"""Facts that make their whole sentence a side detail, and counts that need a date.

- a small count from one rescue or release, the overs of a chase, where a place lies, the
  body a speaker heads or the town one candidate stood in: no draft from that sentence at
  all, true/false included (`side_incident`);
- a count the text gives twice with other values ("58 Pakistani soldiers" and "23
  Pakistani soldiers"), or a toll of dead in a text spanning years, with no date in the
  prompt to say which (`counted_twice`).
"""

import re

from .entities import Analysis
from .model import Draft

BLANK = "_____"
_YEAR = re.compile(r"\b(?:1[5-9]|20)\d\d\b")
RESCUE = re.compile(
    r"\b(?:trapped|rescued|pulled|rubble|found alive|buried|released|release of|freed)\b",
    re.IGNORECASE,
)
# "Chaman is in Pakistan's Balochistan province": where a place lies is geography, not news.
_LOCATED = re.compile(
    r"^[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,3}\s+(?:is|are|lies|lie)\s+"
    r"(?:located\s+|situated\s+)?in\s+(?:the\s+)?[A-Z][^,;]*\b(?:province|district|region"
    r"|county|state|valley)\b"
)
# A count below this in a rescue sentence is one rescue among many: a side incident.
SMALL_RESCUE = 100
# "the director general of Pakistan's _____": the key is only where a person works.
_TITLE_OF = re.compile(
    r"\b(?:director|chief|head|spokes(?:wo)?man|spokesperson)\b[^,]*\b(?:of|at|for)\s+"
    r"(?:the\s+)?(?:[A-Z][\w-]*['’]s?\s+)?$",
    re.IGNORECASE,
)
# "the party's _____ candidate", "a _____ resident": a place that only says where one person is.
_ROLE_AFTER = re.compile(
    r"^\s+(?:candidate|resident|native|mp|lawmaker|legislator|councillor|councilor|villager"
    r"|man|woman|boy|girl|shopkeeper|farmer)s?\b",
    re.IGNORECASE,
)
_MONEY = re.compile(r"\b(?:dollars|euros|pounds|rupees|yuan|yen|per cent|percent)\b")
_CASUALTY = re.compile(r"\b(?:killed|dead|deaths|died|injured|wounded|casualties)\b")


def counted_twice(draft: Draft, analysis: Analysis) -> bool:
    """A count of "Pakistani soldiers" the text also gives with another value elsewhere,
    and a prompt with no year or date to say which one it asks for (sums of money are
    different payments, not rival counts); or a count of dead with no date in a text that
    spans several years."""
    if draft.family != "numeric" or _YEAR.search(draft.stem):
        return False
    noun = draft.prompt.removeprefix("How many ").split("?")[0]
    if any(m.kind == "date" for m in analysis.mentions[draft.sentence.index]):
        return False
    if _CASUALTY.search(draft.sentence.text) and len(set(_YEAR.findall(analysis.text))) >= 3:
        return True  # a text over several years: which fighting's dead?
    if len(noun.split()) < 2 or _MONEY.search(noun):
        return False
    return any(
        m.kind == "quantity" and m.noun == noun and m.value != draft.answer
        for index, found in enumerate(analysis.mentions)
        if index != draft.sentence.index
        for m in found
    )


def side_incident(draft: Draft) -> bool:
    """A fact that makes its whole sentence a side detail, whatever is asked from it: a
    small count from one rescue or release, the overs of a chase, where a place lies, the
    body a speaker heads, the town one candidate or resident is from."""
    before = draft.stem.partition(BLANK)[0]
    if _LOCATED.match(draft.sentence.text):
        return True
    if draft.family == "numeric":
        noun = draft.prompt.removeprefix("How many ").split("?")[0]
        small = (draft.answer or 0) < SMALL_RESCUE and not _MONEY.search(noun)
        return bool(RESCUE.search(draft.sentence.text) and small) or noun in ("overs", "balls")
    if draft.family != "cloze":
        return False
    if draft.key_kind == "place" and _ROLE_AFTER.match(draft.stem.partition(BLANK)[2]):
        return True  # "BJP's _____ candidate": where one person stood or lives
    return draft.key_kind == "org" and bool(_TITLE_OF.search(before.rsplit(",", 1)[-1]))
