"""Score candidates and order them, best first, without letting one sentence take over.

score = kind prior × (sentence importance, entity salience, distractor quality, weighted),
then a greedy pass lowers the score of a candidate each time its sentence or its key has
already been used, so the top of the list covers more of the text.
"""

import heapq
from collections import Counter
from collections.abc import Sequence

from .entities import Analysis
from .filters import words
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
SAME_SENTENCE, SAME_KEY = 0.55, 0.6
FACT_KINDS = frozenset({"person", "place", "org", "quantity", "date"})


def importance(sentence: Sentence, mentions: Sequence[Mention], analysis: Analysis) -> float:
    """How much a sentence carries: early, dense with facts, about the main entities."""
    facts = [m for m in mentions if m.kind in FACT_KINDS]
    density = min(len(facts), 5) / 5
    central = [analysis.salience[m.canonical] for m in facts if m.canonical in analysis.salience]
    centrality = sum(central) / len(central) if central else 0.0
    position = max(0.3, 1.0 / (1.0 + sentence.index / 40)) + 0.15 * (sentence.position == 0)
    length = len(words(sentence.text))
    shape = 1.0 if 10 <= length <= 35 else 0.7
    meta = 0.5 if any(p in sentence.text.lower() for p in META_PHRASES) else 1.0
    return min(1.0, (0.35 * density + 0.3 * centrality + 0.35 * min(position, 1.0)) * shape * meta)


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
    return KIND_PRIOR[draft.family] * KEY_PRIOR[draft.key_kind] * mixed


def rank(drafts: Sequence[Draft], analysis: Analysis) -> list[tuple[Draft, float]]:
    """Drafts with their final scores, best first; ties broken by position in the text."""
    heap = [(-base_score(d, analysis), d.sentence.start, i) for i, d in enumerate(drafts)]
    heapq.heapify(heap)
    base = {i: -s for s, _, i in heap}
    sentences: Counter[int] = Counter()
    keys: Counter[str] = Counter()
    ranked = []
    while heap:
        stored, start, i = heapq.heappop(heap)
        draft = drafts[i]
        current = (
            base[i]
            * SAME_SENTENCE ** sentences[draft.sentence.index]
            * SAME_KEY ** keys[draft.key.lower()]
        )
        if heap and current < -heap[0][0] and current < -stored:
            heapq.heappush(heap, (-current, start, i))
            continue
        sentences[draft.sentence.index] += 1
        keys[draft.key.lower()] += 1
        ranked.append((draft, round(current, 4)))
    return ranked
