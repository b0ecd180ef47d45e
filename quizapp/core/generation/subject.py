"""A prompt names its subject and tests the story, not its sources or its backdrop.

    subject.named(draft, analysis) → the draft (its subject resolved from the headline, a
                                     bare month dated), or None when it should not be asked

Each check is a cheap look at the draft's own text:

- a generic definite place ("the city", "the country") not followed by its name ("the city
  of Quito") becomes the one place of that sort the headline names, or the draft is dropped;
- a vessel or company ("the ferry", "the company") with no name after it is unnamed;
- an economic figure (a trade deficit, exports, a shortfall) with no place named in the
  prompt takes the one country the headline names ("the U.S. trade deficit"), or is dropped;
- a month with no year takes the dateline's year; a prompt that opens with one ("In March,
  …", "On Nov. 30, …") is dropped without a dateline (the text's other years may be
  background);
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
_AFTER = r"\b(?!(?: of)? [A-Z0-9])"
_CITY = re.compile(rf"\b([Tt]he) (?:city|capital){_AFTER}")
_COUNTRY = re.compile(rf"\b([Tt]he) (?:country|nation){_AFTER}")
_UNNAMED = re.compile(
    rf"\b(?:[Tt]he|[Tt]his|[Tt]hat) (?:ferry|vessel|ship|boat|company|firm|town|village){_AFTER}"
)
_ECONOMIC = re.compile(
    r"\b(?:[Tt]rade (?:deficit|gap|surplus|balance)|[Ss]hortfall|[Ee]xports|[Ii]mports|GDP|"
    r"[Gg]ross domestic product|[Ii]nflation|[Jj]obless rate|[Uu]nemployment rate)\b"
)
# What stands before the figure's noun: "the " (room for a name) or "the smaller " (none).
_DETERMINER = re.compile(r"(?:^|\s)([Tt]he )([\w-]+ )?$")
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_ABBREVIATED = "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec"
_NO_YEAR = r"(?!,? \d{4})(?!,? (?:19|20)\d\d)"
_BARE_MONTH = re.compile(rf"\b(?:[Ii]n|[Ff]or|[Ss]ince) ({_MONTHS})\b(?! \d){_NO_YEAR}")
_LEAD_MONTH = re.compile(
    rf"^(?:In|On|By|Since|Through|Until) (?:{_MONTHS}|(?:{_ABBREVIATED})\.)(?: \d{{1,2}})?,"
)
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
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


# Words without which a check cannot fire: most drafts pass on substring tests alone.
_CRAFT_WORDS = ("ferry", "vessel", "ship", "boat", "company", "firm", "town", "village")
_BACKDROP_WORDS = ("revised", "watched by", "country of", "nation of", "population of")
_OUTLET_WORDS = (f"{BLANK}’s", f"{BLANK}'s")
_PLACE_WORDS = ("city", "capital", "country", "nation")
_ECONOMIC_WORDS = (
    *("trade", "shortfall", "exports", "imports", "gdp", "domestic product", "inflation"),
    *("jobless", "unemployment"),
)
_MONTH_WORDS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def _any(words: tuple[str, ...], lowered: str) -> bool:
    return any(word in lowered for word in words)


def named(draft: Draft, analysis: Analysis) -> Draft | None:
    """The draft with its subject named and a bare month dated, or None."""
    if draft.family == "ordering" or draft.prompt.startswith("Who said"):
        return draft
    text = draft.stem or draft.prompt
    lowered = text.lower()
    if (_any(_CRAFT_WORDS, lowered) and _UNNAMED.search(text)) or (
        (_any(_OUTLET_WORDS, lowered) and _OUTLET.search(text))
        or (_any(_BACKDROP_WORDS, lowered) and _BACKDROP.search(text))
    ):
        return None
    months = _any(_MONTH_WORDS, lowered)
    if months and _LEAD_MONTH.search(text) and not _YEAR.search(text) and not analysis.dateline:
        return None
    if _any(_PLACE_WORDS, lowered):
        for pattern, subtypes in ((_CITY, ("city", "capital")), (_COUNTRY, ("country",))):
            if pattern.search(text) and not _places_named(draft, analysis, text):
                name = _headline_place(analysis, subtypes)
                if not name:
                    return None
                draft = _rewritten(draft, lambda s, p=pattern, n=name: p.sub(n, s))
                text = draft.stem or draft.prompt
    if (
        _any(_ECONOMIC_WORDS, lowered)
        and _ECONOMIC.search(text)
        and not _places_named(draft, analysis, text)
    ):
        draft = _owned(draft, analysis)
        if draft is None:
            return None
        text = draft.stem or draft.prompt
    if months and analysis.dateline and _BARE_MONTH.search(text) and not _YEAR.search(text):
        draft = _with_year(draft, analysis.dateline)
    return draft


def _rewritten(draft: Draft, change) -> Draft:
    return replace(draft, prompt=change(draft.prompt), stem=change(draft.stem))


def _places_named(draft: Draft, analysis: Analysis, text: str) -> bool:
    """Whether the prompt names a place of its sentence."""
    mentions = analysis.mentions[draft.sentence.index] if analysis.mentions else ()
    return any(m.kind == "place" and m.text in text for m in mentions)


def _headline_place(analysis: Analysis, subtypes: tuple[str, ...]) -> str:
    """The spelling of the one place of these subtypes the headline names, or ""."""
    if not analysis.sentences:
        return ""
    headline = analysis.sentences[0].text
    found = {
        alias
        for e in analysis.entities.values()
        if e.kind == "place" and e.subtype in subtypes
        for alias in e.aliases
        if alias in headline
    }
    return found.pop() if len(found) == 1 else ""


def _owned(draft: Draft, analysis: Analysis) -> Draft | None:
    """The economic figure of the one country the headline names ("the U.S. trade gap")."""
    name = _headline_place(analysis, ("country",))
    if not name:
        return None

    def owned(s: str) -> str:
        found = _ECONOMIC.search(s)
        if not found:
            return s
        start = found.start()
        noun = s[start:] if start else s[0].lower() + s[1:]
        return f"{s[:start]}{name} {noun}"

    text = draft.stem or draft.prompt
    found = _ECONOMIC.search(text)
    before = _DETERMINER.search(text[: found.start()][-40:]) if found else None
    if before and before.group(2):  # "the smaller trade gap": no room for a name
        return None
    return _rewritten(draft, owned)


def _with_year(draft: Draft, dateline: tuple[int, int, int]) -> Draft:
    """Every bare month of the draft followed by the dateline's year (last year's for a
    month after the dateline's: "in December" in a January story)."""
    year, month = dateline[0], dateline[1]
    order = _MONTHS.split("|")

    def dated(s: str) -> str:
        return _BARE_MONTH.sub(
            lambda m: f"{m.group(0)} {year - 1 if order.index(m.group(1)) + 1 > month else year}",
            s,
        )

    return _rewritten(draft, dated)
