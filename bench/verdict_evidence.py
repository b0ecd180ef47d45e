"""Pass rates of judged drafts by kind, position and sentence features.

Joins every judged verdict (tests/data/judging/verdicts/) with the draft it judged, taken from
any committed version of the packets, resolves the two judges (a third reading settling
disagreements) and prints pass rates for held-out rounds and for dev.
Run: .venv/bin/python bench/verdict_evidence.py
"""

import json
import re
import subprocess
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
JUDGING = ROOT / "tests/data/judging"
ARTICLES = ROOT / "tests/data/articles"
CRITERIA = ("grammatical", "answerable", "one_answer", "distractors", "important", "no_giveaway")


def git(*args: str) -> str:
    return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True).stdout


def drafts_by_id() -> dict[str, dict]:
    found: dict[str, dict] = {}
    for commit in git("log", "--format=%H", "--", "tests/data/judging/packets").split():
        for path in git("ls-tree", "--name-only", commit, "tests/data/judging/packets/").split():
            if not path.endswith(".json"):
                continue
            try:
                packet = json.loads(git("show", f"{commit}:{path}"))
            except ValueError:
                continue
            for draft in packet.get("drafts", []):
                found.setdefault(draft["id"], dict(draft, article=packet["article"]))
    return found


def held_out_articles() -> set[str]:
    text = (JUDGING / "history.md").read_text()
    names: set[str] = set()
    for line in text.splitlines():
        if line.startswith("| ") and "of" in line and ":" in line:
            names.update(re.findall(r"[a-z0-9_]{6,}_\d{4}|[a-z_]+_finals", line.split(":", 1)[1]))
    return names


def verdicts() -> dict[tuple[str, str], bool]:
    by_judge: dict[tuple[str, str], dict[str, bool]] = defaultdict(dict)
    for path in JUDGING.glob("verdicts/*.json"):
        data = json.loads(path.read_text())
        for draft_id, verdict in data["verdicts"].items():
            ok = all(verdict.get(c) for c in CRITERIA)
            by_judge[(data["article"], draft_id)][data["judge"]] = ok
    resolved = {}
    for key, judges in by_judge.items():
        if "a" in judges and "b" in judges and judges["a"] == judges["b"]:
            resolved[key] = judges["a"]
        elif "c" in judges:
            resolved[key] = judges["c"]
    return resolved


def body(name: str) -> str:
    return (ARTICLES / f"{name}.txt").read_text().split("\n---\n", 1)[-1]


def position(draft: dict) -> str:
    text = body(draft["article"])
    paragraphs = [p for p in re.split(r"\n\s*\n", text) if p.strip()]
    words = set(re.findall(r"[A-Za-z]{4,}", draft["prompt"]))
    best, where = 0, -1
    for index, paragraph in enumerate(paragraphs):
        overlap = len(words & set(re.findall(r"[A-Za-z]{4,}", paragraph)))
        if overlap > best:
            best, where = overlap, index
    return "headline/lead" if where <= 1 else ("para 2-4" if where <= 4 else "later")


def features(draft: dict) -> dict[str, str]:
    prompt = draft["prompt"]
    return {
        "kind": draft["kind"],
        "position": position(draft),
        "figure/date": "yes" if re.search(r"\d", prompt) else "no",
        "quote": "yes" if re.search(r"[\"“”]", prompt) else "no",
        "said-verb": "yes" if re.search(r"\b(said|says|told|added)\b", prompt) else "no",
        "length": "long (>30 words)" if len(prompt.split()) > 30 else "short",
    }


def main() -> None:
    drafts, judged, held = drafts_by_id(), verdicts(), held_out_articles()
    tables: dict[tuple[str, str, str], list[int]] = defaultdict(lambda: [0, 0])
    missing = 0
    for (article, draft_id), ok in judged.items():
        draft = drafts.get(draft_id)
        if draft is None:
            missing += 1
            continue
        split = "held-out" if article in held else "dev"
        feats = features(draft)
        for name, value in feats.items():
            tables[(split, name, value)][0] += ok
            tables[(split, name, value)][1] += 1
        if feats["kind"] in ("true_false", "numeric"):
            combo = f"{feats['kind']} {feats['position']}"
            if feats["kind"] == "true_false":
                combo += f" digit={feats['figure/date']}"
            tables[(split, "combination", combo)][0] += ok
            tables[(split, "combination", combo)][1] += 1
        tables[(split, "all", "all")][0] += ok
        tables[(split, "all", "all")][1] += 1
    print(f"verdicts without a recoverable draft: {missing}")
    for key in sorted(tables):
        passed, total = tables[key]
        share = 100 * passed // total
        print(f"{key[0]:9} {key[1]:12} {key[2]:28} {passed:3}/{total:3} ({share} %)")


if __name__ == "__main__":
    main()
