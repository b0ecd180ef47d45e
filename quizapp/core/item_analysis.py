"""Item analysis: facility, discrimination, option counts and plain-language flags per
question, from the sums the database keeps (`services.item_stats`, `services.reports`), and
how each answer is stored so its options can be counted.
"""

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from quizapp.core.kinds import KINDS
from quizapp.core.review import describe_response
from quizapp.core.stats import as_percent, share

# Kinds whose answers are option texts that item analysis can count.
CHOICE_KINDS = tuple(name for name, kind in KINDS.items() if kind.counts_options)
LABEL_SEPARATOR = "\n"
SMALL_SAMPLE = 10
HARD, EASY, WEAK = 0.3, 0.9, 0.2
# Below this, strong students clearly do worse than weak ones; nearer zero it is noise.
REVERSED = -0.1


def response_text(snapshot: Mapping, response: object) -> str | None:
    """How an answer is stored for reports: chosen option texts one per line, else as shown.

    Option ids are random per attempt; their texts are what item analysis can count.
    """
    if response is None:
        return None
    if snapshot["kind"] not in CHOICE_KINDS:
        return describe_response(snapshot, response)
    chosen = response if isinstance(response, list) else [response]
    texts = {option["id"]: option["text"] for option in snapshot["options"]}
    return LABEL_SEPARATOR.join(sorted(texts[i] for i in chosen if i in texts))


# --- Item analysis -----------------------------------------------------------------------------


@dataclass(frozen=True)
class ItemSums:
    """Per-question sums over submitted attempts. `x` is the attempt's score on the *other*
    questions as a fraction (the rest score), so an item is not correlated with itself."""

    n: int
    n_right: int
    sum_x: float
    sum_x2: float
    sum_x_right: float


@dataclass(frozen=True)
class OptionCount:
    text: str
    is_correct: bool
    count: int
    percent: float | None
    is_former: bool = False  # chosen in the past, no longer an option of the question


@dataclass(frozen=True)
class ItemReport:
    question_id: int
    prompt: str
    n: int
    facility: float | None
    discrimination: float | None
    options: tuple[OptionCount, ...]
    unanswered: int
    flags: tuple[str, ...]


def point_biserial(sums: ItemSums) -> float | None:
    """Correlation between getting this item right and the rest score; None when undefined."""
    n, k = sums.n, sums.n_right
    if k == 0 or k == n:
        return None
    mean = sums.sum_x / n
    variance = sums.sum_x2 / n - mean * mean
    if variance <= 1e-12:
        return None
    mean_right = sums.sum_x_right / k
    mean_wrong = (sums.sum_x - sums.sum_x_right) / (n - k)
    p = k / n
    return round((mean_right - mean_wrong) / math.sqrt(variance) * math.sqrt(p * (1 - p)), 2)


def chosen_labels(response: str | None) -> list[str]:
    """The option texts a stored choice response names (none for an empty one)."""
    return response.split(LABEL_SEPARATOR) if response else []


def label_counts(groups: Sequence[tuple[str, int]]) -> tuple[dict[str, int], int]:
    """(times each option text was chosen, answers) from (stored response, count) groups."""
    counts: dict[str, int] = {}
    for labels, count in groups:
        for label in chosen_labels(labels):
            counts[label] = counts.get(label, 0) + count
    return counts, sum(count for _, count in groups)


def option_counts(
    choices: Sequence[tuple[str, bool]], groups: Sequence[tuple[str, int]], n: int
) -> tuple[tuple[OptionCount, ...], int]:
    """How often each option was chosen, from (stored response, count) groups; and how many
    attempts left the item unanswered."""
    chosen, answered = label_counts(groups)
    return tally_options(choices, chosen, answered, n)


def tally_options(
    choices: Sequence[tuple[str, bool]], chosen: Mapping[str, int], answered: int, n: int
) -> tuple[tuple[OptionCount, ...], int]:
    """Option counts from how often each option text was chosen, and the unanswered count."""
    counts: dict[str, int] = {text: 0 for text, _ in choices}
    for label, count in chosen.items():
        counts[label] = counts.get(label, 0) + count
    correct = {text for text, is_correct in choices if is_correct}
    current = {text for text, _ in choices}
    options = tuple(
        OptionCount(text, text in correct, count, as_percent(share(count, n)), text not in current)
        for text, count in counts.items()
    )
    return options, n - answered


def item_flags(
    facility: float | None, discrimination: float | None, options: Sequence[OptionCount]
) -> tuple[str, ...]:
    """Plain-language warnings about one question."""
    flags = []
    if facility is not None and facility == 0:
        flags.append("No one got this right: check the key and the wording.")
    elif facility is not None and facility < HARD:
        flags.append("Hard: fewer than 3 in 10 students got it right.")
    elif facility is not None and facility > EASY:
        flags.append("Very easy: more than 9 in 10 got it right, so it tells you little.")
    if discrimination is not None and discrimination < REVERSED:
        flags.append("Strong students miss this more often than weak ones: check the key.")
    elif discrimination is not None and discrimination < WEAK:
        flags.append("Weak discrimination: strong and weak students do about as well on it.")
    flags += _option_flags(options)
    return tuple(flags)


def _option_flags(options: Sequence[OptionCount]) -> list[str]:
    key_best = max((o.count for o in options if o.is_correct), default=None)
    flags = []
    for option in options:
        if option.is_correct or option.is_former:
            continue
        if option.count == 0:
            flags.append(f"No one chose the distractor “{option.text}”: it is not doing its job.")
        elif key_best is not None and option.count > key_best:
            flags.append(
                f"More students chose “{option.text}” than the right answer: "
                "is it arguably right, or is the question unclear?"
            )
    return flags


def analyse_item(
    question_id: int,
    prompt: str,
    sums: ItemSums,
    choices: Sequence[tuple[str, bool]],
    groups: Sequence[tuple[str, int]],
) -> ItemReport:
    """Facility, discrimination, option counts and flags for one question of a quiz."""
    chosen, answered = label_counts(groups)
    return analyse_counted_item(question_id, prompt, sums, choices, chosen, answered)


def analyse_counted_item(
    question_id: int,
    prompt: str,
    sums: ItemSums,
    choices: Sequence[tuple[str, bool]],
    chosen: Mapping[str, int],
    answered: int,
) -> ItemReport:
    """`analyse_item` from per-option counts and the number of answers (maintained figures)."""
    facility = share(sums.n_right, sums.n)
    discrimination = point_biserial(sums)
    options, unanswered = tally_options(choices, chosen, answered, sums.n) if choices else ((), 0)
    return ItemReport(
        question_id=question_id,
        prompt=prompt,
        n=sums.n,
        facility=as_percent(facility),
        discrimination=discrimination,
        options=options,
        unanswered=unanswered,
        flags=item_flags(facility, discrimination, options),
    )


def sample_caveat(attempts: int) -> str:
    """A warning when there are too few attempts for the numbers to mean much ("" otherwise)."""
    if attempts >= SMALL_SAMPLE:
        return ""
    return (
        f"Only {attempts} submitted attempt{'s' if attempts != 1 else ''} so far: with fewer "
        f"than {SMALL_SAMPLE}, treat these numbers as hints, not verdicts."
    )


# --- What one submitted attempt adds to the maintained item statistics ------------------------


@dataclass(frozen=True)
class AnswerFacts:
    """One answer of a submitted attempt, as item statistics need it."""

    question_id: int | None
    kind: str
    points: float
    is_correct: bool | None
    response_text: str | None


@dataclass(frozen=True)
class AttemptSums:
    """An attempt's share of the maintained statistics: its percentage, per question
    (n, n_right, answered, x, x², x if right) and per (question, option text) a count."""

    percent: float | None
    items: tuple[tuple[int, tuple[int, int, int, float, float, float]], ...]
    options: tuple[tuple[int, str, int], ...]


def rest_score(score: float, max_score: float, points: float) -> float:
    """The attempt's score on the other questions, as a fraction (0 for a one-question paper)."""
    return (score - points) / (max_score - 1) if max_score > 1 else 0.0


def attempt_sums(score: float, max_score: float, answers: Sequence[AnswerFacts]) -> AttemptSums:
    """What one submitted attempt adds, sorted by question (and option) so writers that
    update the same rows take their locks in the same order."""
    items, options = {}, {}
    for answer in answers:
        if answer.question_id is None:  # its question was deleted: reports leave it out
            continue
        x = rest_score(score, max_score, answer.points)
        right = answer.is_correct is True
        counted = answer.response_text is not None
        added = (1, int(right), int(counted), x, x * x, x if right else 0.0)
        before = items.get(answer.question_id, (0, 0, 0, 0.0, 0.0, 0.0))
        items[answer.question_id] = tuple(a + b for a, b in zip(before, added, strict=True))
        if answer.kind in CHOICE_KINDS:
            for label in chosen_labels(answer.response_text):
                key = answer.question_id, label
                options[key] = options.get(key, 0) + 1
    percent = score * 100.0 / max_score if max_score else None
    return AttemptSums(
        percent,
        tuple(sorted(items.items())),
        tuple((qid, label, count) for (qid, label), count in sorted(options.items())),
    )
