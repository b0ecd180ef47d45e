"""Whether a draft says which event it is about, and is not the headline everyone knows.

A student meets each question on its own, weeks after the news. So:

- "the general election", "the tournament", "the final", "the relief effort", "at the
  peak", "in the first twelve months" say which one only beside the article. An election is
  dated from the dateline ("the 2024 general election"); a match, a tournament or an event
  with no year in the prompt is dropped (an article looking back on old finals is dated
  years after them); so is "the relief effort";
- "the hardest-hit areas", "among the most severely affected" need the disaster named;
- a play of a match ("fell for 32", "needing 20 to win in 3.4 overs") with no year in the
  prompt belongs to a match the student cannot tell apart from others;
- "in the area" needs a place named in the prompt; "The second big loser is…" needs the
  first;
- a true/false statement that restates the headline ("Labour won the general election") is
  the news everyone heard: general knowledge, not the article.
"""

import re
from dataclasses import replace

from .entities import Analysis
from .model import Draft

_YEAR = re.compile(r"\b(?:1[5-9]|20)\d\d\b")
# An election says which one only with its year ("the general election in Norland" could be
# any of them); an occasion below, unless a name or a year follows it.
_ELECTION = re.compile(
    r"\b(?P<det>the)\s+(?P<noun>(?:(?:general|presidential|parliamentary|national|local|state"
    r"|snap|federal|regional)\s+)?(?:elections?|polls?|vote))\b",
    re.IGNORECASE,
)
_OCCASION = re.compile(
    r"\b(?:the|this|that)\s+(?:[\w-]+\s+)?(?:tournament|tri-?series|series|match|game|competition"
    r"|contest|event|finals?(?!\s+(?:report|day|days|version|decision|say|stage|word|results?"
    r"|round|status|offer|phase|draft|list|text|hours|year|weeks|months|analysis|touches)\b))\b"
    r"|\b(?:the|this|that)\s+(?:relief|rescue|aid|recovery)\s+(?:efforts?|operations?|work)\b"
    r"|\b(?:at|in)\s+the\s+(?:peak|height)\b"
    r"|\bthe\s+first\s+(?:\w+\s+)?(?:days?|weeks?|months?|years?)\b(?!\s+(?:of|after)\b)",
    re.IGNORECASE,
)
_NAMED_AFTER = re.compile(r"^\s+(?:of|in|for|at|between)\s+(?:the\s+)?(?-i:[A-Z\d])", re.I)
_IMPACT = re.compile(
    r"\b(?:hardest|worst|badly|severely)[- ]hit\b|\b(?:most|worst|severely|badly)\s+"
    r"(?:severely\s+|badly\s+)?affected\b",
    re.IGNORECASE,
)
_DISASTER = re.compile(
    r"\b(?:earthquakes?|quakes?|floods?|flooding|storms?|cyclones?|hurricanes?|typhoons?"
    r"|monsoon|rains?|drought|fires?|wildfires?|war|fighting|clashes|tsunami|landslides?)\b",
    re.IGNORECASE,
)
_MATCH_PLAY = re.compile(
    r"\b\d+(?:-run)?\s+(?:runs|wickets|overs|balls|goals)\b|\b(?:innings|half-time|bowled|batting"
    r"|batted|the tail|fell for \d+|to win in|\d+-run stand)\b",
    re.IGNORECASE,
)
_NUMBER = re.compile(r"\d[\d,.]*\d|\d")
# "arrived in the area": which area, unless the prompt names a place.
_PLACE_WORD = re.compile(
    r"\bthe (?:area|region|site|scene|zone|affected areas?)\b"
    r"(?!\s+(?:of|in|around|near)\s+(?:the\s+)?(?-i:[A-Z]))",
    re.IGNORECASE,
)
_CONTENT = re.compile(r"[A-Za-z][A-Za-z'’-]{2,}")
_STOP = frozenset(
    "the and for with from that this into over after amid as was were has have had are its "
    "their his her about more than new says said big".split()
)
# Share of the headline's words a true/false statement may repeat before it is the headline.
HEADLINE_SHARE = 0.5
HEADLINE_MIN = 3


def anchored(draft: Draft, analysis: Analysis) -> Draft | None:
    """The draft with an undated election dated from the dateline; None when the prompt
    leans on an occasion or disaster it does not name, or restates the headline."""
    if draft.family in ("ordering", "who_said"):
        return draft
    if (
        restates_headline(draft, analysis)
        or unnamed_occasion(draft.stem)
        or (_PLACE_WORD.search(draft.stem) and not _names_place(draft, analysis))
    ):
        return None
    if not _ELECTION.search(draft.stem) or _YEAR.search(draft.stem):
        return draft
    if not analysis.dateline:
        return None
    year = analysis.dateline[0]
    texts = [draft.prompt, draft.stem, *(c.text for c in draft.choices)]
    prompt, stem, *options = (_ELECTION.sub(rf"\g<det> {year} \g<noun>", t) for t in texts)
    choices = tuple(replace(c, text=t) for c, t in zip(draft.choices, options, strict=True))
    return replace(draft, prompt=prompt, stem=stem, choices=choices)


# "The second big loser is…": the next item of a list the sentence before began.
_NEXT_ITEM = re.compile(
    r"^(?:The|A)\s+(?:second|third|fourth|fifth|next|other|last)\s+(?:[a-z]+\s+)?"
    r"(?:loser|winner|victim|casualty|reason|point|problem|issue|step|case|one|group|party)s?\b"
)


def unnamed_occasion(stem: str) -> bool:
    """ "the tournament", "the relief effort" with no year or name after it, the play of a
    match with no year, or "the hardest-hit areas" with no disaster named."""
    if (_IMPACT.search(stem) and not _DISASTER.search(stem)) or _NEXT_ITEM.match(stem):
        return True
    if _YEAR.search(stem):
        return False
    if _MATCH_PLAY.search(stem):
        return True
    return any(not _NAMED_AFTER.match(stem[m.end() :]) for m in _OCCASION.finditer(stem))


def _names_place(draft: Draft, analysis: Analysis) -> bool:
    return any(
        m.kind == "place" and m.text != draft.key for m in analysis.mentions[draft.sentence.index]
    )


def _stems(text: str) -> set[str]:
    return {w.lower()[:4] for w in _CONTENT.findall(text) if w.lower() not in _STOP}


def restates_headline(draft: Draft, analysis: Analysis) -> bool:
    """A true/false statement made of the headline's own words and no figure of its own."""
    if draft.family != "true_false" or not analysis.sentences:
        return False
    first = analysis.sentences[0]
    if not first.is_heading or first.index == draft.sentence.index:
        return False
    if set(_NUMBER.findall(draft.stem)) - set(_NUMBER.findall(first.text)):
        return False  # a figure the headline does not give is the article's, not the news
    headline = _stems(first.text)
    shared = headline & _stems(draft.stem)
    return len(shared) >= HEADLINE_MIN and len(shared) >= HEADLINE_SHARE * len(headline)


_HAZARD = (
    r"earthquakes?|quakes?|floods?|flooding|cyclones?|storms?|typhoons?|hurricanes?|tsunami"
    r"|landslides?|wildfires?|eruption"
)
_HEADLINE_HAZARD = re.compile(rf"\b(?:{_HAZARD})\b", re.IGNORECASE)
# "the earthquake", "the death toll": the story's event, unless a name or a year follows.
_EVENT_REF = re.compile(
    rf"\b(?P<det>[Tt]he)\s+(?:(?P<noun>(?i:{_HAZARD}|disaster))\b"
    r"(?!\s+(?:of|in|on|from|at|near|for)\s+(?:the\s+)?[A-Z\d_])"
    r"|(?P<toll>(?i:death toll|toll))\b(?!\s+(?:of|in|on|from|at|for|among)\b)"
    r"|(?P<effort>(?i:(?:relief|rescue|aid|recovery)\s+(?:efforts?|operations?|work)))\b"
    r"(?!\s+(?:of|in|on|from|at|for|after|following)\s+(?:the\s+)?[A-Z\d_]))"
)


def story_event(analysis: Analysis) -> tuple[str, str, str] | None:
    """(year, hazard, place) of a disaster the headline names, e.g. ("2014",
    "quake", "China"); None when the headline names none, or neither a date nor a place."""
    first = analysis.sentences[0] if analysis.sentences else None
    found = _HEADLINE_HAZARD.search(first.text) if first and first.is_heading else None
    if not found:
        return None
    # The year only: a report dated 2 November may be about a quake on 29 October.
    when = str(analysis.dateline[0]) if analysis.dateline else ""
    lead = first.text[: found.start()].split()
    parts = lead[-1].split("-") if lead else []
    places = [p for p in parts if (e := analysis.entities.get(p)) and e.kind == "place"]
    where = " and ".join(places) if len(places) == len(parts) else ""
    return (when, found.group().lower(), where) if when or where else None


def with_event(draft: Draft, event: tuple[str, str, str]) -> Draft:
    """The draft with its first "the earthquake", "the death toll" or "the relief effort"
    naming the story's disaster: "the 2014 earthquake in China", "the death toll from the …",
    "the relief effort after the …"."""
    if draft.family in ("ordering", "who_said") or not _EVENT_REF.search(draft.sentence.text):
        return draft
    if event[2] and draft.key and draft.key in event[2]:
        return draft  # "the quake in China" beside a blank that asks for China
    texts = [draft.sentence.text, draft.prompt, draft.stem, *(c.text for c in draft.choices)]
    text, prompt, stem, *options = (_EVENT_REF.sub(lambda m: _named(m, event), t, 1) for t in texts)
    choices = tuple(replace(c, text=t) for c, t in zip(draft.choices, options, strict=True))
    sentence = replace(draft.sentence, text=text)
    return replace(draft, prompt=prompt, stem=stem, choices=choices, sentence=sentence)


def _named(found: re.Match, event: tuple[str, str, str]) -> str:
    when, hazard, where = event
    place = f" in {where}" if where else ""
    date = f"{when} " if when else ""
    hazard = "earthquake" if hazard == "quake" else hazard
    if found["toll"]:
        return f"{found['det']} {found['toll']} from the {date}{hazard}{place}"
    if found["effort"]:
        return f"{found['det']} {found['effort']} after the {date}{hazard}{place}"
    return f"{found['det']} {date}{found['noun']}{place}"


# "The earthquake also led to…": "also" after the subject only ties the sentence to the one
# before; without it the sentence says the same on its own.
_ALSO = re.compile(r"^(?P<subject>(?:[\w’'.-]+\s+){1,7}?)also\s+(?=[a-z]+(?:ed|s)\b)")


def without_also(draft: Draft) -> Draft:
    """The draft with an "also" right after its sentence's subject taken out."""
    text = draft.sentence.text
    if draft.family in ("ordering", "who_said") or text.count(" also ") != 1:
        return draft
    found = _ALSO.match(text)
    if not found or "," in found["subject"]:
        return draft
    texts = [text, draft.prompt, draft.stem, *(c.text for c in draft.choices)]
    plain, prompt, stem, *options = (t.replace(" also ", " ", 1) for t in texts)
    choices = tuple(replace(c, text=t) for c, t in zip(draft.choices, options, strict=True))
    sentence = replace(draft.sentence, text=plain)
    return replace(draft, prompt=prompt, stem=stem, choices=choices, sentence=sentence)
