"""Markdown → sanitised HTML for explainer sections and teacher-written text.

Paragraph ids come from the source (`{: #id }`, attr_list) so questions can link to them; a
paragraph without one gets `p-N` by position. The HTML is cleaned by nh3 after rendering, so
teacher Markdown cannot inject scripts, event handlers or `javascript:` links.
"""

import re
from dataclasses import dataclass
from html import unescape as html_unescape

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
# "Text … {: #id }" at the end of a paragraph or list-item line: attr_list wants it on a line
# of its own, indented like the block's content.
_TRAILING_ATTRS = re.compile(
    r"^(?P<quote>(?:>\s?)*)(?P<marker>[ \t]*(?:[-*+]|\d+\.)[ \t]+)?(?P<text>[^#\n].*?\S)"
    r"[ \t]+(?P<attrs>\{:[^}\n]*\})[ \t]*$",
    re.MULTILINE,
)
WORDS_PER_MINUTE = 200


@dataclass(frozen=True)
class Rendered:
    html: str
    anchors: tuple[str, ...]
    minutes: int


def _number_blocks(html: str) -> str:
    counter = iter(range(1, 10_000))
    return _BLOCK_WITHOUT_ID.sub(lambda m: f'<{m.group(1)} id="p-{next(counter)}">', html)


def _attrs_on_own_line(text: str) -> str:
    def move(match: re.Match) -> str:
        quote, marker = match["quote"], match["marker"] or ""
        indent = " " * 4 if marker else ""
        return f"{quote}{marker}{match['text']}\n{quote}{indent}{match['attrs']}"

    return _TRAILING_ATTRS.sub(move, text)


def unix_newlines(text: str) -> str:
    """Browsers send a textarea's lines ending in CRLF; a paragraph id `{: #id }` followed by
    a carriage return is not read as an id, so every anchor of a section edited in a browser
    would be lost."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def render(text: str) -> Rendered:
    """Render Markdown to safe HTML; report the ids it carries and a reading time."""
    import markdown as md  # here, not at the top: start-up (`flask --help`) does without it

    raw = md.markdown(
        _attrs_on_own_line(unix_newlines(text)),
        extensions=["attr_list", "tables", "sane_lists"],
        output_format="html",
    )
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


_BLOCK_WITH_ID = re.compile(r'<(p|li|blockquote|h2|h3|h4) id="([^"]+)">(.*?)</\1>', re.DOTALL)
_TAG = re.compile(r"<[^>]+>")


def paragraphs(html: str, width: int = 90) -> tuple[tuple[str, str], ...]:
    """(id, the start of its text) for each block of rendered `html` that carries an id."""
    found = []
    for _tag, anchor, inner in _BLOCK_WITH_ID.findall(html):
        text = " ".join(html_unescape(_TAG.sub("", inner)).split())
        found.append((anchor, text if len(text) <= width else text[: width - 1].rstrip() + "…"))
    return tuple(found)
