"""Who said it: quotations in “…”, "…", ‘…’ or «…», and reported speech ("X said that …"),
each with the person the sentence attributes it to and other people as options."""

import random
import re
from collections.abc import Iterator, Mapping, Sequence

from . import distractors
from .context import PERSONAL, leans_back, words
from .entities import Analysis
from .kinds import local_rng, salience, says, shuffled
from .markup import squash
from .model import Draft, Mention, Sentence
from .words import QUOTE_VERBS, SPEECH_VERBS

MIN_QUOTE_WORDS, MAX_QUOTE_WORDS = 4, 30
MIN_CLAUSE_WORDS, MAX_CLAUSE_WORDS = 6, 30
QUOTE = re.compile(
    r"“([^“”]+)”"
    r"|\"([^\"\n]+)\""
    r"|(?:(?<=^)|(?<=[\s(\[—–-]))‘((?:[^‘’\n]|’(?=\w))+)’(?!\w)"
    r"|«([^«»\n]+)»"
)
_MARKS = ("“", '"', "‘", "«")
_VERBS = "|".join(sorted(QUOTE_VERBS, key=len, reverse=True))
_PRONOUN_AFTER = re.compile(
    rf"^[,.]?\s*(?:he|she)\s+(?:{_VERBS}|was quoted|is quoted)\b", re.IGNORECASE
)
_VERB_AFTER = re.compile(rf"^[,.]?\s*(?:{_VERBS})\s+$")
# "…," IMF mission chief Ernesto Ramirez Rigo said: the name, then the verb.
_VERB_FOLLOWS = re.compile(rf"^(?:,[^,]{{1,80}},)?\s+(?:also\s+|then\s+|later\s+)?(?:{_VERBS})\b")
_SPEECH_BETWEEN = re.compile(
    rf"\b(?:{'|'.join(SPEECH_VERBS)}|saying|calling|described|term|spoke|speaking)\b"
)
_REPORTED = "said|says|told [\\w ]{1,30}?|warned|stated|claimed|argued|insisted|noted|announced"
# "Eric Supara, an official at the embassy, said that …"
_SPEAKER_FIRST = re.compile(
    rf"^(?:,[^,]{{1,90}},)?\s+(?:{_REPORTED})\s+(?:that\s+)?(?P<clause>.+)$"
)
# "… rescued five children, said Eric Supara, an official …"
_SAID_BEFORE = re.compile(r",\s+(?:said|says)\s+$")
# "… rescued five children, Eric Supara said."
_SAID_AFTER = re.compile(r"^(?:,[^,]{1,90},)?\s+(?:said|says)\s*[.,]?$")


def quoted(match: re.Match) -> str:
    """The words inside the quotation marks of a QUOTE match."""
    return next(g for g in match.groups() if g is not None)


def who_said(analysis: Analysis, seed: int, extra: Mapping[str, Sequence[str]]) -> Iterator[Draft]:
    """Quotations and reported speech with their speakers, from every sentence."""
    for sentence, mentions in zip(analysis.sentences, analysis.mentions, strict=True):
        found = False
        marked = any(mark in sentence.text for mark in _MARKS)
        for quote in QUOTE.finditer(sentence.text) if marked else ():
            speaker = _speaker(analysis, sentence, mentions, quote)
            if speaker and MIN_QUOTE_WORDS <= len(words(quoted(quote))) <= MAX_QUOTE_WORDS:
                found = True
                rng = local_rng(seed, "who_said", sentence.start + quote.start())
                said = squash(quoted(quote)).rstrip(",;:")
                if said[:1].islower():  # a fragment ends where the sentence goes on
                    said = said.rstrip(".")
                draft = _draft(
                    f'Who said: "{said}"?', said, speaker, sentence, analysis, rng, extra
                )
                if draft:
                    yield draft
        if not found and not (marked and QUOTE.search(sentence.text)):
            draft = _reported(sentence, mentions, analysis, seed, extra)
            if draft:
                yield draft


def _reported(
    sentence: Sentence,
    mentions: Sequence[Mention],
    analysis: Analysis,
    seed: int,
    extra: Mapping[str, Sequence[str]],
) -> Draft | None:
    """ "X said that CLAUSE." or "CLAUSE, said X." as "Who said that CLAUSE?"."""
    found = _reported_clause(sentence, mentions)
    if not found:
        return None
    speaker, clause = found
    n = len(words(clause))
    if (
        not MIN_CLAUSE_WORDS <= n <= MAX_CLAUSE_WORDS
        or leans_back(clause)
        or PERSONAL.search(clause)
    ):
        return None
    clause = _lower_first(clause, sentence, mentions)
    rng = local_rng(seed, "reported", sentence.start)
    return _draft(f"Who said that {clause}?", clause, speaker, sentence, analysis, rng, extra)


def _reported_clause(sentence: Sentence, mentions: Sequence[Mention]) -> tuple[Mention, str] | None:
    text = sentence.text.rstrip().rstrip(".")
    for person in (m for m in mentions if m.kind == "person"):
        a, b = person.start - sentence.start, person.end - sentence.start
        if a == 0:
            match = _SPEAKER_FIRST.match(text[b:])
            if match:
                return person, match["clause"].strip()
        elif _SAID_BEFORE.search(text[:a]) or _SAID_AFTER.match(text[b:]):
            clause = re.sub(r",\s+(?:said|says)\s*$", "", text[:a]).rstrip(", ")
            return person, clause
    return None


def _lower_first(clause: str, sentence: Sentence, mentions: Sequence[Mention]) -> str:
    """The clause as it reads after "said that": its first letter small unless it starts a
    name."""
    offset = sentence.text.find(clause)
    starts_name = any(m.start - sentence.start == offset for m in mentions if m.kind != "date")
    first = words(clause)[0] if words(clause) else ""
    if starts_name or (first.isupper() and len(first) > 1) or first == "I":
        return clause
    return clause[0].lower() + clause[1:]


def _draft(
    prompt: str,
    said: str,
    speaker: Mention,
    sentence: Sentence,
    analysis: Analysis,
    rng: random.Random,
    extra: Mapping[str, Sequence[str]],
) -> Draft | None:
    entity = analysis.entities[speaker.canonical]
    options = distractors.choose(
        entity.canonical,
        entity.aliases,
        distractors.pool(speaker, entity, analysis, rng, extra),
        said,
    )
    if len(options) < 2:
        return None
    pronoun = (
        ""
        if speaker.sentence == sentence.index
        else f" The speaker, {entity.canonical}, is named just before."
    )
    return Draft(
        "who_said",
        "single",
        prompt,
        shuffled(entity.canonical, [t for t, _ in options], rng),
        None,
        None,
        sentence,
        says(sentence) + pronoun,
        entity.canonical,
        "person",
        said,
        entity.aliases,
        tuple(s for _, s in options),
        0.6 + 0.4 * salience(analysis, entity.canonical),
    )


def _speaker(
    analysis: Analysis, sentence: Sentence, mentions: Sequence[Mention], quote: re.Match
) -> Mention | None:
    """Who the sentence says spoke the quotation, following "he said" back to a name."""
    after = sentence.text[quote.end() :]
    people = [m for m in mentions if m.kind == "person"]
    if _PRONOUN_AFTER.match(after):
        return _last_person(analysis, sentence.index, sentence.start + quote.start())
    for person in people:
        offset = person.start - sentence.start
        if offset < quote.end():
            continue
        if _VERB_AFTER.match(sentence.text[quote.end() : offset]) or (
            _VERB_FOLLOWS.match(sentence.text[person.end - sentence.start :])
            and len(words(sentence.text[quote.end() : offset])) <= 25
        ):
            return person
    before = [p for p in people if p.end - sentence.start <= quote.start()]
    if before:
        between = sentence.text[before[-1].end - sentence.start : quote.start()]
        if _SPEECH_BETWEEN.search(between) and not QUOTE.search(between):
            return before[-1]
    return None


def _last_person(analysis: Analysis, index: int, before: int) -> Mention | None:
    """The last person named before offset `before`, this sentence or the two before it."""
    for i in range(index, max(-1, index - 3), -1):
        people = [m for m in analysis.mentions[i] if m.kind == "person" and m.end <= before]
        if people:
            return people[-1]
    return None
