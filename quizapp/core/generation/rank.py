"""Score candidates and choose them, best first, so that the list reads as one fair quiz.

score = kind prior × (sentence importance, entity salience, distractor quality, weighted).
A greedy pass then takes drafts in score order and keeps one only when it
- comes from a sentence no kept draft comes from (one question per sentence),
- does not show the answer of a kept draft in its stem or options, nor have its own answer
  shown by one (no question gives another away),
- keeps the true/false drafts balanced: never more than one more True than False, or the
  other way round, once two statements are kept (a deferred one is taken once the balance
  allows it).
"""

import heapq
import re
from collections import Counter
from collections.abc import Callable, Sequence

from .context import words
from .entities import Analysis
from .lexicon import fold
from .model import Draft, Mention, Sentence
from .words import META_PHRASES

KIND_PRIOR = {"cloze": 1.0, "who_said": 1.0, "numeric": 0.95, "ordering": 0.9, "true_false": 0.85}
KEY_PRIOR = {
    "person": 1.0,
    "place": 0.9,
    "org": 0.9,
    "quantity": 1.0,
    "date": 0.75,
    "statement": 1.0,
    "events": 1.0,
}
SOURCE_QUALITY = {"text": 1.0, "extra": 0.9, "bank": 0.8, "made": 0.6}
WEIGHTS = (0.4, 0.35, 0.25)  # importance, salience, distractor quality
FACT_KINDS = frozenset({"person", "place", "org", "quantity", "date"})
# An alternative (a draft the quiz left out) scores this share of its own score at most.
ALTERNATIVE = 0.5
# A draft's score is multiplied by this for each draft of its kind already kept.
SAME_KIND = 0.92
# How much a sentence sharing no content word with the headline and lead loses.
LEAD_WEIGHT = 0.35


def importance(sentence: Sentence, mentions: Sequence[Mention], analysis: Analysis) -> float:
    """How much a sentence carries: early, dense with facts, about the main entities and
    the story its headline and lead tell."""
    facts = [m for m in mentions if m.kind in FACT_KINDS]
    density = min(len(facts), 5) / 5
    central = [analysis.salience[m.canonical] for m in facts if m.canonical in analysis.salience]
    centrality = sum(central) / len(central) if central else 0.0
    position = max(0.3, 1.0 / (1.0 + sentence.index / 40)) + 0.15 * (sentence.position == 0)
    length = len(words(sentence.text))
    shape = 1.0 if 10 <= length <= 35 else 0.7
    meta = 0.5 if any(p in sentence.text.lower() for p in META_PHRASES) else 1.0
    lead = 1.0 - LEAD_WEIGHT + LEAD_WEIGHT * analysis.lead(sentence.index)
    mixed = 0.35 * density + 0.3 * centrality + 0.35 * min(position, 1.0)
    return min(1.0, mixed * shape * meta * lead)


def distractor_quality(draft: Draft) -> float:
    if draft.family in ("numeric", "true_false", "ordering"):
        return 0.8
    quality = [SOURCE_QUALITY[s] for s in draft.sources]
    full = 1.0 if len(quality) >= 3 else 0.85
    return full * sum(quality) / len(quality) if quality else 0.0


def base_score(draft: Draft, analysis: Analysis) -> float:
    mentions = analysis.mentions[draft.sentence.index]
    parts = (
        importance(draft.sentence, mentions, analysis),
        draft.salience,
        distractor_quality(draft),
    )
    mixed = sum(w * p for w, p in zip(WEIGHTS, parts, strict=True))
    role = analysis.weight(draft.sentence.index)  # an opinion or a bio counts for less
    return KIND_PRIOR[draft.family] * KEY_PRIOR[draft.key_kind] * mixed * role


def answers(draft: Draft) -> frozenset[str]:
    """Folded texts that would give the draft's answer away if shown elsewhere."""
    if draft.family == "true_false":
        return frozenset({fold(draft.replaced)} if draft.replaced else ())
    if draft.family == "ordering":
        return frozenset()
    return frozenset(fold(n) for n in {draft.key, *draft.aliases} if len(n) > 1 or n.isdigit())


def shown(draft: Draft) -> str:
    """Everything the student reads of the draft, folded."""
    return fold(" \x00 ".join([draft.prompt, *(c.text for c in draft.choices)]))


class _Selection:
    """The drafts kept so far and what they show, for the giveaway checks."""

    def __init__(self) -> None:
        self.sentences: set[int] = set()
        self.shown: list[str] = []
        self.answers: set[str] = set()
        self.truths = [0, 0]  # True statements kept, False ones kept
        self.ordered = False
        self.kinds: Counter[str] = Counter()
        self._pattern: re.Pattern | None = None

    def blocks(self, draft: Draft, text: str) -> bool:
        """Whether the draft repeats a sentence or gives away, or is given away by, a kept one."""
        if draft.family == "ordering":
            if self.ordered:
                return True  # one ordering question: another would reuse its events
        elif draft.sentence.index in self.sentences:
            return True
        mine = answers(draft)
        if mine & self.answers or any(_has(seen, name) for name in mine for seen in self.shown):
            return True
        return bool(self.answers) and self._answers().search(text) is not None

    def unbalanced(self, draft: Draft) -> bool:
        if draft.family != "true_false":
            return False
        truth = int(not draft.choices[0].is_correct)  # 0 for True, 1 for False
        # Two statements of one truth value may open a short quiz; after that they alternate.
        return self.truths[truth] > self.truths[1 - truth] and sum(self.truths) >= 2

    def keep(self, draft: Draft, text: str) -> None:
        self.kinds[draft.family] += 1
        if draft.family == "ordering":
            self.ordered = True
        else:
            self.sentences.add(draft.sentence.index)
        if draft.family == "true_false":
            self.truths[int(not draft.choices[0].is_correct)] += 1
        self.shown.append(text)
        new = answers(draft) - self.answers
        if new:
            self.answers |= new
            self._pattern = None

    def _answers(self) -> re.Pattern:
        if self._pattern is None:
            names = sorted(self.answers, key=len, reverse=True)
            self._pattern = re.compile(
                r"(?<![\w])(?:" + "|".join(re.escape(n) for n in names) + r")(?![\w])"
            )
        return self._pattern


def _has(text: str, name: str) -> bool:
    return (
        name in text and re.search(r"(?<![\w])" + re.escape(name) + r"(?![\w])", text) is not None
    )


def rank(
    drafts: Sequence[Draft], analysis: Analysis, aside: Callable[[Draft], bool] | None = None
) -> list[tuple[Draft, float, bool]]:
    """(draft, score, quiz-ready) best first: the drafts kept by the greedy pass (quiz-ready),
    then every other draft as an alternative a teacher may prefer. Scores never rise down
    the list; ties are broken by position in the text. Each draft of a kind already kept
    scores a little less, so the quiz mixes kinds. A draft that `aside` picks out (from a news
    report's second half, or a figure inside a quotation) is never quiz-ready."""
    heap = [(-base_score(d, analysis), d.sentence.start, i) for i, d in enumerate(drafts)]
    heapq.heapify(heap)
    base = {i: -s for s, _, i in heap}
    chosen = _Selection()
    ranked: list[tuple[Draft, float]] = []
    waiting: list[tuple[float, Draft, str]] = []
    left: list[int] = []
    while heap:
        stored, start, i = heapq.heappop(heap)
        draft = drafts[i]
        score = base[i] * SAME_KIND ** chosen.kinds[draft.family]
        if heap and score < -heap[0][0] and score < -stored:
            heapq.heappush(heap, (-score, start, i))
            continue
        text = shown(draft)
        if (aside is not None and aside(draft)) or chosen.blocks(draft, text):
            left.append(i)
            continue
        if chosen.unbalanced(draft):
            waiting.append((score, draft, text))
            continue
        _take(chosen, ranked, score, draft, text)
        waiting = _retry(chosen, ranked, waiting)
    kept = {id(d) for d, _ in ranked}
    left += [i for i, d in enumerate(drafts) if id(d) not in kept and i not in set(left)]
    return [(d, s, True) for d, s in ranked] + _alternatives(drafts, left, base, ranked)


def _alternatives(drafts: Sequence[Draft], left: list[int], base: dict, ranked: list) -> list:
    """The drafts the quiz left out, best first, scored below every quiz-ready draft."""
    ceiling = ranked[-1][1] if ranked else 1.0
    order = sorted(set(left), key=lambda i: (-base[i], drafts[i].sentence.start))
    found = []
    for i in order:
        ceiling = round(min(ceiling, base[i] * ALTERNATIVE), 4)
        found.append((drafts[i], ceiling, False))
    return found


def _take(chosen: _Selection, ranked: list, score: float, draft: Draft, text: str) -> None:
    chosen.keep(draft, text)
    ceiling = ranked[-1][1] if ranked else score
    ranked.append((draft, round(min(score, ceiling), 4)))


def _retry(chosen: _Selection, ranked: list, waiting: list) -> list:
    """Take the best deferred statement the balance now allows; drop blocked ones."""
    still = []
    for score, draft, text in waiting:
        if chosen.blocks(draft, text):
            continue
        if chosen.unbalanced(draft):
            still.append((score, draft, text))
        else:
            _take(chosen, ranked, score, draft, text)
    return still
