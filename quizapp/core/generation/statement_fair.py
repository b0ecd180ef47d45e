"""Whether a true/false statement tests a story fact fairly (the last gate's statement checks).

- no quoted rhetoric: a quotation of four words or more in the first person, or opening on
  "Those", "It"… ("I want to thank…", "Those are going to be a treasure…");
- a false statement changes a fact of the story, not a background year ("since its
  independence in 1948"), and does not put the sentence's own years out of order;
- no count of dead or wounded without a date in a text spanning years;
- not the premise the whole text repeats: a year given again and again that is not the
  story's own, changed, or stated with nothing else besides it.
"""

import re
from collections import Counter

from .entities import Analysis
from .model import Draft

_QUOTE = re.compile(r"[\"“]([^\"”]+)[\"”]")
_FIRST_PERSON = re.compile(r"\b(?:I|we|We|our|Our|my|My|us|me)\b|^(?:Those|These|This|It|They)\b")
_BACKGROUND_YEAR = re.compile(
    r"\b(?:since|independence|founded|established|born|created|formed|until|dating|ever)\b"
    r"[^,.;]{0,40}$",
    re.IGNORECASE,
)
_YEAR_IN = re.compile(r"\b(?:1[5-9]|20)\d\d\b")
_CASUALTY = re.compile(r"\b(?:killed|dead|deaths|died|injured|wounded|casualties)\b")
# A text naming this many different years spans more than one round of fighting.
MANY_YEARS = 3
# A year the text gives this often, not the story's own, is its premise.
PREMISE = 4


def fair(draft: Draft, analysis: Analysis) -> bool:
    """Whether the statement passes every check above."""
    return _fair_words(draft) and not premise(draft, analysis) and not undated_toll(draft, analysis)


def undated_toll(draft: Draft, analysis: Analysis) -> bool:
    """A count of dead or wounded with no date, in a text that spans several years: which
    fighting's toll?"""
    mentions = analysis.mentions[draft.sentence.index]
    return (
        bool(_CASUALTY.search(draft.stem))
        and any(m.kind == "quantity" for m in mentions)
        and not any(m.kind == "date" for m in mentions)
        and not _YEAR_IN.search(draft.stem)
        and len(years(analysis)) >= MANY_YEARS
    )


_LAST: list = [None, Counter()]


def _story_year(analysis: Analysis, counted: Counter) -> int | None:
    """The dateline's year, or else the latest year the text names (as worth.story_year)."""
    if analysis.dateline:
        return analysis.dateline[0]
    return max((int(y) for y in counted), default=None)


def years(analysis: Analysis) -> Counter:
    """How often the text names each year, counted once per text (the last one is kept)."""
    if _LAST[0] is not analysis.text:
        _LAST[:] = [analysis.text, Counter(_YEAR_IN.findall(analysis.text))]
    return _LAST[1]


def premise(draft: Draft, analysis: Analysis) -> bool:
    """A statement about the year the whole text keeps repeating (not the story's own): a
    false one that changes it, or one (true or false) with no figure, person or other date
    besides it ("Since 2021, Afghanistan has been ruled by the Taliban"), is the premise
    everyone knows."""
    counted = years(analysis)
    repeated = {
        found for found in _YEAR_IN.findall(draft.sentence.text) if counted[found] >= PREMISE
    }
    if repeated:
        repeated.discard(str(_story_year(analysis, counted)))
    if not repeated:
        return False
    original = draft.key.removeprefix("false:").partition("->")[0]
    if draft.key.startswith("false:") and any(y in repeated for y in _YEAR_IN.findall(original)):
        return True
    return not any(
        m.kind in ("person", "quantity")
        or (m.kind == "date" and not any(y in m.text for y in repeated))
        for m in analysis.mentions[draft.sentence.index]
    )


def _chronology_broken(draft: Draft) -> bool:
    """A false year that puts the sentence's own years out of their order ("left in 1989,
    and the government … collapsed in 1988"): false by the statement itself."""
    before = [int(y) for y in _YEAR_IN.findall(draft.sentence.text)]
    after = [int(y) for y in _YEAR_IN.findall(draft.stem)]
    in_order = before == sorted(before)
    return len(before) == len(after) >= 2 and in_order and after != sorted(after)


def _fair_words(draft: Draft) -> bool:
    """Not quoted rhetoric, not a background year changed, not a chronology broken."""
    for quoted in _QUOTE.findall(draft.stem):
        if len(quoted.split()) >= 4 and _FIRST_PERSON.search(quoted):
            return False
    if not draft.key.startswith("false:"):
        return True
    if _chronology_broken(draft):
        return False
    original = draft.key.removeprefix("false:").partition("->")[0]
    if not re.fullmatch(r"(?:1[5-9]|20)\d\d", original):
        return True
    at = draft.sentence.text.find(original)
    return at < 0 or not _BACKGROUND_YEAR.search(draft.sentence.text[:at])
