"""A prompt names its subject and tests the story, not its sources or its backdrop.

    subject.named(draft, analysis) → the draft (a bare month given the dateline's year),
                                     or None when it should not be asked

Each check is a cheap look at the draft's own text:

- a generic definite subject ("the city", "the ferry", "the company") not followed by its
  name ("the city of Quito") is unnamed: the student cannot tell what it is;
- an economic figure (a trade deficit, exports, a shortfall) with no place named in the
  prompt belongs to no one;
- a month with no year ("In March, …") takes the dateline's year, or the text's only year;
  it is dropped when the text names several years and has no dateline;
- a blank that owns an outlet ("_____'s private television station said") asks where a
  source is based;
- a country's population ("the country of _____ Muslims"), a revision of an earlier
  figure ("was revised to … from …") and a crowd "watched by" police are background.
"""

import re
from dataclasses import replace

from .entities import Analysis
from .model import Draft

BLANK = "_____"
_PLACES = "city|town|village|capital|country|nation"
_CRAFT = "ferry|vessel|ship|boat|company|firm"
# "the ferry" with no name after it ("the ferry MV Nasrin", "the city of Quito" name it).
_AFTER = r"\b(?!(?: of)? [A-Z0-9])"
_UNNAMED_PLACE = re.compile(rf"\b(?:[Tt]he|[Tt]his|[Tt]hat) (?:{_PLACES}){_AFTER}")
_UNNAMED_CRAFT = re.compile(rf"\b(?:[Tt]he|[Tt]his|[Tt]hat) (?:{_CRAFT}){_AFTER}")
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_ECONOMIC = re.compile(
    r"\b(?:trade (?:deficit|gap|surplus|balance)|shortfall|exports|imports|GDP|"
    r"gross domestic product|inflation|jobless rate|unemployment rate)\b",
    re.IGNORECASE,
)
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
# A month not followed by a day or a year ("In March, …", "in February.").
_BARE_MONTH = re.compile(rf"\b(?:[Ii]n|[Ff]or|[Ss]ince) ({_MONTHS})\b(?! \d)(?!,? \d{{4}})")
_OUTLET = re.compile(
    re.escape(BLANK) + r"(?:’s|'s) (?:[\w-]+ ){0,3}"
    r"(?:television|TV|radio|station|newspaper|daily|channel|broadcaster|agency|website)\b",
    re.IGNORECASE,
)
_BACKDROP = re.compile(
    r"\b(?:country|nation|population) of (?:about |some |around |nearly )?"
    + re.escape(BLANK)
    + r"|\bwas revised (?:up |down |upward |downward )?(?:to|from)\b|\bwatched by\b",
    re.IGNORECASE,
)


def named(draft: Draft, analysis: Analysis) -> Draft | None:
    """The draft with a bare month dated, or None when its subject or fact is not the story."""
    if draft.family == "ordering" or draft.prompt.startswith("Who said"):
        return draft
    text = draft.stem or draft.prompt
    if _UNNAMED_CRAFT.search(text) or _OUTLET.search(text) or _BACKDROP.search(text):
        return None
    if (_ECONOMIC.search(text) or _UNNAMED_PLACE.search(text)) and not _places_named(
        draft, analysis, text
    ):
        return None
    if _BARE_MONTH.search(text) and not _YEAR.search(text):
        return _with_year(draft, analysis)
    return draft


def _places_named(draft: Draft, analysis: Analysis, text: str) -> bool:
    """Whether the prompt names a place of its sentence (or any place the text knows)."""
    mentions = analysis.mentions[draft.sentence.index] if analysis.mentions else ()
    return any(m.kind == "place" and m.text in text for m in mentions)


def _with_year(draft: Draft, analysis: Analysis) -> Draft | None:
    """Every bare month of the draft followed by the dateline's year (or the text's only
    year), or None without one."""
    if analysis.dateline:
        year, month = analysis.dateline[0], analysis.dateline[1]
    else:
        years = set(_YEAR.findall(analysis.text))
        if not years:
            return draft  # a text that names no year dates its months no further
        if len(years) > 1:
            return None
        year, month = int(years.pop()), 12
    order = _MONTHS.split("|")

    def _year(name: str) -> int:
        # A month after the dateline's month is last year's ("in December" in a January story).
        return year - 1 if order.index(name) + 1 > month else year

    def dated(s: str) -> str:
        return _BARE_MONTH.sub(lambda m: f"{m.group(0)} {_year(m.group(1))}", s)

    return replace(draft, prompt=dated(draft.prompt), stem=dated(draft.stem))
