"""Every judged draft in the git history, with its final pass/fail label, for the scorer.

Walks each committed version of the judging packets (tests/data/judging/packets/) and of the
verdicts (tests/data/judging/verdicts/), keeps each judge's latest verdict on each draft,
resolves the two judges per criterion (a third reading settling disagreements, as
quizapp.core.generation.judging.resolve does) and writes one example per (article, draft)
to tests/data/judging/scorer_examples.json, so training needs no git history.
Run: .venv/bin/python bench/scorer_data.py
"""

import json
import subprocess
from collections import defaultdict
from pathlib import Path

from quizapp.core.generation.judging import resolve
from quizapp.core.generation.labels import passes

ROOT = Path(__file__).resolve().parent.parent
JUDGING = "tests/data/judging"
ARTICLES = ROOT / "tests/data/articles"
OUT = ROOT / JUDGING / "scorer_examples.json"
FIELDS = ("kind", "prompt", "options", "key", "tolerance")


def git(*args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout


def versions(folder: str):
    """(commit, path, parsed JSON) of every committed version, oldest commit first."""
    for commit in reversed(git("log", "--format=%H", "--", f"{JUDGING}/{folder}").split()):
        for path in git("ls-tree", "--name-only", commit, f"{JUDGING}/{folder}/").split():
            if path.endswith(".json"):
                try:
                    yield json.loads(git("show", f"{commit}:{path}"))
                except ValueError:
                    continue


def drafts() -> dict[tuple[str, str], dict]:
    found: dict[tuple[str, str], dict] = {}
    for packet in versions("packets"):
        for draft in packet.get("drafts", []):
            entry = {f: draft.get(f) for f in FIELDS}
            found.setdefault((packet["article"], draft["id"]), entry)
    return found


def readings() -> dict[str, dict[str, dict]]:
    """article → judge → draft id → criteria, the latest committed verdict winning."""
    found: dict[str, dict[str, dict]] = defaultdict(lambda: defaultdict(dict))
    for data in versions("verdicts"):
        if "article" in data and "judge" in data:
            found[data["article"]][data["judge"]].update(data.get("verdicts", {}))
    return found


def examples() -> list[dict]:
    made, judged = drafts(), readings()
    out = []
    for article in sorted(judged):
        if not (ARTICLES / f"{article}.txt").is_file():
            continue
        labels = resolve(judged[article]).labels
        for draft_id in sorted(labels):
            draft = made.get((article, draft_id))
            if draft is not None:
                passed = passes(labels[draft_id])
                out.append({"article": article, "id": draft_id, **draft, "passed": passed})
    return out


def main() -> None:
    found = examples()
    OUT.write_text(json.dumps(found, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    passed = sum(e["passed"] for e in found)
    articles = len({e["article"] for e in found})
    print(f"{OUT.relative_to(ROOT)}: {len(found)} drafts from {articles} articles, {passed} pass")


if __name__ == "__main__":
    main()
