"""The explainer as one plain-text article, remembering where each paragraph came from.

`flask seed` runs the question generator over this text; a generated question's source offset
then tells which section and paragraph to link back to.
"""

import re
from bisect import bisect_right
from dataclasses import dataclass

from quizapp.core.markdown import plain_text

_TRAILING_ID = re.compile(r"\{:\s*#([\w-]+)[^}]*\}\s*$")


@dataclass(frozen=True)
class Place:
    """Text from `start` on belongs to section `slug`, paragraph `anchor` ("" for none)."""

    start: int
    slug: str
    anchor: str


@dataclass(frozen=True)
class ArticleText:
    text: str
    places: tuple[Place, ...]


def explainer_text(sections: list[tuple[str, str, str]]) -> ArticleText:
    """One text from (slug, title, Markdown body) sections: each title, then its paragraphs."""
    parts: list[str] = []
    places: list[Place] = []
    offset = 0
    for slug, title, body in sections:
        for anchor, block in [("", title), *_blocks(body)]:
            places.append(Place(offset, slug, anchor))
            parts.append(block)
            offset += len(block) + 2  # the blank line that joins blocks
    return ArticleText("\n\n".join(parts), tuple(places))


def _blocks(body: str) -> list[tuple[str, str]]:
    """(paragraph id or "", plain text) for each non-empty block of a Markdown body."""
    blocks = []
    for raw in re.split(r"\n\s*\n", body):
        match = _TRAILING_ID.search(raw)
        text = plain_text(raw)
        if text:
            blocks.append((match.group(1) if match else "", text))
    return blocks


def place_at(places: tuple[Place, ...], offset: int) -> Place | None:
    """The place whose text contains `offset`, or None before the first one."""
    index = bisect_right([p.start for p in places], offset) - 1
    return places[index] if index >= 0 else None
