"""What each sentence is for in a news page: story, lead, byline, boilerplate, bio, opinion.

A weight per sentence scales its importance: 0 for lines that are not the story (bylines,
credits, "Read more", captions, the author's bio), less than 1 for an analyst's opinion or
unnamed speculation, 1 otherwise. The headline and lead give the story's words, and the
dateline (or a date line near the top) the day that "today" means.
"""

import re
from collections.abc import Sequence

from .model import Sentence
from .words import FUNCTION_WORDS, MONTHS

# A byline opens "By" and a name; "By late Sunday night, troops had…" is the story.
BOILERPLATE = re.compile(
    r"^(?:by\s+(?:(?!(?:late|early|mid|the|then|now|Monday|Tuesday|Wednesday|Thursday|Friday"
    r"|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October"
    r"|November|December|noon|midnight|dawn|evening|night|morning)\b)(?-i:[A-Z])\w*|staff)"
    r"|(?:also |read )?(?:read|see) (?:more|also)\b|also read\b"
    r"|follow (?:us|our|the)\b|click here|subscribe\b|sign up\b|leave a (?:reply|comment)"
    r"|share (?:this|on)\b|source:|sources:|photo:|image:|image credit|file photo|caption:"
    r"|updated:|posted:|published:|copyright|all rights reserved|advertisement|related:"
    r"|please note|for all the news|download\b|watch:|listen:|more to follow|this is a "
    r"developing story)",
    re.IGNORECASE,
)
# "mkg/hc (Reuters, AFP, dpa, AP)": editors' initials and agency credits at the end.
CREDITS = re.compile(r"^[a-z]{2,4}(?:/[a-z]{2,4})+\s*(?:\([^)]*\))?\.?$|^\([A-Z][\w ,/]*\)$")
BIO = re.compile(
    r"^(?:[A-Z][\w.’'-]*\s+){1,4}(?:is|was)\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,4}?"
    r"(?:fellow|professor|author|journalist|correspondent|editor|analyst|researcher|writer"
    r"|director|lecturer|scholar|columnist|contributor)\b",
)
# An analyst's view, or a bystander's words ("a resident told…"): colour, not the story.
OPINION = re.compile(
    r"\b(?:analyst|analysts|expert|experts|commentator|commentators|observer|observers"
    r"|retired|pundit|pundits|think tank|think-tank|resident|residents|witness|witnesses"
    r"|eyewitness|eyewitnesses|villager|villagers|passer-by|bystander|bystanders)\b",
    re.IGNORECASE,
)
SPECULATION = re.compile(
    r"\b(?:experts|analysts|observers|some|many|critics)\s+(?:have\s+)?(?:said|say|believe"
    r"|speculated|speculate|suggest|suggested|fear|feared|think)\b",
    re.IGNORECASE,
)
BIO_WEIGHT, OPINION_WEIGHT, SPECULATION_WEIGHT = 0.3, 0.6, 0.4
# Every word OPINION or SPECULATION can match contains one of these.
_OPINION_CUES = (
    "analyst",
    "expert",
    "comment",
    "observer",
    "retired",
    "pundit",
    "think",
    "resident",
    "witness",
    "villager",
    "passer",
    "bystander",
    "some",
    "many",
    "critic",
)
LEAD_SENTENCES = 2
_CONTENT = re.compile(r"[A-Za-z][\w’'-]{3,}")
_SHORT_MONTHS = {m[:3]: n for m, n in MONTHS.items()} | {"sept": 9}
_MONTH = r"(?P<month>" + "|".join(sorted(_SHORT_MONTHS, key=len, reverse=True)) + r")[a-z]*\.?"
_FULL_DATE = re.compile(
    rf"\b(?:(?P<d1>\d{{1,2}})\s+{_MONTH}|(?P<m2>" + "|".join(_SHORT_MONTHS) + r")[a-z]*\.?"
    r"\s+(?P<d2>\d{1,2})),?\s+(?P<year>(?:19|20)\d\d)\b",
    re.IGNORECASE,
)
# A date line near the top: "Wednesday, October 12, 2005", "October 10, 2025 | Outlet",
# "Updated: Mar 25, 2020 10:07 IST", "Prague, 10 October 2005 (RFE/RL) --".
DATELINE_CHARS = 600
DATELINE_WORDS = 14


def weights(sentences: Sequence[Sentence]) -> tuple[float, ...]:
    """How much each sentence counts as the story, 0–1."""
    return tuple(weight(s, s.index >= 0.8 * len(sentences)) for s in sentences)


def weight(sentence: Sentence, near_end: bool) -> float:
    """How much one sentence is the story: 0 for boilerplate and a closing bio, less for a
    bio elsewhere, speculation or an opinion, else 1."""
    text = sentence.text.strip('*_ "“”')
    if BOILERPLATE.match(text) or CREDITS.match(text):
        return 0.0
    if BIO.match(text):
        return 0.0 if near_end else BIO_WEIGHT
    lower = text.lower()
    if not any(cue in lower for cue in _OPINION_CUES):
        return 1.0  # neither pattern below can match: most sentences stop here
    if SPECULATION.search(text):
        return SPECULATION_WEIGHT
    if OPINION.search(text):
        return OPINION_WEIGHT
    return 1.0


def lead_words(sentences: Sequence[Sentence]) -> frozenset[str]:
    """Content words of the headline (a heading before the first paragraph) and the lead."""
    found: list[str] = []
    story = [s for s in sentences if not s.is_heading]
    first = story[0].index if story else len(sentences)
    headline = [s for s in sentences[:first] if s.is_heading and len(s.text.split()) >= 4][:1]
    for sentence in [*headline, *story[:LEAD_SENTENCES]]:
        found += [w.lower() for w in _CONTENT.findall(sentence.text)]
    return frozenset(w for w in found if w not in FUNCTION_WORDS)


def overlap(sentence: Sentence, lead: frozenset[str]) -> float:
    """Share of the sentence's content words that the headline and lead also use, doubled
    and capped at 1: a sentence on the story's subject shares a few of them."""
    found = {w.lower() for w in _CONTENT.findall(sentence.text)}
    if not found or not lead:
        return 0.0
    return min(1.0, 2 * len(found & lead) / len(found))


def dateline(text: str) -> tuple[int, int, int] | None:
    """(year, month, day) of the article, from a short date line near the top, or None."""
    for line in text[:DATELINE_CHARS].splitlines():
        found = _FULL_DATE.search(line)
        head = line[: found.start()] if found else ""
        if found and (len(line.split()) <= DATELINE_WORDS or _dated_lead(head)):
            month = (found["month"] or found["m2"]).lower()[:4].rstrip(".")
            number = _SHORT_MONTHS.get(month, _SHORT_MONTHS.get(month[:3]))
            day = int(found["d1"] or found["d2"])
            if number and 1 <= day <= 31:
                return int(found["year"]), number, day
    return None


def _dated_lead(head: str) -> bool:
    """Whether the words before a date are a dateline's place: "Prague, "."""
    return bool(re.fullmatch(r"\s*[A-Z][\w .'-]{0,30},\s*", head))
