"""`make bench`: how much each page costs next to a bare Flask app, in one run on this machine.

Builds a realistic SQLite database, serves the app and a bare Flask "hello" under the same
gunicorn settings (2 gthread workers, 4 threads each), drives both with wrk at 32 connections,
and prints requests/s, p50 and p99 per page with each page's throughput as a share of the floor.
Then: SQL statements per page (small and large), login time, and the generation and report
benchmarks when they are present. `--save-baseline` keeps this run in bench/baseline.json;
later runs say how they compare.
"""

import argparse
import json
import os
import platform
import re
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from urllib.parse import urlencode

import requests

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(BENCH.parent))

from dataset import PASSWORD, build  # noqa: E402
from loadgen import ROOT, WRK_THREADS, ensure_wrk, serve, wrk  # noqa: E402
from queries import page_queries  # noqa: E402

from quizapp import create_app  # noqa: E402
from quizapp.models import AttemptItem, db  # noqa: E402

BASELINE = BENCH / "baseline.json"
CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
COOKIE = "__Host-session"
# (name, share of the floor to reach, p99 limit in ms)
TARGETS = {
    "explainer section": (0.60, 100),
    "explainer, no login": (0.60, 100),
    "quiz list": (0.60, 100),
    "quiz list, no login": (0.60, 100),
    "question page": (0.30, 100),
    "save an answer": (0.10, 250),
    "result page": (0.30, 100),
    "history page": (0.30, 100),
}
MAX_QUERIES, LOGIN_MS = 6, 40
EXTRAS = ("bench_generation.py", "bench_reports.py")


def _app(uri: str, **extra):
    config = {"SECRET_KEY": secrets.token_hex(32), "SQLALCHEMY_DATABASE_URI": uri}
    return create_app({**config, **extra})


def build_database(uri: str):
    started = time.perf_counter()
    app = _app(uri)
    with app.app_context():
        data = build()
        db.engine.dispose()
    print(f"database: {data.counts} built in {time.perf_counter() - started:.1f} s")
    return data


def count_queries(uri: str, data) -> list[tuple[str, int, int]]:
    app = _app(uri, WTF_CSRF_ENABLED=False)
    rows = page_queries(app, data)
    with app.app_context():
        db.engine.dispose()
    return rows


def _floor(seconds: int) -> float:
    with serve("hello:app", chdir=BENCH) as base:
        return wrk("floor", base + "/", seconds=seconds).rps


class Student:
    """A logged-in student talking to the served app with a plain Cookie header."""

    def __init__(self, base: str, username: str):
        self.base, self.cookie = base, ""
        self.login_ms = [self._login(username) for _ in range(10)]

    def get(self, path: str) -> requests.Response:
        response = requests.get(
            self.base + path, headers={"Cookie": self.cookie}, allow_redirects=False, timeout=10
        )
        self._keep(response)
        return response

    def csrf(self, path: str) -> str:
        return CSRF.search(self.get(path).text).group(1)

    def _keep(self, response: requests.Response) -> None:
        value = response.cookies.get(COOKIE)
        if value:
            self.cookie = f"{COOKIE}={value}"

    def _login(self, username: str) -> float:
        self.cookie = ""
        token = self.csrf("/login")
        form = {"username": username, "password": PASSWORD, "csrf_token": token}
        started = time.perf_counter()
        response = requests.post(
            self.base + "/login",
            data=form,
            headers={"Cookie": self.cookie},
            allow_redirects=False,
            timeout=10,
        )
        elapsed = (time.perf_counter() - started) * 1000
        if response.status_code != 302:
            raise SystemExit(f"login failed: {response.status_code}")
        self._keep(response)
        return elapsed


def _write_items(uri: str, attempt_id: int, token: str, path: Path) -> None:
    """The lines answer.lua reads: position, version and two bodies choosing other options."""
    app = _app(uri)
    with app.app_context():
        items = db.session.scalars(
            db.select(AttemptItem).where(AttemptItem.attempt_id == attempt_id)
        ).all()
        lines = []
        for item in items:
            first, second = (o["id"] for o in item.snapshot["options"][:2])
            bodies = [urlencode({"csrf_token": token, "answer": a}) for a in (first, second)]
            lines.append(f"{item.position}\t{item.version}\t{bodies[0]}\t{bodies[1]}")
        db.engine.dispose()
    path.write_text("\n".join(lines) + "\n")


def measure_app(uri: str, data, seconds: int, tmp: Path) -> tuple[list, list[float]]:
    env = {"FLASK_SQLALCHEMY_DATABASE_URI": uri, "FLASK_SECRET_KEY": secrets.token_hex(32)}
    os.environ.pop("DATABASE_URL", None)
    with serve("quizapp:create_app()", env=env) as base:
        student = Student(base, data.username)
        token = student.csrf(f"/attempts/{data.write_attempt}/q/1")
        items = tmp / "write_items.tsv"
        _write_items(uri, data.write_attempt, token, items)
        cookie = student.cookie
        gets = [
            ("explainer section", f"/learn/{data.topic_slug}", cookie),
            ("explainer, no login", f"/learn/{data.topic_slug}", ""),
            ("quiz list", "/quizzes", cookie),
            ("quiz list, no login", "/quizzes", ""),
            ("question page", f"/attempts/{data.long_attempt}/q/25", cookie),
            ("result page", f"/attempts/{data.result_attempt}/result", cookie),
            ("history page", "/history", cookie),
        ]
        for _, path, _ in gets:
            if student.get(path).status_code != 200:
                raise SystemExit(f"GET {path} did not answer 200")
        loads = [wrk(name, base + p, seconds=seconds, cookie=c) for name, p, c in gets]
        write = wrk(
            "save an answer",
            f"{base}/attempts/{data.write_attempt}/answer",
            seconds=seconds,
            cookie=cookie,
            script="bench/answer.lua",
            args=(WRK_THREADS, items),
        )
        loads.insert(5, write)
    return loads, student.login_ms


def _verdict(ok: bool) -> str:
    return "yes" if ok else "NO"


def report(floor: float, loads: list, queries: list, login_ms: list[float]) -> dict:
    print(f"\nfloor (bare Flask, same gunicorn settings): {floor:,.0f} req/s")
    print(f"{'target':<18} {'req/s':>8} {'p50 ms':>7} {'p99 ms':>7} {'x floor':>8} "
          f"{'goal':>6} {'met':>4} {'errors':>6}")  # fmt: skip
    results = {}
    for load in loads:
        share, p99_limit = TARGETS[load.name]
        ratio = load.rps / floor
        met = ratio >= share and load.p99 < p99_limit and not load.errors
        print(f"{load.name:<18} {load.rps:>8,.0f} {load.p50:>7.1f} {load.p99:>7.1f} "
              f"{ratio:>7.0%} {share:>6.0%} {_verdict(met):>4} {load.errors:>6}")  # fmt: skip
        results[load.name] = {**load.as_dict(), "ratio": round(ratio, 3)}
    print(f"\nSQL statements per request (at most {MAX_QUERIES}, the same small and large):")
    for name, small, large in queries:
        met = small == large and max(small, large) <= MAX_QUERIES
        print(f"  {name:<18} small {small:>2}  large {large:>2}  {_verdict(met)}")
    login = statistics.median(login_ms)
    print(f"\nlogin: median {login:.0f} ms round trip over {len(login_ms)} logins "
          f"(goal at most {LOGIN_MS} ms) {_verdict(login <= LOGIN_MS)}")  # fmt: skip
    return {
        "date": date.today().isoformat(),
        "machine": f"{os.cpu_count()} cores, {platform.machine()}, "
        f"Python {platform.python_version()}",
        "floor_rps": round(floor, 1),
        "targets": results,
        "queries": {name: [small, large] for name, small, large in queries},
        "login_ms": round(login, 1),
    }


def compare(current: dict) -> None:
    if not BASELINE.is_file():
        print("\nno bench/baseline.json yet: keep this run with --save-baseline")
        return
    baseline = json.loads(BASELINE.read_text())
    print(f"\ncompared with the baseline of {baseline['date']} (share of the floor):")
    for name, now in current["targets"].items():
        before = baseline["targets"].get(name)
        if before:
            change = now["ratio"] / before["ratio"] - 1
            word = "faster" if change > 0.05 else "slower" if change < -0.05 else "about the same"
            print(
                f"  {name:<18} {before['ratio']:.0%} -> {now['ratio']:.0%}  {word} ({change:+.0%})"
            )


def run_extras() -> None:
    for name in EXTRAS:
        script = BENCH / name
        if script.is_file():
            print(f"\n== {name}")
            subprocess.run([sys.executable, str(script)], cwd=ROOT, check=False)
        else:
            print(f"\n== {name}: not present, skipped")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10, help="length of each wrk run")
    parser.add_argument("--save-baseline", action="store_true", help="write bench/baseline.json")
    parser.add_argument("--no-extras", action="store_true", help="skip generation and reports")
    args = parser.parse_args()
    ensure_wrk()
    with tempfile.TemporaryDirectory(prefix="quizapp-bench-") as tmp:
        uri = f"sqlite:///{Path(tmp) / 'bench.sqlite'}"
        data = build_database(uri)
        queries = count_queries(uri, data)
        floors = [_floor(args.seconds)]
        loads, login_ms = measure_app(uri, data, args.seconds, Path(tmp))
        floors.append(_floor(args.seconds))
    print(f"\nfloor runs: {', '.join(f'{f:,.0f}' for f in floors)} req/s (before and after)")
    current = report(statistics.mean(floors), loads, queries, login_ms)
    compare(current)
    if args.save_baseline:
        BASELINE.write_text(json.dumps(current, indent=2) + "\n")
        print(f"saved {BASELINE.relative_to(ROOT)}")
    if not args.no_extras:
        run_extras()


if __name__ == "__main__":
    main()
