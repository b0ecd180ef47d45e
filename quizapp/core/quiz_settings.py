"""Checking a quiz's settings as a whole: quotas against the pool and the count, and dates."""

import re
import unicodedata
from collections.abc import Collection, Mapping, Sequence
from datetime import datetime

_NOT_SLUG = re.compile(r"[^a-z0-9]+")

# What a quiz is for. Assessments are the quizzes teachers build and assign; a section check is
# the unlimited "Check your understanding" quiz at the end of an explainer section; practice is
# the hidden quiz that "Practice my mistakes" attempts belong to, left out of scores and reports.
ASSESSMENT, SECTION_CHECK, PRACTICE = "assessment", "section_check", "practice"
PURPOSES = (ASSESSMENT, SECTION_CHECK, PRACTICE)


def purpose_from_slug(slug: str | None, section_slugs: Collection[str]) -> str:
    """A quiz's purpose as the slugs used to mark it, for data that predates `purpose`: the
    practice quiz was "practice", a section's check "check-<section slug>"."""
    if slug == "practice":
        return PRACTICE
    if slug and slug.startswith("check-") and slug.removeprefix("check-") in section_slugs:
        return SECTION_CHECK
    return ASSESSMENT


def quota_problems(
    question_count: int, quotas: Sequence[tuple[str, int]], pool_topics: Sequence[str]
) -> str:
    """A message when per-topic quotas cannot be met as written, else "".

    `quotas` are (topic slug, count) rows, blank rows ("", None) left out; `pool_topics` the
    quiz's topics (empty = all).
    """
    if any(not slug or not count for slug, count in quotas):
        return "Give each quota both a topic and a number of questions."
    slugs = [slug for slug, _ in quotas]
    if len(set(slugs)) != len(slugs):
        return "Give each topic at most one quota."
    outside = [slug for slug in slugs if pool_topics and slug not in pool_topics]
    if outside:
        return f"A quota names a topic outside the pool: {', '.join(outside)}."
    total = sum(count for _, count in quotas)
    if question_count is not None and total > question_count:  # None: refused on its own
        return f"The quotas add up to {total}, more than the {question_count} questions."
    return ""


def date_problems(opens_at: datetime | None, closes_at: datetime | None) -> str:
    if opens_at and closes_at and closes_at <= opens_at:
        return "The closing time must be after the opening time."
    return ""


def quiz_problems(settings: Mapping) -> dict[str, str]:
    """Field name → message for settings that do not fit together."""
    problems = {}
    quota = quota_problems(
        settings["question_count"], settings.get("quotas", ()), settings.get("topics", ())
    )
    if quota:
        problems["quotas"] = quota
    dates = date_problems(settings.get("opens_at"), settings.get("closes_at"))
    if dates:
        problems["closes_at"] = dates
    if settings.get("release_mode") == "after_close" and not settings.get("closes_at"):
        problems["release_mode"] = "Give the quiz a close date, or choose another time."
    return problems


def slugify(text: str, taken: set[str], limit: int = 60) -> str:
    """A lowercase ASCII slug for `text` not in `taken` ("quiz-2" when "quiz" is taken)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    base = _NOT_SLUG.sub("-", ascii_text.lower()).strip("-")[:limit].strip("-") or "quiz"
    slug, n = base, 1
    while slug in taken:
        n += 1
        slug = f"{base}-{n}"
    return slug
