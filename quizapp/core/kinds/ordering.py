"""Put in order: all items in the right order (no partial credit: a half-right order is wrong).

A partly placed answer is kept as a list by place with None for the places not given yet;
it scores nothing, like any order that is not the right one.

GIFT has no ordering type, so these questions are neither imported nor exported.
"""

import random
from collections.abc import Mapping

from quizapp.core.digits import plain_int
from quizapp.core.gift import GiftQuestion
from quizapp.core.kinds.base import (
    Answers,
    ChoiceData,
    FormValues,
    GiftBody,
    Kind,
    NewId,
    ParsedResponse,
    StoredAnswers,
    clean,
    first_value,
    has_duplicates,
    option_texts,
    strings,
    token,
)

MIN_ITEMS = 3


def shuffled_differently(items: list, rng: random.Random) -> list:
    """A shuffled copy that is never the original order (the order is the answer)."""
    shown = list(items)
    while len(shown) > 1 and shown == items:
        rng.shuffle(shown)
    return shown


def _twice(place: int) -> str:
    return f"Place {place} is given to more than one item: use each place only once."


def _places(snapshot: Mapping, form: FormValues, out_of_range: str) -> ParsedResponse:
    """The items by place as the form gives them (None for a place no item has yet), or what
    to fix: `out_of_range` for a place that is not 1 … the number of items, else the lowest
    place given to two items, whether or not every item has a place."""
    ids = [option["id"] for option in snapshot["options"]]
    given: dict[str, int] = {}
    for option_id in ids:
        raw = first_value(form, f"rank-{option_id}").strip()
        if not raw:
            continue
        place = plain_int(raw)
        if place is None or not 1 <= place <= len(ids):
            return ParsedResponse(error=out_of_range)
        given[option_id] = place
    places = list(given.values())
    twice = [place for place in sorted(set(places)) if places.count(place) > 1]
    if twice:
        return ParsedResponse(error=_twice(twice[0]))
    placed: list[str | None] = [None] * len(ids)
    for option_id, place in given.items():
        placed[place - 1] = option_id
    return ParsedResponse(placed)


class Ordering(Kind):
    name = "ordering"
    label = "Put in order"
    form = "ordering"
    answer_fields = ("items",)
    has_gift = False

    def example(self) -> dict:
        return {"items": ["Durand Line drawn", "Partition", "Border fence built"]}

    def check(self, raw: Mapping) -> tuple[dict, dict]:
        items = [text for text in map(clean, strings(raw.get("items"))) if text]
        problem = ""
        if len(items) < MIN_ITEMS:
            problem = f"Give at least {MIN_ITEMS} items, in the right order (now {len(items)})."
        elif has_duplicates(items):
            problem = "Each item must be different, or the right order is ambiguous."
        return {"items": items}, ({"items": problem} if problem else {})

    def stored(self, fields: Mapping) -> StoredAnswers:
        return StoredAnswers(choices=tuple(ChoiceData(text, True) for text in fields["items"]))

    def fields(self, stored: Answers) -> dict:
        return {"items": [c.text for c in stored.choices]}

    def snapshot(self, stored: Answers, rng: random.Random, shuffle: bool, new_id: NewId) -> dict:
        taken: set[str] = set()
        options = [(token(new_id, taken), choice) for choice in stored.choices]
        shown = shuffled_differently(options, rng)
        return {
            "options": [{"id": oid, "text": c.text} for oid, c in shown],
            "feedback": {oid: c.feedback for oid, c in options if c.feedback},
            "key": {"order": [oid for oid, _ in options]},
        }

    def parse(self, snapshot: Mapping, form: FormValues) -> ParsedResponse:
        size = len(snapshot["options"])
        parsed = _places(snapshot, form, f"Give every item a place from 1 to {size}.")
        if parsed.error or None not in parsed.value:
            return parsed
        return ParsedResponse(error=f"Give every item a place from 1 to {size}.")

    def parse_partial(self, snapshot: Mapping, form: FormValues) -> ParsedResponse:
        """The places given so far: a list by place, None where no item has that place yet."""
        size = len(snapshot["options"])
        parsed = _places(snapshot, form, f"Give each item a place from 1 to {size}.")
        if parsed.error or any(parsed.value):
            return parsed
        return ParsedResponse()

    def is_complete(self, snapshot: Mapping, response: object) -> bool:
        return response is not None and None not in response

    def form_values(self, snapshot: Mapping, response: object) -> dict[str, list[str]]:
        return {
            f"rank-{option_id}": [str(n)]
            for n, option_id in enumerate(response, 1)
            if option_id is not None
        }

    def right_response(self, snapshot: Mapping) -> object:
        return list(snapshot["key"]["order"])

    def grade(self, key: Mapping, response: object) -> float:
        return 1.0 if list(response) == list(key["order"]) else 0.0

    def describe(self, snapshot: Mapping, response: object) -> str:
        if None not in response:
            return " → ".join(option_texts(snapshot, response))
        placed = [
            f"place {n}: {option_texts(snapshot, [option_id])[0]}"
            for n, option_id in enumerate(response, 1)
            if option_id is not None
        ]
        return "; ".join(placed) + " (the others not placed)"

    def describe_key(self, snapshot: Mapping) -> str:
        return " → ".join(option_texts(snapshot, snapshot["key"]["order"]))

    def from_gift(self, q: GiftQuestion) -> dict:
        raise NotImplementedError("GIFT has no ordering questions.")

    def to_gift(self, fields: Mapping) -> GiftBody:
        raise NotImplementedError("GIFT has no ordering questions.")


KIND = Ordering()
