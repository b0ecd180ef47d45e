"""Drafts a student could answer without the article, or that do not test a fact of it.

    knowledge.doubtful(draft, analysis) → True when the draft should not be asked

Each check is a cheap look at the draft's own text (no second pass over the article):

- a foreign head of state or government offered among famous peers from the general list
  (a student picks by era), or a head named by a bare title next to the blank;
- a present-tense claim with no time ("so far", "currently", "is facing") and a record
  measured against history ("the worst … since …");
- a response with no cause in the sentence ("returned fire", "in response");
- a pledge ("assured … he would"), an evaluative frame ("For Murray, …") and a statement
  that is a date and little else ("On 26 July 1945, a council met.");
- a trailing participle whose subject the sentence never names (", marking a historic …");
- a titled blank ("Chief Justice _____") offered with people of the text who never bear
  that title;
- a round, hedged number of years ("almost _____ years") and a recurring background figure
  ("an annual income of $_____ billion") outside the lead.
"""

import re

from . import gazetteer, lexicon
from .entities import Analysis
from .model import Draft

BLANK = "_____"
_HEADS = {lexicon.fold(name): country for name, country, role in gazetteer.PEOPLE if role == "head"}
_UNTIMED = re.compile(
    r"\b(?:so far|currently|to date|at present|(?:is|are) (?:now )?(?:facing|grappling))\b"
    r"|\b(?:stands|stand) at\b|^Since\b[^,]*, [^.;]*\b(?:has|have) been\b",
    re.IGNORECASE,
)
_RECORD = re.compile(
    r"\b(?:worst|biggest|largest|deadliest|highest|lowest|strongest|first)\b[^.;]*\bsince\b",
    re.IGNORECASE,
)
_RESPONSE = re.compile(r"\b(?:returned fire|retaliated|in response|responded)\b", re.IGNORECASE)
_CAUSE = re.compile(r"\b(?:after|when|following|because|to|for)\b", re.IGNORECASE)
_PLEDGE = re.compile(
    r"\b(?:assured|promised|pledged|vowed)\b[^.;]*\b(?:would|will)\b"
    r"|\b(?:I|we) (?:promise|pledge|vow)\b",
    re.IGNORECASE,
)
_FRAME = re.compile(r"^For [A-Z][\w’'-]*(?: [A-Z][\w’'-]*)*, ")
_DATE_LEAD = re.compile(r"^On [^,]{3,30}\d{4}, ")
_TAIL = re.compile(r", (?:marking|making|becoming|signalling|signaling|heralding) ")
_TITLE = re.compile(r"((?:[A-Z][a-z]+ ){1,3})" + re.escape(BLANK))
_HEDGE = re.compile(r"\b(?:almost|nearly|about|around|some|more than|over) " + re.escape(BLANK))
_RECURRING = re.compile(r"\b(?:annual|annually|a year|per year|each year|every year)\b")
_UNTIMED_WORDS = (
    *("so far", "currently", "to date", "at present", "facing", "grappling", "stand", "since"),
)
_PLEDGE_WORDS = ("assured", "promise", "pledge", "vow")
_OPENING_QUOTES = "\"“‘'"
_CLOSING_QUOTES = '"”’'
# A statement shorter than this, once its opening date is gone, tests the date alone.
MIN_STATEMENT_WORDS = 7
LEAD_SENTENCES = 3


def doubtful(draft: Draft, analysis: Analysis) -> bool:
    """Whether the draft is answerable without the article or does not test its facts."""
    if draft.family == "ordering":
        return False
    text = draft.stem or draft.prompt
    return (
        _famous_head(draft, analysis)
        or _untimed_or_pledge(text)
        or _uncaused(text)
        or (draft.family == "true_false" and _thin_statement(text))
        or (draft.family != "who_said" and _release(draft, analysis))
        or bool(_TAIL.search(text))
        or _retitled(draft, analysis)
        or _guessable_figure(draft)
        or _background(draft, text)
    )


def _famous_head(draft: Draft, analysis: Analysis) -> bool:
    """A head of state or government among peers only the general list supplies: a foreign
    one (not of the text's two main countries), or one a bare title beside the blank names."""
    country = _HEADS.get(lexicon.fold(draft.key))
    if draft.key_kind != "person" or country is None:
        return False
    if any(c.text in analysis.text for c in draft.choices if not c.is_correct):
        return False
    titled = bool(_TITLE.search(draft.stem or draft.prompt))
    return titled or not analysis.is_protagonist(country)


def _untimed_or_pledge(text: str) -> bool:
    """Cheap word tests first: the patterns run only on text holding one of their words."""
    lower = text.lower()
    return bool(
        (any(w in lower for w in _UNTIMED_WORDS) and _UNTIMED.search(text))
        or ("since" in lower and _RECORD.search(text))
        or (any(w in lower for w in _PLEDGE_WORDS) and _PLEDGE.search(text))
    )


def _uncaused(text: str) -> bool:
    if "fire" not in text and "respon" not in text and "retaliat" not in text:
        return False
    match = _RESPONSE.search(text)
    return bool(match and not _CAUSE.search(text, match.end()))


def _thin_statement(text: str) -> bool:
    if _FRAME.match(text):
        return True
    rest = _DATE_LEAD.sub("", text, count=1)
    return rest != text and len(rest.split()) < MIN_STATEMENT_WORDS


def _release(draft: Draft, analysis: Analysis) -> bool:
    """A statement that is an organisation's quoted press release: its wording, not a fact
    the article states ("“On 19 November, Khawarij attempted …,” the ISPR said")."""
    text = draft.sentence.text
    if text[:1] not in _OPENING_QUOTES:
        return False
    close = max(text.rfind(q) for q in _CLOSING_QUOTES)
    if close <= 0:
        return False
    after = draft.sentence.start + close
    return not any(
        m.kind == "person" and m.start > after for m in analysis.mentions[draft.sentence.index]
    )


def _retitled(draft: Draft, analysis: Analysis) -> bool:
    """A titled blank whose wrong options from the text never bear the title there."""
    if draft.key_kind != "person":
        return False
    match = _TITLE.search(draft.stem or draft.prompt)
    if not match:
        return False
    title = match.group(1)
    return any(
        c.text in analysis.text and not _bears(title, c.text, analysis.text)
        for c in draft.choices
        if not c.is_correct
    )


def _bears(title: str, name: str, text: str) -> bool:
    return title + name in text or title + name.split()[-1] in text


def _guessable_figure(draft: Draft) -> bool:
    if draft.family != "numeric" or draft.answer is None:
        return False
    stem = draft.stem or draft.prompt
    return (
        draft.prompt.startswith("How many years?")
        and draft.answer % 5 == 0
        and bool(_HEDGE.search(stem))
    )


def _background(draft: Draft, text: str) -> bool:
    """A recurring figure ("an annual income of $5 billion") after the lead: background."""
    return (
        draft.sentence.index >= LEAD_SENTENCES
        and ("annual" in text or "year" in text)
        and bool(_RECURRING.search(text))
        and any(ch.isdigit() for ch in draft.sentence.text)
    )
