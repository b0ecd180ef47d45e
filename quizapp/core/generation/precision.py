"""The precision-first gate for news-length texts.

Judged drafts from five held-out rounds (bench/verdict_evidence.py) show what holds on news a
generator has never seen: numeric drafts and true/false statements from the opening paragraphs
pass far more often than fill-in-the-blank or who-said drafts, and than anything taken from
the later paragraphs, where background, side incidents and commentators' words gather.
For a text of news length the gate keeps only those; a longer text (a feature or an
explainer) keeps every kind so that its quiz can mix them.
"""

import re

from .model import Draft

# Texts up to this many words are read as news: the gate applies.
NEWS_WORDS = 1000
# Kinds whose held-out drafts passed well enough to reach a news quiz.
RELIABLE_FAMILIES = frozenset({"numeric", "true_false"})
# A question on the order of dated events spans the story, not one paragraph: it is kept.
WHOLE_STORY_FAMILIES = frozenset({"ordering"})
# Drafts come from the first this-many paragraphs (split by blank lines, else by line breaks)...
OPENING_PARAGRAPHS = 5
# ...or, in a text of one block, from its first this-many sentences (news paragraphs run to
# one or two sentences).
OPENING_SENTENCES = 8

# A stem opening with a pronoun or with "the" and a common noun ("The bomber", "The island
# nation") leans on an earlier sentence for its subject: held-out drafts so opened passed far
# less often than those opening with a name.
_UNNAMED_OPENING = re.compile(
    r"(?:(?:The|This|These|Those|That|Its|Their|His|Her)\s+(?:[a-z][\w-]*\s+){0,2}[a-z]"
    r"|(?:He|She|It|They|We)\b)"
)
_LEAD_IN = re.compile(r"^(?:Fill in the blank: |True or false\? |[^?]*\? Fill in the number: )")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_LINE = re.compile(r"\n")


def is_news(text: str) -> bool:
    """Whether `text` is short enough to be read as a news story."""
    return len(text.split()) <= NEWS_WORDS


def paragraph_index(text: str, offset: int) -> int:
    """The index of the paragraph holding `offset`: paragraphs are split by blank lines, or
    by line breaks in a text with no blank line."""
    breaks = _BLANK_LINE if _BLANK_LINE.search(text) else _LINE
    return len(breaks.findall(text, 0, offset))


def in_opening(draft: Draft, text: str) -> bool:
    """Whether the draft's sentence lies in the story's opening paragraphs."""
    body = text.strip()
    if "\n" in body:
        return paragraph_index(body, _stripped_offset(text, draft)) < OPENING_PARAGRAPHS
    return draft.sentence.index < OPENING_SENTENCES


def reliable(draft: Draft, text: str, news: bool | None = None) -> bool:
    """Whether the draft may reach the quiz: any draft of a long text; for news, only the
    reliable kinds from the opening paragraphs whose subject is named. `news` saves
    counting the words again."""
    if not (is_news(text) if news is None else news):
        return True
    if draft.family in WHOLE_STORY_FAMILIES:
        return True
    return (
        draft.family in RELIABLE_FAMILIES
        and in_opening(draft, text)
        and not opens_unnamed(draft.prompt)
    )


def opens_unnamed(prompt: str) -> bool:
    """Whether the stem's subject is a pronoun or an unnamed "the …" (see _UNNAMED_OPENING)."""
    return _UNNAMED_OPENING.match(_LEAD_IN.sub("", prompt)) is not None


def _stripped_offset(text: str, draft: Draft) -> int:
    return max(0, draft.sentence.start - (len(text) - len(text.lstrip())))
