"""Matching: each prompt gets one of the answers; credit is the share matched right (a partly
matched answer keeps the matches chosen, and scores the share of them that is right)."""

import random
from collections.abc import Mapping

from quizapp.core.gift import GiftPair, GiftQuestion
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
    option_texts,
    plain,
    rows,
    token,
)
from quizapp.core.kinds.choice import NOT_AN_OPTION

MIN_PAIRS = 3


def _pair_rows(raw: Mapping) -> tuple[list[dict], bool]:
    """Complete pairs, and whether a row had only one half."""
    pairs, half = [], False
    for row in rows(raw.get("pairs")):
        prompt, answer = clean(row.get("prompt")), clean(row.get("answer"))
        if prompt and answer:
            pairs.append({"prompt": prompt, "answer": answer})
        elif prompt or answer:
            half = True
    return pairs, half


def _repeated(texts) -> str:
    """The first text given twice (case aside), or ""."""
    seen: set[str] = set()
    for text in texts:
        if text.casefold() in seen:
            return text
        seen.add(text.casefold())
    return ""


class Matching(Kind):
    name = "matching"
    label = "Matching"
    form = "matching"
    answer_fields = ("pairs",)

    def example(self) -> dict:
        return {
            "pairs": [
                {"prompt": "TTP", "answer": "Pakistani Taliban"},
                {"prompt": "BLA", "answer": "Baloch separatists"},
                {"prompt": "PoR", "answer": "Proof of Registration"},
            ]
        }

    def check(self, raw: Mapping) -> tuple[dict, dict]:
        pairs, half = _pair_rows(raw)
        problem = ""
        if half:
            problem = "Every pair needs both a prompt and its match."
        elif len(pairs) < MIN_PAIRS:
            problem = f"Give at least {MIN_PAIRS} pairs (now {len(pairs)})."
        elif repeated := _repeated(p["prompt"] for p in pairs):
            problem = f"Each prompt must be different: “{repeated}” is given twice."
        elif len({p["answer"].casefold() for p in pairs}) < 2:
            problem = "Give at least two different matches: with one, there is nothing to choose."
        return {"pairs": pairs}, ({"pairs": problem} if problem else {})

    def stored(self, fields: Mapping) -> StoredAnswers:
        return StoredAnswers(
            choices=tuple(ChoiceData(p["prompt"], True, "", p["answer"]) for p in fields["pairs"])
        )

    def fields(self, stored: Answers) -> dict:
        return {"pairs": [{"prompt": c.text, "answer": c.match_text or ""} for c in stored.choices]}

    def snapshot(self, stored: Answers, rng: random.Random, shuffle: bool, new_id: NewId) -> dict:
        taken: set[str] = set()
        prompts = [(token(new_id, taken), c.text) for c in stored.choices]
        # Two prompts may share a match (Kabul → Afghanistan, Kandahar → Afghanistan): the
        # match is offered once and is the key of both.
        answers: dict[str, tuple[str, str]] = {}
        for c in stored.choices:
            text = c.match_text or ""
            answers.setdefault(text.casefold(), (token(new_id, taken), text))
        return {
            "options": [{"id": pid, "text": text} for pid, text in prompts],
            "answers": [
                {"id": aid, "text": text}
                for aid, text in sorted(answers.values(), key=lambda a: a[1].casefold())
            ],
            "key": {
                "pairs": {
                    pid: answers[(c.match_text or "").casefold()][0]
                    for (pid, _), c in zip(prompts, stored.choices, strict=True)
                }
            },
        }

    def parse(self, snapshot: Mapping, form: FormValues) -> ParsedResponse:
        answers = {option["id"] for option in snapshot["answers"]}
        chosen = {}
        for prompt in snapshot["options"]:
            raw = first_value(form, f"match-{prompt['id']}")
            if not raw:
                return ParsedResponse(error="Choose a match for every item.")
            if raw not in answers:
                return ParsedResponse(error=NOT_AN_OPTION)
            chosen[prompt["id"]] = raw
        return ParsedResponse(chosen)

    def parse_partial(self, snapshot: Mapping, form: FormValues) -> ParsedResponse:
        """The matches chosen so far (prompt id -> answer id); the others are left out."""
        answers = {option["id"] for option in snapshot["answers"]}
        chosen = {}
        for prompt in snapshot["options"]:
            raw = first_value(form, f"match-{prompt['id']}")
            if raw and raw not in answers:
                return ParsedResponse(error=NOT_AN_OPTION)
            if raw:
                chosen[prompt["id"]] = raw
        return ParsedResponse(chosen or None)

    def is_complete(self, snapshot: Mapping, response: object) -> bool:
        return response is not None and len(response) == len(snapshot["options"])

    def form_values(self, snapshot: Mapping, response: object) -> dict[str, list[str]]:
        return {f"match-{prompt}": [answer] for prompt, answer in response.items()}

    def right_response(self, snapshot: Mapping) -> object:
        return dict(snapshot["key"]["pairs"])

    def grade(self, key: Mapping, response: object) -> float:
        pairs = key["pairs"]
        right = sum(1 for prompt, answer in pairs.items() if response.get(prompt) == answer)
        return right / len(pairs)

    def describe(self, snapshot: Mapping, response: object) -> str:
        return "; ".join(
            f"{option_texts(snapshot, [p])[0]} → {', '.join(option_texts(snapshot, [a]))}"
            for p, a in response.items()
        )

    def describe_key(self, snapshot: Mapping) -> str:
        return "; ".join(
            f"{option_texts(snapshot, [p])[0]} → {option_texts(snapshot, [a])[0]}"
            for p, a in snapshot["key"]["pairs"].items()
        )

    def from_gift(self, q: GiftQuestion) -> dict:
        fmt = q.text_format
        return {
            "pairs": [
                {"prompt": plain(p.prompt, fmt), "answer": p.answer} for p in q.pairs if p.prompt
            ]
        }

    def to_gift(self, fields: Mapping) -> GiftBody:
        return GiftBody(pairs=tuple(GiftPair(p["prompt"], p["answer"]) for p in fields["pairs"]))


KIND = Matching()
