"""Markdown → sanitised HTML for explainer sections and teacher-written text.

Paragraph ids come from the source (`{: #id }`, attr_list) so questions can link to them; a
paragraph without one gets `p-N` by position. The HTML is cleaned by nh3 after rendering, so
teacher Markdown cannot inject scripts, event handlers or `javascript:` links.
"""

import re
from dataclasses import dataclass

import markdown as md
import nh3

_TAGS = {
    "a",
    "abbr",
    "blockquote",
    "br",
    "code",
    "em",
    "figcaption",
    "figure",
    "h2",
    "h3",
    "h4",
    "hr",
    "li",
    "ol",
    "p",
    "pre",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
}
_ATTRIBUTES = {"*": {"id"}, "a": {"href", "title"}, "abbr": {"title"}, "th": {"scope"}}
_BLOCK_WITHOUT_ID = re.compile(r"<(p|li|blockquote)>")
_ID = re.compile(r'\sid="([^"]+)"')
_WORD = re.compile(r"\w+")
WORDS_PER_MINUTE = 200


@dataclass(frozen=True)
class Rendered:
    html: str
    anchors: tuple[str, ...]
    minutes: int


def _number_blocks(html: str) -> str:
    counter = iter(range(1, 10_000))
    return _BLOCK_WITHOUT_ID.sub(lambda m: f'<{m.group(1)} id="p-{next(counter)}">', html)


def render(text: str) -> Rendered:
    """Render Markdown to safe HTML; report the ids it carries and a reading time."""
    raw = md.markdown(text, extensions=["attr_list", "tables", "sane_lists"], output_format="html")
    clean = nh3.clean(
        _number_blocks(raw),
        tags=_TAGS,
        attributes=_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )
    return Rendered(clean, tuple(_ID.findall(clean)), reading_minutes(text))


def reading_minutes(text: str) -> int:
    """Minutes to read `text` at 200 words a minute, at least one."""
    return max(1, round(len(_WORD.findall(re.sub(r"\{:[^}]*\}", "", text))) / WORDS_PER_MINUTE))


def plain_text(text: str) -> str:
    """The words of a Markdown text without markup (for readability scores and generation)."""
    text = re.sub(r"\{:[^}]*\}", "", text)
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"^#+\s*", "", text, flags=re.MULTILINE)
    return re.sub(r"[*_`>]", "", text).strip()
