"""Command-line start-up: median wall time of `flask --app quizapp …` commands, each a fresh
process (as a teacher or a cron job runs them), on an empty SQLite file.

`--help` and `generate --help` list commands only (the goal is under 0.5 s); `routes` finishes
the app's set-up (SQLAlchemy, the models, every view) for comparison.

Run: .venv/bin/python bench/bench_startup.py [runs]
"""

import os
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FLASK = Path(sys.executable).with_name("flask")
GOAL_S = 0.5
COMMANDS = (("--help",), ("generate", "--help"), ("routes",))


def median_seconds(args: tuple[str, ...], runs: int, env: dict) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(
            [str(FLASK), "--app", "quizapp", *args], cwd=ROOT, env=env, check=True,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 15
    with tempfile.TemporaryDirectory() as folder:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("FLASK_", "DATABASE_"))}
        env.pop("PYTHONDONTWRITEBYTECODE", None)  # as installed: compiled modules are cached
        env["FLASK_SECRET_KEY"] = secrets.token_hex(32)
        env["FLASK_SQLALCHEMY_DATABASE_URI"] = f"sqlite:///{Path(folder) / 'startup.sqlite'}"
        median_seconds(("--help",), 1, env)  # writes the bytecode caches once
        print(f"load average {os.getloadavg()[0]:.2f}; median of {runs} fresh processes")
        for args in COMMANDS:
            seconds = median_seconds(args, runs, env)
            goal = f" (goal < {GOAL_S} s)" if "--help" in args else ""
            print(f"  flask --app quizapp {' '.join(args):<16} {seconds:.2f} s{goal}")


if __name__ == "__main__":
    main()
