"""Question generation: median time for a 2,000-word text, and what the generator yields.

Times `generate` on the first 2,000 words of the seed article followed by the explainer (the
goal is under 100 ms), then prints, for the article and the explainer, the drafts made per
1,000 words before any filter (the goal is at least 20), and per kind how many drafts were
made, passed the filters and reached the top 20, and how many of those pass the labelled
rubric in tests/data/generation_labels.json (the goal is 80 % of the top 20).

Run: .venv/bin/python bench/bench_generation.py [runs]
"""

import json
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from quizapp.core.article_text import explainer_text  # noqa: E402
from quizapp.core.generation import counts, generate  # noqa: E402
from quizapp.core.generation.labels import fingerprint, pass_rate, passes  # noqa: E402
from quizapp.core.generation.lexicon import index  # noqa: E402
from quizapp.services import content as content_files  # noqa: E402

WORDS = 2_000
GOAL_MS, GOAL_PER_1000, GOAL_PASS, TOP = 100, 20, 0.8, 20
ARTICLE = ROOT.parent / "shared" / "seed" / "article.txt"
LABELS = ROOT / "tests" / "data" / "generation_labels.json"
FAMILIES = ("cloze", "who_said", "numeric", "true_false", "ordering")


def texts() -> dict[str, str]:
    """The seed article (when the shared folder is there) and the explainer as the app reads
    it for `flask seed`."""
    sections = [(t.slug, t.title, t.body) for t in content_files.topic_files()]
    found = {"explainer": explainer_text(sections).text}
    if ARTICLE.is_file():
        found = {"article": ARTICLE.read_text(encoding="utf-8"), **found}
    return found


def trimmed(text: str, words: int) -> str:
    """The text up to its `words`-th word, line breaks kept."""
    found = list(re.finditer(r"\S+", text))
    return text[: found[min(words, len(found)) - 1].end()]


def timings(runs: int = 20) -> tuple[list[float], list[float]]:
    """Wall and CPU seconds of each run on a 2,000-word text, the gazetteer already built."""
    text = trimmed("\n\n".join(texts().values()), WORDS)
    index()  # built once per process; time the calls, not the build
    wall, cpu = [], []
    for _ in range(runs):
        started, started_cpu = time.perf_counter(), time.thread_time()
        generate(text)
        wall.append(time.perf_counter() - started)
        cpu.append(time.thread_time() - started_cpu)
    return wall, cpu


def median_ms(runs: int = 20) -> float:
    """Median wall-clock milliseconds to generate from a 2,000-word text."""
    return statistics.median(timings(runs)[0]) * 1000


def family(candidate) -> str:
    if candidate.prompt.startswith("Who said"):
        return "who_said"
    return "cloze" if candidate.kind == "single" else candidate.kind


def _verdict(ok: bool) -> str:
    return "yes" if ok else "NO"


def report_text(name: str, text: str, labels: dict) -> None:
    made = counts(text)
    per_1000 = sum(made.drafts.values()) / made.words * 1000
    top = generate(text, limit=TOP)
    rate = pass_rate(top, labels)
    print(
        f"\n{name}: {made.words:,} words, {sum(made.drafts.values())} drafts before filters "
        f"= {per_1000:.0f} per 1,000 words (goal {GOAL_PER_1000}) "
        f"{_verdict(per_1000 >= GOAL_PER_1000)}; top {TOP} pass the rubric: {rate:.0%} "
        f"(goal {GOAL_PASS:.0%}) {_verdict(rate >= GOAL_PASS)}"
    )
    in_top = Counter(family(c) for c in top)
    good = Counter(
        family(c) for c in top if fingerprint(c) in labels and passes(labels[fingerprint(c)])
    )
    print(f"  {'kind':<11} {'drafts':>6} {'passed':>6} {'top 20':>6} {'pass':>5}")
    for kind in FAMILIES:
        share = f"{good[kind] / in_top[kind]:.0%}" if in_top[kind] else "-"
        print(
            f"  {kind:<11} {made.drafts.get(kind, 0):>6} {made.passed.get(kind, 0):>6} "
            f"{in_top[kind]:>6} {share:>5}"
        )


def main(runs: int = 20) -> None:
    wall, cpu = timings(runs)
    median = statistics.median(wall) * 1000
    # CPU time shows the cost without the other processes of a shared machine.
    print(
        f"generation: median {median:.1f} ms for {WORDS:,} words over {runs} runs "
        f"(goal under {GOAL_MS} ms) {_verdict(median < GOAL_MS)}; "
        f"CPU median {statistics.median(cpu) * 1000:.1f} ms, fastest {min(wall) * 1000:.1f} ms"
    )
    labels = json.loads(LABELS.read_text(encoding="utf-8"))["labels"]
    for name, text in texts().items():
        report_text(name, text, labels)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20)
