"""Plain text for what students read: Markdown emphasis, links and code marks taken out.

Offsets are never computed on the result: the generator blanks and swaps on the original
sentence and only then makes it plain, so spans still point at the pasted text.
"""

import re

_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EMPHASIS = re.compile(
    r"(?<![\w*])\*(?=[^\s*])([^*\n]+?)(?<=[^\s*])\*(?![\w*])"
    r"|(?<![\w_])_(?=[^\s_])([^_\n]+?)(?<=[^\s_])_(?![\w_])"
)
_LINK = re.compile(r"!?\[([^\]\n]*)\]\([^)\s]*\)")
_CODE = re.compile(r"`([^`\n]*)`")
_HEADING = re.compile(r"^#{1,6}\s+")
BLANK = "_____"
_HOLD = "\ue000"  # stands in for the blank, which is not emphasis
_MARKS = re.compile(r"[*_`#]|\]\(")


def plain(text: str) -> str:
    """`text` without Markdown marks: "**Jane** wrote [this](u)" → "Jane wrote this"."""
    text = text.replace(BLANK, _HOLD)
    if not _MARKS.search(text):
        return text.replace(_HOLD, BLANK)
    text = _LINK.sub(r"\1", text)
    text = _CODE.sub(r"\1", text)
    text = _STRONG.sub(r"\2", text)
    text = _EMPHASIS.sub(lambda m: m.group(1) or m.group(2), text)
    return _HEADING.sub("", text).replace(_HOLD, BLANK)


def squash(text: str) -> str:
    """Plain text on one line, runs of spaces made single."""
    return " ".join(plain(" ".join(text.split())).split())
