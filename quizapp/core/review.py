"""Human-readable answers for review pages: what the student said and what was right."""

from collections.abc import Mapping

from quizapp.core.grading import Grade, grade


def _texts(snapshot: Mapping, ids) -> list[str]:
    by_id = {o["id"]: o["text"] for o in snapshot["options"] + snapshot.get("answers", [])}
    return [by_id[i] for i in ids if i in by_id]


def _fmt_number(value: float) -> str:
    return f"{value:g}" if abs(value) < 1e15 else str(value)


def describe_response(snapshot: Mapping, response: object) -> str:
    """The student's answer as text ("No answer" when there is none)."""
    if response is None:
        return "No answer"
    kind = snapshot["kind"]
    if kind in ("single", "true_false"):
        return ", ".join(_texts(snapshot, [response]))
    if kind in ("multiple", "ordering"):
        separator = " → " if kind == "ordering" else ", "
        return separator.join(_texts(snapshot, response))
    if kind == "matching":
        return "; ".join(
            f"{_texts(snapshot, [p])[0]} → {', '.join(_texts(snapshot, [a]))}"
            for p, a in response.items()
        )
    if kind == "numeric":
        return _fmt_number(float(response))
    return str(response)


def describe_key(snapshot: Mapping) -> str:
    """The right answer as text."""
    key, kind = snapshot["key"], snapshot["kind"]
    if kind in ("single", "true_false", "multiple"):
        return ", ".join(_texts(snapshot, key["correct"]))
    if kind == "ordering":
        return " → ".join(_texts(snapshot, key["order"]))
    if kind == "matching":
        return "; ".join(
            f"{_texts(snapshot, [p])[0]} → {_texts(snapshot, [a])[0]}"
            for p, a in key["pairs"].items()
        )
    if kind == "numeric":
        tolerance = key["tolerance"]
        value = _fmt_number(key["value"])
        return f"{value} (± {_fmt_number(tolerance)})" if tolerance else value
    return " or ".join(key["accepted"])


def regrade(snapshot: Mapping, response: object) -> Grade:
    return grade(snapshot["kind"], snapshot["key"], response)
