"""Median time to generate questions from a 2,000-word text (the seed article plus the
explainer, trimmed). Run: .venv/bin/python bench/bench_generation.py [runs]"""

import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from quizapp.core.generation import generate  # noqa: E402
from quizapp.core.generation.lexicon import index  # noqa: E402
from quizapp.core.markdown import plain_text  # noqa: E402

WORDS = 2_000


def corpus() -> str:
    """The article (when the shared folder is there) and the explainer, as plain text."""
    article = ROOT.parent / "shared" / "seed" / "article.txt"
    parts = [article.read_text()] if article.exists() else []
    for path in sorted((ROOT / "quizapp" / "content" / "topics").glob("*.md")):
        body = re.sub(r"\A---\n.*?\n---\n", "", path.read_text(), flags=re.S)
        parts.append(plain_text(body))
    return "\n\n".join(parts)


def trimmed(text: str, words: int) -> str:
    """The text up to its `words`-th word, line breaks kept."""
    found = list(re.finditer(r"\S+", text))
    return text[:found[min(words, len(found)) - 1].end()]


def main(runs: int = 20) -> None:
    text = trimmed(corpus(), WORDS)
    index()  # the gazetteer is built once per process; time the calls, not the build
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        found = generate(text)
        timings.append(time.perf_counter() - start)
    print(f"{len(text.split())} words, {len(found)} candidates, {runs} runs: "
          f"median {statistics.median(timings) * 1000:.1f} ms, "
          f"min {min(timings) * 1000:.1f} ms")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20)
