"""Carrying a fixed key into a snapshot taken before the fix.

A snapshot names its options with random ids. A fresh snapshot of the fixed question names
them differently, so its key is translated onto the old ids by the options' texts. When the
options themselves changed (added, removed, reworded), the old paper cannot be graded by the
new key and `rekey` says so with None.
"""

from collections.abc import Mapping

from quizapp.core.grading import grade

PARTS = ("options", "answers")


def _id_map(old: Mapping, fresh: Mapping) -> dict[str, str] | None:
    """Fresh option id → old option id, matched by text within options and within answers."""
    mapping: dict[str, str] = {}
    for part in PARTS:
        old_ids = {row["text"]: row["id"] for row in old.get(part) or []}
        fresh_rows = fresh.get(part) or []
        if len(old_ids) != len(old.get(part) or []) or len(fresh_rows) != len(old_ids):
            return None
        for row in fresh_rows:
            if row["text"] not in old_ids:
                return None
            mapping[row["id"]] = old_ids[row["text"]]
    return mapping


def _translate(value: object, mapping: Mapping[str, str]) -> object:
    if isinstance(value, str):
        return mapping.get(value, value)
    if isinstance(value, list):
        return [_translate(v, mapping) for v in value]
    if isinstance(value, dict):
        return {_translate(k, mapping): _translate(v, mapping) for k, v in value.items()}
    return value


def rekey(old: Mapping, fresh: Mapping) -> dict | None:
    """`old` with the key, explanation and feedback of `fresh` (same question, fixed), or None
    when the options no longer correspond or the kind changed."""
    if old.get("kind") != fresh.get("kind"):
        return None
    mapping = _id_map(old, fresh)
    if mapping is None:
        return None
    return {
        **old,
        "key": _translate(fresh["key"], mapping),
        "feedback": _translate(fresh.get("feedback") or {}, mapping),
        "explanation": fresh.get("explanation", ""),
    }


def key_changed(old: Mapping, new: Mapping) -> bool:
    """Whether the fixed snapshot grades differently from the stored one (its key changed)."""
    return _canonical(old.get("key")) != _canonical(new.get("key"))


def _canonical(value: object) -> object:
    """Lists of ids compare as sets where their order carries no meaning (the correct options)."""
    if isinstance(value, dict):
        return {
            k: sorted(v) if k == "correct" and isinstance(v, list) else _canonical(v)
            for k, v in value.items()
        }
    return value


def new_points(snapshot: Mapping, response: object) -> tuple[float, bool | None]:
    """(points, is_correct) of a stored response under the snapshot's key; an unanswered item
    keeps no verdict."""
    if response is None:
        return 0.0, None
    result = grade(snapshot["kind"], snapshot["key"], response)
    return result.points, result.is_correct
