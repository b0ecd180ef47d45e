"""Dates and quantities in a sentence: "27 February 2026", "more than one million refugees"."""

import re
from collections.abc import Iterator

from .model import Mention, Sentence
from .words import (
    FUNCTION_WORDS,
    IRREGULAR_PLURALS,
    MONTHS,
    NOT_PLURAL,
    NUMBER_WORDS,
    QUALIFIERS,
    SCALE_WORDS,
    UNITS,
    WEEKDAYS,
)

_MONTH = "(?:" + "|".join(m.capitalize() for m in MONTHS) + ")"
_DATE = re.compile(
    rf"\b(?:(?P<part>early|mid|late)[- ])?"
    rf"(?:(?P<day>\d{{1,2}})(?:[–-]\d{{1,2}}| and \d{{1,2}})? )?(?P<month>{_MONTH})"
    rf"(?: (?P<day2>\d{{1,2}})(?=\W))?(?:,? (?P<year>1[5-9]\d\d|20\d\d))?\b"
    rf"|\b(?P<decade>1[5-9]\d0|20\d0)s\b"
    rf"|(?<![\w,.-])(?P<bare>1[5-9]\d\d|20\d\d)(?![\w,%-]|\.\d)"
    rf"|\b(?P<weekday>{'|'.join(w.capitalize() for w in WEEKDAYS)})\b"
)
_WORD_NUMBER = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
_QUALIFIER = "|".join(sorted(QUALIFIERS, key=len, reverse=True))
_QUANTITY = re.compile(
    rf"(?<![\w.,$-])(?:(?P<qual>{_QUALIFIER}) )?"
    rf"(?P<num>\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?|(?:{_WORD_NUMBER})(?:-(?:{_WORD_NUMBER}))?)"
    rf"(?P<scale> (?:hundred|thousand|million|billion))?(?P<pct>%| per ?cent)?"
    rf"(?![\w,-]|\.\d| (?:to|and|or) \d| ?[–-] ?\d)",
    re.IGNORECASE,
)
# "$6 billion", "US$1.2bn", "Rs10 trillion": the blank takes the figure, the currency and the
# scale stay in the stem ("a $_____ billion loan": "How many billion US dollars?").
_MONEY = re.compile(
    r"(?<![\w.])(?P<cur>US\$|\$|Rs\.? ?|£|€)"
    r"(?P<num>\d{1,3}(?:,\d{3})+(?!\d)|\d+(?:\.\d+)?(?![\d.,]\d))"
    r"(?P<scale> ?(?:million|billion|trillion|bn|tn|m)\b)?"
)
_MONEY_RANGE = re.compile(r"\s*(?:to|and|or|[–-])\s*(?:US)?\$")
_CURRENCIES = {"$": "dollars", "US$": "US dollars", "£": "pounds", "€": "euros"}
_SCALES = {"m": "million", "bn": "billion", "tn": "trillion"}
# "2,640-kilometer (1,640-mile)", "10 kilometers (6 miles)": one figure converted into
# another unit, rounded; neither is a fair figure to ask for exactly.
_CONVERSION_AFTER = re.compile(
    r"(?:[\s-]*[A-Za-z]+)?\s*\(\s*(?:about |some |around )?\d[\d,.]*[\s-]*[A-Za-z]"
)
_CONVERSION_INSIDE = re.compile(r"\d[\d,.]*[\s-]*[A-Za-z][\w-]*\s*\(\s*(?:about |some |around )?$")
# What a bare number at the end of a clause can be the figure of.
_TOTAL_BEFORE = re.compile(
    r"\b(?:death toll|toll|total|tally|turnout|population|figure)\b[^,.;]{0,70}$",
    re.IGNORECASE,
)
_NP_WORD = re.compile(r"\s+([A-Za-z][\w’'-]*)")
# The second figure of a range ("30,000 to 40,000", "between 5 and 7"); "risen to 381" is one.
_RANGE_BEFORE = re.compile(
    r"(?:between|from|(?:\d|%|\b(?:thousand|million|billion|trillion|bn|tn|m|per ?cent))\s*"
    r"(?:to|and|or|[–-])|\d|[–-])\s*\$?$",
    re.IGNORECASE,
)
# A number after these names something ("Phase 2", "Article 370"); it counts nothing.
_LABEL_BEFORE = re.compile(
    r"\b(?:phase|stage|article|section|chapter|part|no\.?|number|page"
    r"|item|step|resolution|paragraph|category|grade|level)\s*$",
    re.IGNORECASE,
)
_MAX_NOUN_WORDS = 4
_STOP = FUNCTION_WORDS | frozenset(
    "were was had have has are is be been would could will back where".split()
)


def dates(sentence: Sentence) -> Iterator[Mention]:
    """Date mentions of the sentence, most specific reading of each span."""
    for match in _DATE.finditer(sentence.text):
        yield _date_mention(sentence, match)


def _date_mention(sentence: Sentence, match: re.Match) -> Mention:
    year = int(match["year"] or match["bare"] or match["decade"] or 0)
    month = MONTHS[match["month"].lower()] if match["month"] else 0
    day = int(match["day"] or match["day2"] or 0)
    if match["weekday"]:
        subtype = "weekday"
    elif match["decade"]:
        subtype = "decade"
    elif not month:
        subtype = "year"
    else:
        subtype = "full" if day and year else "month_year" if year else "month"
    start, end = sentence.start + match.start(), sentence.start + match.end()
    return Mention(
        "date",
        subtype,
        match.group(),
        start,
        end,
        sentence.index,
        match.group(),
        value=float(year) if year else None,
        date=(year, month, day),
    )


def quantities(sentence: Sentence, taken: list[tuple[int, int]]) -> Iterator[Mention]:
    """Numbers with the noun they count, outside the spans in `taken` (dates)."""
    text = sentence.text
    for match in _QUANTITY.finditer(text):
        start, end = sentence.start + match.start("num"), sentence.start + match.end()
        before = text[max(0, match.start() - 12) : match.start()]
        if (
            any(a <= start < b for a, b in taken)
            or _RANGE_BEFORE.search(before)
            or _LABEL_BEFORE.search(before)
            or converted(text, match.start(), match.end())
        ):
            continue
        mention = _quantity(sentence, match, start, end)
        if mention:
            yield mention
    yield from _money(sentence, taken)


def converted(text: str, start: int, end: int) -> bool:
    """Whether the figure at [start, end) is a unit conversion or has one in brackets."""
    return bool(
        _CONVERSION_AFTER.match(text, end)
        or _CONVERSION_INSIDE.search(text[max(0, start - 40) : start])
    )


def _money(sentence: Sentence, taken: list[tuple[int, int]]) -> Iterator[Mention]:
    for match in _MONEY.finditer(sentence.text):
        start, end = sentence.start + match.start("num"), sentence.start + match.end("num")
        currency = match["cur"].strip()
        ranged = _MONEY_RANGE.match(sentence.text, match.end()) or _RANGE_BEFORE.search(
            sentence.text[max(0, match.start() - 12) : match.start()]
        )
        if any(a <= start < b for a, b in taken) or currency.startswith("Rs") or ranged:
            continue  # rupees are written too many ways to ask for; ranges have two answers
        scale = (match["scale"] or "").strip()
        noun = " ".join(w for w in (_SCALES.get(scale, scale), _CURRENCIES[currency]) if w)
        before = sentence.text[max(0, match.start() - 20) : match.start()].lower()
        qualifier = next((q for q in QUALIFIERS if before.rstrip().endswith(q)), "")
        yield Mention(
            "quantity",
            "money",
            match["num"],
            start,
            end,
            sentence.index,
            f"{match.group()}",
            value=parse_number(match["num"]),
            noun=noun,
            qualifier=qualifier,
        )


def _quantity(sentence: Sentence, match: re.Match, start: int, end: int) -> Mention | None:
    value = parse_number(match["num"], match["scale"])
    if _is_year(match) or (value < 3 and not match["num"][0].isdigit()):
        return None
    if match["pct"]:
        noun, subtype = "per cent", "percent"
    else:
        noun = noun_after(sentence.text, match.end())
        subtype = "unit" if noun in UNITS else "count"
    if not noun:
        # "the death toll would surpass 35,000.": a total the words before it name.
        if not _TOTAL_BEFORE.search(sentence.text[max(0, match.start() - 90) : match.start()]):
            return None
        subtype = "total"
    qualifier = (match["qual"] or "").lower()
    return Mention(
        "quantity",
        subtype,
        text_of(match),
        start,
        end,
        sentence.index,
        f"{text_of(match)} {noun}".strip(),
        value=value,
        noun=noun,
        qualifier=qualifier,
    )


def text_of(match: re.Match) -> str:
    return match["num"] + (match["scale"] or "") + (match["pct"] or "")


def _is_year(match: re.Match) -> bool:
    number = match["num"]
    return (
        len(number) == 4
        and number.isdigit()
        and 1500 <= int(number) <= 2100
        and not match["scale"]
        and not match["pct"]
    )


def noun_after(text: str, at: int) -> str:
    """The noun phrase counted by a number ending at `at`: "Pakistani military posts"."""
    words: list[str] = []
    for match in _NP_WORD.finditer(text, at):
        if match.start() != at or len(words) == _MAX_NOUN_WORDS:
            break
        word = match.group(1)
        if word.lower() in _STOP or word.lower() in MONTHS:
            break
        words.append(word)
        if is_plural(word):
            return " ".join(words)
        at = match.end()
    return ""


def is_plural(word: str) -> bool:
    lower = word.lower().rstrip("’'")
    if lower in IRREGULAR_PLURALS or lower in UNITS:
        return True
    return (
        lower.endswith("s")
        and not lower.endswith(("ss", "us", "is", "’s", "'s"))
        and lower not in NOT_PLURAL
        and len(lower) > 3
    )


def parse_number(number: str, scale: str | None = None) -> float | None:
    """The value of "1,055", "1.7", "twenty-three", optionally times "million"."""
    lower = number.lower()
    if lower[0].isdigit():
        value = float(lower.replace(",", ""))
    else:
        parts = lower.split("-")
        value = float(sum(NUMBER_WORDS[p] for p in parts))
    if scale:
        value *= SCALE_WORDS[scale.strip().lower()]
    return value


_WORD_OF = {value: word for word, value in NUMBER_WORDS.items() if " " not in word}


def altered(mention: Mention, rng, avoid: str, factors=(1.5, 2, 3, 0.5, 0.7, 1.3)) -> str | None:
    """The mention's number changed enough to make a statement false, written the same way:
    "19" → "27", "one million" → "three million", "2,600" → "3,900". None when no change
    keeps the format or every change already occurs in `avoid`."""
    number, _, rest = mention.text.partition(" ")
    suffix = (" " + rest) if rest else ""
    if number.endswith("%"):
        number, suffix = number[:-1], "%"
    factors = list(factors)
    rng.shuffle(factors)
    for factor in factors:
        changed = _scaled(number, factor)
        if changed and changed != number and changed + suffix not in avoid:
            return changed + suffix
    return None


def _scaled(number: str, factor: float) -> str | None:
    if number[:1].isdigit():
        value = float(number.replace(",", ""))
        decimals = len(number.partition(".")[2])
        new = round(value * factor, decimals)
        if new < 3 or (not decimals and new != int(new)):
            new = round(new)
        text = f"{new:,.{decimals}f}" if "," in number else f"{new:.{decimals}f}"
        return text if len(text.replace(",", "")) >= len(number.replace(",", "")) - 1 else None
    value = NUMBER_WORDS.get(number.lower())
    new = round(value * factor) if value else 0
    word = _WORD_OF.get(new)
    if not word or new < 3:
        return None
    return word.capitalize() if number[0].isupper() else word
