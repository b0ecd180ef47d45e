"""Whether a quiz can be drawn without giveaway pairs, checked once over its questions.

`assemble_paper` keeps questions that give each other away (core.paper_rules) apart while the
pools allow it, and fills the paper with the least-clashing ones when they do not. This check
tells the teacher beforehand: the hand-picked questions are on every paper, so any clash among
them is certain; each draw in turn is then filled without randomness, fewest clashes first, and
when even that cannot fill it soundly, the clashing pairs of that draw are named. No paper is
drawn, so the answer is the same at every look.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from quizapp.core.assembly import Draw, QuestionData
from quizapp.core.paper_rules import clashes, shows_key_of


@dataclass(frozen=True)
class Giveaway:
    """Two questions that may end up on one paper although they give each other away."""

    first: QuestionData
    second: QuestionData
    reason: str  # "shows_key" (first's answer shows in second) | "never_with"
    on_every_paper: bool  # both are hand-picked


def _sound_fill(candidates: Sequence, count: int, taken_ids: set[int], apart: Mapping) -> list:
    """Up to `count` candidates clashing with nothing taken nor each other, those with the
    fewest clashes first (a good, deterministic way to fit the most in)."""
    blocked = set().union(*(apart.get(i, ()) for i in taken_ids))
    chosen: list = []
    for question in sorted(candidates, key=lambda q: (len(apart.get(q.id, ())), q.id)):
        if len(chosen) == count:
            break
        if question.id not in blocked:
            chosen.append(question)
            blocked |= apart.get(question.id, set())
    return chosen


def _fill(draw: Draw, paper: list, apart: Mapping) -> tuple[list, bool]:
    """The draw's questions (as `draw_paper` orders its work: quotas, then the rest) and
    whether they could all be kept apart."""
    on_paper = {q.id for q in paper}
    remaining = sorted((q for q in draw.pool if q.id not in on_paper), key=lambda q: q.id)
    count, chosen = min(draw.count, len(remaining)), []
    for topic_slug, quota in sorted(draw.quotas.items()):
        in_topic = [q for q in remaining if q.topic_slug == topic_slug]
        wanted = min(quota, count - len(chosen), len(in_topic))
        got = _sound_fill(in_topic, wanted, on_paper | {q.id for q in chosen}, apart)
        if len(got) < wanted:
            return remaining[:count], False
        chosen += got
    rest = [q for q in remaining if q not in chosen]
    got = _sound_fill(rest, count - len(chosen), on_paper | {q.id for q in chosen}, apart)
    chosen += got
    return (chosen, True) if len(chosen) == count else (remaining[:count], False)


def _pair(a: QuestionData, b: QuestionData, on_every_paper: bool) -> Giveaway:
    if shows_key_of(a, b):
        return Giveaway(a, b, "shows_key", on_every_paper)
    if shows_key_of(b, a):
        return Giveaway(b, a, "shows_key", on_every_paper)
    return Giveaway(a, b, "never_with", on_every_paper)


def _pairs_among(questions: Sequence, within: set[int], apart: Mapping, fixed: bool) -> list:
    """Each clash of a question in `within` with one of `questions`, once."""
    by_id = {q.id: q for q in questions}
    keys = {tuple(sorted((a, b))) for a in within for b in apart.get(a, ()) if b in by_id}
    return [_pair(by_id[a], by_id[b], fixed) for a, b in sorted(keys)]


def giveaways(fixed: Sequence[QuestionData], draws: Sequence[Draw]) -> list[Giveaway]:
    """The pairs that some paper of the quiz cannot keep apart (empty when every paper can be
    drawn sound): clashes among the hand-picked questions, then within each draw that cannot
    be filled without one (with each other or with what is already on the paper)."""
    paper = list({q.id: q for q in fixed}.values())
    everything = {q.id: q for q in [*paper, *(q for d in draws for q in d.pool)]}
    apart = clashes(sorted(everything.values(), key=lambda q: q.id))
    found = _pairs_among(paper, {q.id for q in paper}, apart, True)
    for draw in draws:
        drawn, sound = _fill(draw, paper, apart)
        if not sound:
            pool_ids = {q.id for q in draw.pool} - {q.id for q in paper}
            found += _pairs_among([*paper, *draw.pool], pool_ids, apart, False)
        paper += drawn
    return list({(g.first.id, g.second.id): g for g in found}.values())
