"""Whether a draft asks a story fact in words a student can follow alone (the last gate).

- the sentence is the story, not its frame: no reporter's byline ("As X reports from Y"), no
  analyst's, professor's or expert's opinion, no one-off resident or witness whose words
  are the whole fact (`framed`, checked once per sentence before the costlier filters);
- a true/false statement is not quoted rhetoric ("I want to thank…", "Those are going to
  be…"), does not end on an unnamed speaker (", it added"), and a false one changes a fact
  of the story, not a background year ("since its independence in 1948");
- the prompt names what it is about: no opening pronoun, no epithet for a country or body
  ("the island nation", "the South Asian nation", "the group") and no bare event noun ("the
  capsule", "the landing", "touchdown", "the news") unless a name follows it (`unresolved`);
- an agency credit at the end (", the Associated Press reported, citing DW", ", according
  to sources cited by …") is cut off, or the draft dropped when it asks about the credit;
- a sentence cut after a quotation ("X announced, immediately repeating…") is no draft.

Every other check is a precompiled pattern run only on drafts that passed every earlier one.
"""

import re
from dataclasses import replace

from . import statement_fair
from .entities import Analysis
from .model import Draft, Sentence

BLANK = "_____"
_BYLINE = re.compile(
    r"\b(?i:reports?|reporting|writes|writing)\s+from\b|\b(?:correspondent|reporter)\b"
    r"|^As\s+[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2}\s+(?:reports|writes|notes)\b",
)
_BYLINE_WORDS = ("report", "Report", "writ", "Writ", "correspondent", "notes")
_COMMENTATOR = re.compile(
    r"\b(?:professor|analysts?|experts?|commentators?|researchers?|observers?|scholars?"
    r"|economists?|lecturers?|think[- ]tank|columnist)\b",
    re.IGNORECASE,
)
_SAYS = re.compile(
    r"\b(?:says|said|told|added|adds|believes|thinks|argues|argued|warned|warns|noted|notes"
    r"|predicts|predicted|expects|expected|explained|explains|complained)\b"
)
# A speaker with one of these is acting for the story; one without it is a passer-by.
_OFFICE = re.compile(
    r"\b(?:minister|president|premier|prime|spokes(?:wo)?man|spokesperson|official|officials"
    r"|chief|director|governor|secretary|ambassador|general|commander|leader|chair(?:man|woman)?"
    r"|head|mayor|police|captain|coach|envoy|king|queen|agency|ministry|government|army"
    r"|military|council|commission|board|fund|bank|party|administrator|manager|president-elect"
    r"|candidate|founder|ceo)\b",
    re.IGNORECASE,
)
_PASSER_BY = re.compile(
    r"\b(?:residents?|villagers?|witness(?:es)?|survivors?|shopkeepers?|farmers?|neighbou?rs?"
    r"|passers?-by|onlookers?|bystanders?|\d+-year-old)\b",
    re.IGNORECASE,
)
# A speaker named more often than this is an actor of the story, not a passer-by.
ONE_OFF = 3
# How far from a speaker's name the words saying who they are may stand.
WINDOW = 45
_SPEAKER = re.compile(
    r"\b(?P<a>[A-Z][\w'’-]+)\s+(?:said|says|told|added|complained)\b"
    r"|\b(?:said|says|added)\s+(?P<b>[A-Z][\w'’-]+)\b"
)
_PRONOUN_TAIL = re.compile(
    r",\s+(?:it|they|he|she)\s+(?:added|said|says|stated|noted|reported)\s*[.!]?$", re.I
)
# "… Afghans were affected." ends on a passive whose cause the sentence before gave.
_NO_CAUSE = re.compile(
    r"\b(?:were|was|been|are|is)\s+(?:\w+ly\s+)?(?:affected|impacted|involved|hit|targeted"
    r"|displaced)\s*[.!]?$"
    r"|\b(?:minutes|hours|days|weeks|months|years)\s+(?:later|earlier|afterwards)\b"
)
# "The Himalayan region, which…": an area named only by what it is, as the subject.
_AREA_SUBJECT = re.compile(
    r"^The\s+(?:[\w-]+\s+){0,2}(?:region|area|territory|valley|zone)\b"
    r"(?!\s+(?:of|in|around|near)\s+(?:the\s+)?[A-Z])"
    r"|\b[Tt]he\s+(?:South|North|East|West|Central|Himalayan|Asian|Arab|Gulf|Balkan|Alpine"
    r"|Andean|Sahel|Caucasus|disputed|mountainous|border|tribal)\s+(?:region|area|territory)\b"
    r"(?!\s+(?:of|in|around|near)\s+(?:the\s+)?[A-Z])"
)
_PRONOUN_OPEN = re.compile(r"^(?:It|He|She|They|Those|These|This|That|Its|Their|His|Her)\b")
_REGION = (
    r"(?:South|North|East|West|Southeast|Southern|Northern|Eastern|Western|Central|Asian"
    r"|European|African|American|Himalayan|Gulf|Arab|Caribbean|Pacific|Atlantic|Indian Ocean"
    r"|Ocean|Balkan|Nordic|Middle|island|crisis-hit|cash-strapped|war-torn|impoverished"
    r"|landlocked|neighbouring|neighboring|tiny|small|poor|troubled|debt-ridden|[a-z-]+)"
)
_EPITHET = re.compile(
    rf"\b[Tt]he\s+(?:{_REGION}\s+){{0,3}}(?:nation|country|island|kingdom|republic|group"
    r"|outfit|organi[sz]ation|movement|militants|company|firm|body|capsule|spacecraft|probe"
    r"|base|camp|facility|plant|wave|flare-up|escalation|standoff|landing|touchdown|launch|news|turmoil|move|accusation"
    r"|figures|incident|blast|raid|announcement|decision|deal|plan|proposal)\b"
    r"(?!\s+(?:of|in|for|at|between|on)\s+(?:the\s+)?[A-Z\d])"
    r"|\b(?:of|after|before|since|until|at)\s+(?:touchdown|landing|liftoff|launch|impact)\b"
)
# ", the Associated Press reported, citing DW." / ", according to sources cited by …".
_CREDIT_TAIL = re.compile(
    r",\s+(?:(?:the\s+)?(?:[A-Z][\w.&'’-]*\s+){1,5}(?:reported|reports|said|says)"
    r"(?:,\s+citing\s+[^,.]+)?|citing\s+[^,.]+|according\s+to\s+(?:[\w'’-]+\s+){0,4}"
    r"(?:sources?|reports?|media|television|TV|agency|agencies|news|newspapers?|outlets?"
    r"|officials)\b[^,.]*)\s*(?P<end>[.!]?)$"
)
# "X announced, immediately repeating…": what is left once a quotation was cut off.
_CUT_QUOTE = re.compile(
    r"^(?:[A-Z][\w'’-]*\s+){1,5}(?:said|says|announced|added|stated|wrote|tweeted),\s+[a-z]"
)
_NAME = re.compile(r"[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)*")
_INCLUDING = re.compile(r"\b(?:including|such as|among them)\b[^;.]*$", re.IGNORECASE)
_LIST_COUNT = re.compile(r"^How many (?:places|points|spots|locations|sites|areas)\?")


def gate(draft: Draft, analysis: Analysis) -> Draft | None:
    """The draft, its agency credit cut off, or None when it fails a check above."""
    if draft.family in ("ordering",):
        return draft
    if _side_detail(draft):
        return None
    if draft.key_kind == "person":
        draft = _alike_names(draft)
        if draft is None:
            return None
    if draft.family == "who_said":
        return draft
    draft = _uncredited(draft)
    if draft is not None:
        draft = _named_country(draft, analysis)
    if draft is None or unresolved(draft.stem, analysis) or _broken_quote(draft.stem):
        return None
    if draft.family == "true_false" and not statement_fair.fair(draft, analysis):
        return None
    return draft


class Frames:
    """`framed` for each sentence of one analysis, worked out once per sentence."""

    def __init__(self, analysis: Analysis) -> None:
        self.analysis = analysis
        self.seen: dict[int, bool] = {}

    def __call__(self, sentence: Sentence) -> bool:
        found = self.seen.get(sentence.index)
        if found is None:
            found = self.seen[sentence.index] = framed(sentence.text, self.analysis)
        return found


def framed(text: str, analysis: Analysis) -> bool:
    """A byline, a commentator's opinion or a passer-by's words: the frame, not the story."""
    if any(word in text for word in _BYLINE_WORDS) and _BYLINE.search(text):
        return True
    if not _SAYS.search(text):
        return False
    if _COMMENTATOR.search(text):
        return True
    found = _SPEAKER.search(text)
    if not found:
        return False
    name = found.group("a") or found.group("b")
    if name.lower() in analysis.lead_words or name in ("It", "He", "She", "They", "The"):
        return False
    if analysis.text.count(name) > ONE_OFF:
        return False  # named again and again: one of the story's actors
    text, around, at = analysis.text, [], analysis.text.find(name)
    while at >= 0:
        around.append(text[max(0, at - WINDOW) : at + len(name) + WINDOW])
        at = text.find(name, at + len(name))
    if any(_PASSER_BY.search(t) for t in around):
        return True
    return not any(_OFFICE.search(t) for t in around)


def unresolved(stem: str, analysis: Analysis) -> bool:
    """The prompt leans on an earlier sentence: an opening pronoun, or an epithet or a bare
    event noun that neither a name after it nor a name earlier in the prompt resolves."""
    text = stem.replace(BLANK, "X")
    if (
        _PRONOUN_OPEN.match(text)
        or _PRONOUN_TAIL.search(text)
        or _NO_CAUSE.search(text)
        or _AREA_SUBJECT.search(text)
    ):
        return True
    if not _EPITHET_HEAD.search(text):
        return False
    return any(
        not any(analysis.named(w) for w in _NAME.findall(text, 0, found.start()))
        for found in _EPITHET.finditer(text)
    )


# Cheap first looks: the costlier patterns run only where one of these words occurs.
_EPITHET_HEAD = re.compile(
    r"\b(?:nation|country|island|kingdom|republic|group|outfit|organi[sz]ation|movement"
    r"|militants|company|firm|body|capsule|spacecraft|probe|landing|touchdown|launch|news"
    r"|base|camp|facility|plant|wave|flare-up|escalation|standoff|turmoil|move|accusation|figures|incident|blast|raid"
    r"|announcement|decision|deal|plan|proposal|liftoff|impact)\b"
)
_COUNTRY_HEAD = re.compile(r"\b(?:nation|country|kingdom|republic)\b")
_CREDIT_WORDS = ("reported", "reports", " said", " says", "citing", "according to")
_COUNTRY_EPITHET = re.compile(
    rf"\b[Tt]he\s+(?:{_REGION}\s+){{0,3}}(?:nation|country|kingdom|republic)\b"
    r"(?!\s+(?:of|in|for|at|between|on)\s+(?:the\s+)?[A-Z\d])"
)


def headline_country(analysis: Analysis) -> str:
    """The one country both the headline and the lead name, or ""."""
    heads = [s.text for s in analysis.sentences[:3] if s.is_heading]
    lead = next((s for s in analysis.sentences[:4] if not s.is_heading), None)
    if not heads or lead is None:
        return ""
    found = {
        m.canonical
        for m in analysis.mentions[lead.index]
        if m.kind == "place" and m.subtype == "country" and m.text in heads[0]
    }
    return found.pop() if len(found) == 1 else ""


def _named_country(draft: Draft, analysis: Analysis) -> Draft | None:
    """ "The island nation" read as the country the headline and the lead name; the draft
    is dropped when that country is what it asks (the name would give it away)."""
    if not _COUNTRY_HEAD.search(draft.stem) or not _COUNTRY_EPITHET.search(draft.stem):
        return draft
    country = headline_country(analysis)
    if not country or country in draft.stem:
        return draft  # left for `unresolved`, which a name before the epithet satisfies
    if country in draft.key or any(country in c.text for c in draft.choices):
        return None
    stem = _COUNTRY_EPITHET.sub(country, draft.stem)
    return replace(draft, stem=stem, prompt=draft.prompt.replace(draft.stem, stem))


def _broken_quote(stem: str) -> bool:
    """A quotation cut open ("For me, the real science is…," said…) or cut off before
    ("X announced, immediately repeating…")."""
    return bool(stem.count('"') % 2 or stem.count("“") != stem.count("”") or _CUT_QUOTE.match(stem))


def _alike_names(draft: Draft) -> Draft | None:
    """A full name's wrong options are full names too: a bare surname among them ("Rashid"
    beside "Joe Biden") is taken out, and the draft dropped below two wrong options."""
    full = len(draft.key.split()) >= 2
    kept = tuple(c for c in draft.choices if c.is_correct or (len(c.text.split()) >= 2) == full)
    if len(kept) == len(draft.choices):
        return draft
    return replace(draft, choices=kept) if len(kept) >= 3 else None


def _side_detail(draft: Draft) -> bool:
    """One of several listed examples ("including … Afghanistan's _____ province"), or a
    count of places or points."""
    if draft.family == "numeric":
        return bool(_LIST_COUNT.match(draft.prompt))
    return draft.family == "cloze" and bool(_INCLUDING.search(draft.stem.partition(BLANK)[0]))


def _uncredited(draft: Draft) -> Draft | None:
    """The draft without an agency credit at its end; None when the blank or a false
    statement's change sits in the credit."""
    if not any(word in draft.stem for word in _CREDIT_WORDS):
        return draft
    found = _CREDIT_TAIL.search(draft.stem)
    if not found:
        return draft
    tail = found.group(0)
    changed = draft.key.partition("->")[2] if draft.key.startswith("false:") else ""
    if BLANK in tail or (changed and changed in tail):
        return None
    stem = draft.stem[: found.start()] + (found.group("end") or ".")
    if len(stem.split()) < 6:
        return None
    return replace(draft, stem=stem, prompt=draft.prompt.replace(draft.stem, stem))
