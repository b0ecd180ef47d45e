"""Escapes, text-format prefixes and names: the text-level rules of GIFT shared by both ways."""

import re

from .model import TEXT_FORMATS

# Escaped special characters become private-use placeholders while a question is taken apart,
# so that only unescaped characters act as syntax (Moodle does the same with "&&058;" etc.).
_ESCAPABLE = ":#={}~n"
_PLACEHOLDER = {ch: chr(0xE000 + i) for i, ch in enumerate(_ESCAPABLE)}
_RESTORE = str.maketrans({p: ("\n" if ch == "n" else ch) for ch, p in _PLACEHOLDER.items()})
_ESCAPE = re.compile(r"\\([\\:#={}~n])")
_SPECIAL = str.maketrans(
    {
        "\\": "\\\\",
        "#": "\\#",
        "=": "\\=",
        "~": "\\~",
        "{": "\\{",
        "}": "\\}",
        ":": "\\:",
        "\n": "\\n",
        "\r": "",
    }
)
_FORMAT_PREFIX = re.compile(r"\[([a-z]+)\]")
_TAG = re.compile(r"<[^>]*>")
_SPACES = re.compile(r"\s+")
PHP_SPACE = " \t\n\r\0\x0b"
NAME_LENGTH = 80


def protect(text: str) -> str:
    """Replace escapes with placeholders; an escaped backslash becomes a plain backslash."""
    return _ESCAPE.sub(lambda m: "\\" if m[1] == "\\" else _PLACEHOLDER[m[1]], text)


def restore(text: str) -> str:
    """Turn placeholders back into the characters they stand for, then trim."""
    return text.translate(_RESTORE).strip(PHP_SPACE)


def escape(text: str) -> str:
    """Text as GIFT writes it: special characters escaped, newlines as \\n."""
    return text.translate(_SPECIAL)


def split_format(text: str, default: str) -> tuple[str, str]:
    """(format, text) of a protected piece of text that may start with "[html]" and the like."""
    text = text.strip(PHP_SPACE)
    match = _FORMAT_PREFIX.match(text)
    if match and match[1] in TEXT_FORMATS:
        return match[1], restore(text[match.end() :])
    return default, restore(text)


def unknown_format(text: str) -> str:
    """The name in a leading "[name]" that looks like a text format but is not one, else ""."""
    match = _FORMAT_PREFIX.match(text.strip(PHP_SPACE))
    return match[1] if match and match[1] not in TEXT_FORMATS else ""


def clean_name(name: str) -> str:
    """A name without HTML tags or runs of white space."""
    return _SPACES.sub(" ", _TAG.sub("", name)).strip()


def default_name(text: str) -> str:
    """Moodle's name for an unnamed question: the start of its text, cut at a word."""
    name = clean_name(text)
    if len(name) <= NAME_LENGTH:
        return name or "Question"
    cut = name[: NAME_LENGTH - 3]
    if " " in cut:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip() + "..."
