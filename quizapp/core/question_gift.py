"""Mapping between the bank's question fields (see core.questions) and GIFT questions.

GIFT idnumber ↔ `key`, general feedback ↔ `explanation`, category ↔ topic (by slug or title),
tags `difficulty:N` and `anchor:ID` ↔ difficulty and anchor, `use:graded|check|both` ↔ which
quizzes draw it and `never-with:ID` (one per partner, by its stable id) ↔ the questions it is
never drawn with (`usage_from_tags`: a file without a `use:` tag says nothing about either, so
a file from Moodle leaves them as they are). Ordering questions have no GIFT
type; Moodle XML has one, and carries them as a GiftQuestion of kind "ordering" whose answers
are the items in the right order (see `transfer_from_fields`). Imports are planned in
core.import_plan.
"""

from collections.abc import Iterable, Mapping

from quizapp.core.gift import GiftAnswer, GiftQuestion
from quizapp.core.kinds import KINDS, kind_of
from quizapp.core.kinds.base import plain

ORDERING = "ordering"
USE_TAG, NEVER_WITH_TAG = "use", "never-with"

NAME_LENGTH = 60


def _tag(tags: Iterable[str], name: str) -> str:
    prefix = f"{name}:"
    return next((t[len(prefix) :].strip() for t in tags if t.startswith(prefix)), "")


def _common_fields(q: GiftQuestion) -> dict:
    difficulty = _tag(q.tags, "difficulty")
    return {
        "kind": q.kind,
        "key": q.idnumber or None,
        "prompt": plain(q.text, q.text_format),
        "explanation": plain(q.general_feedback, q.text_format),
        "difficulty": int(difficulty) if difficulty in ("1", "2", "3") else 2,
        "anchor": _tag(q.tags, "anchor"),
    }


def usage_from_tags(tags: Iterable[str]) -> tuple[str, tuple[str, ...]] | None:
    """(use, ids of the never-with partners) from a question's tags; None without a `use:`
    tag (the use is not checked here: see core.import_plan)."""
    tags = tuple(tags)
    use = _tag(tags, USE_TAG)
    if not use:
        return None
    prefix = f"{NEVER_WITH_TAG}:"
    partners = {t[len(prefix) :].strip() for t in tags if t.startswith(prefix)}
    return use, tuple(sorted(partners - {""}))


def fields_from_gift(q: GiftQuestion) -> dict:
    """Raw question fields for an importable GIFT question (check them with check_question)."""
    return _common_fields(q) | kind_of(q.kind).from_gift(q)


def fields_from_transfer(q: GiftQuestion) -> dict:
    """Raw question fields for a question of any bank kind read from GIFT or Moodle XML."""
    if q.kind != ORDERING:
        return fields_from_gift(q)
    return _common_fields(q) | {"items": [plain(a.text, q.text_format) for a in q.answers]}


def topic_for_category(category: str, topics: Mapping[str, str]) -> str | None:
    """The slug of the topic (slug → title) named by a GIFT category, or None.

    Moodle writes categories as paths ("$course$/top/The border"): the whole path is tried first,
    then its last part; each is compared with slugs and titles, ignoring case.
    """
    candidates = [category.strip(), category.rsplit("/", 1)[-1].strip()]
    for candidate in (c.casefold() for c in candidates if c):
        for slug, title in topics.items():
            if candidate in (slug.casefold(), title.casefold()):
                return slug
    return None


def _name(fields: Mapping) -> str:
    if fields.get("key"):
        return fields["key"]
    prompt = " ".join(fields["prompt"].split())
    if len(prompt) <= NAME_LENGTH:
        return prompt
    cut = prompt[: NAME_LENGTH - 3]
    return (cut[: cut.rindex(" ")] if " " in cut else cut) + "..."


def transferable(kind: str) -> bool:
    """Whether the bank has this kind (Moodle XML carries every kind, ordering included)."""
    return kind in KINDS


def gift_from_fields(fields: Mapping, category: str = "") -> GiftQuestion | None:
    """The GIFT form of a bank question, or None for a kind without GIFT (ordering)."""
    kind = kind_of(fields["kind"])
    if not kind.has_gift:
        return None
    body = kind.to_gift(fields)
    return _transfer(fields, category, body.answers, body.pairs)


def transfer_from_fields(fields: Mapping, category: str = "") -> GiftQuestion:
    """The GIFT-shaped form of a bank question of any kind (for Moodle XML)."""
    if fields["kind"] == ORDERING:
        items = tuple(GiftAnswer(text, 1.0) for text in fields["items"])
        return _transfer(fields, category, items, ())
    body = kind_of(fields["kind"]).to_gift(fields)
    return _transfer(fields, category, body.answers, body.pairs)


def _transfer(fields: Mapping, category: str, answers: tuple, pairs: tuple) -> GiftQuestion:
    tags = [f"difficulty:{fields.get('difficulty', 2)}"]
    if fields.get("anchor"):
        tags.append(f"anchor:{fields['anchor']}")
    if fields.get("use"):
        tags.append(f"{USE_TAG}:{fields['use']}")
        tags += [f"{NEVER_WITH_TAG}:{key}" for key in sorted(fields.get("never_with", ()))]
    return GiftQuestion(
        name=_name(fields),
        kind=fields["kind"],
        text=fields["prompt"],
        general_feedback=fields.get("explanation", ""),
        answers=answers,
        pairs=pairs,
        tags=tuple(tags),
        idnumber=fields.get("key") or "",
        category=category,
    )
