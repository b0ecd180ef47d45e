"""Where a classroom lesson's time goes, per step: the lesson of bench/classroom.py run through
Flask's test client (no network, no gunicorn, one thread), timing each request's CPU and, with
--profile STEP, printing cProfile's top functions for that step.

    .venv/bin/python bench/profile_mix.py --students 20 [--profile start]
"""

import argparse
import cProfile
import pstats
import re
import secrets
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlsplit

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(BENCH.parent))

from classroom import CSRF, STEPS, _step_of, answer_form  # noqa: E402
from dataset import PASSWORD, build  # noqa: E402
from sqlalchemy import event  # noqa: E402

from quizapp import create_app  # noqa: E402
from quizapp.models import db  # noqa: E402


class Lesson:
    def __init__(self, app, cpu: dict, queries: dict, profiles: dict, profiled: str):
        self.client, self.token = app.test_client(), ""
        self.cpu, self.queries, self.profiles, self.profiled = cpu, queries, profiles, profiled
        self.statements = 0

    def fetch(self, step: str, method: str, path: str, form: dict | None = None):
        profiler = cProfile.Profile() if step == self.profiled else None
        self.statements, started = 0, time.thread_time()
        if profiler:
            profiler.enable()
        response = self.client.open(path, method=method, data=form)
        if profiler:
            profiler.disable()
            self.profiles.setdefault(step, []).append(profiler)
        self.cpu[step].append((time.thread_time() - started) * 1000)
        self.queries[step].append(self.statements)
        if response.status_code >= 400:
            raise SystemExit(f"{method} {path} answered {response.status_code}")
        found = CSRF.search(response.data)
        if found:
            self.token = found.group(1).decode()
        location = urlsplit(response.headers.get("Location", "")).path
        return response.status_code, location, response.data

    def follow(self, step: str, method: str, path: str, form: dict | None = None):
        status, location, data = self.fetch(step, method, path, form)
        while status in (301, 302, 303):
            path = location
            status, location, data = self.fetch(_step_of(path), "GET", path)
        return path, data

    def run(self, username: str, sections: tuple[str, str], quiz_id: int) -> None:
        first, second = (f"/learn/{slug}" for slug in sections)
        self.fetch("login form", "GET", f"/login?next={first}")
        form = {"username": username, "password": PASSWORD, "csrf_token": self.token}
        self.follow("log in", "POST", f"/login?next={first}", form)
        self.fetch("explainer", "GET", second)
        self.fetch("quiz list", "GET", "/quizzes")
        self.fetch("quiz page", "GET", f"/quizzes/{quiz_id}")
        path, page = self.follow("start", "POST", f"/quizzes/{quiz_id}/start",
                                 {"csrf_token": self.token})  # fmt: skip
        while "/q/" in path:
            attempt = path.split("/")[2]
            form = answer_form(page, self.token)
            path, page = self.follow("save answer", "POST", f"/attempts/{attempt}/answer", form)
        self.follow("submit", "POST", path.replace("/finish", "/submit"),
                    {"csrf_token": self.token})  # fmt: skip
        self.fetch("history", "GET", "/history")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=20)
    parser.add_argument("--profile", choices=STEPS, help="print cProfile's top functions")
    parser.add_argument("--config", action="append", default=[], help="KEY=VALUE (JSON value)")
    args = parser.parse_args()
    extra = {}
    for item in args.config:
        key, _, value = item.partition("=")
        extra[key] = {"true": True, "false": False}.get(value, value)
    with tempfile.TemporaryDirectory(prefix="quizapp-profile-") as tmp:
        uri = f"sqlite:///{Path(tmp) / 'bench.sqlite'}"
        config = {"SECRET_KEY": secrets.token_hex(32), "SQLALCHEMY_DATABASE_URI": uri}
        app = create_app({**config, **extra})
        with app.app_context():
            data = build()
            engine = db.engine
        cpu, queries, profiles = defaultdict(list), defaultdict(list), {}
        lessons = []

        def count(*_args) -> None:
            for lesson in lessons:
                lesson.statements += 1

        event.listen(engine, "before_cursor_execute", count)
        for n in range(10, 10 + args.students):
            lessons[:] = [Lesson(app, cpu, queries, profiles, args.profile)]
            lessons[0].run(f"student{n:04d}", data.sections, data.mix_quiz)
    _report(cpu, queries, profiles)


def _report(cpu: dict, queries: dict, profiles: dict) -> None:
    total = sum(sum(times) for times in cpu.values())
    requests = sum(len(times) for times in cpu.values())
    print(f"{'step':<14} {'requests':>8} {'CPU ms median':>13} {'share of CPU':>12} {'SQL':>4}")
    for step in STEPS:
        if cpu.get(step):
            share = sum(cpu[step]) / total
            print(f"{step:<14} {len(cpu[step]):>8} {statistics.median(cpu[step]):>13.2f} "
                  f"{share:>12.0%} {statistics.median(queries[step]):>4.0f}")  # fmt: skip
    print(f"all: {requests} requests, {total / requests:.2f} ms CPU per request (test client)")
    for step, runs in profiles.items():
        print(f"\n== cProfile, {step} ({len(runs)} requests)")
        stats = pstats.Stats(runs[0])
        for run in runs[1:]:
            stats.add(run)
        stats.sort_stats("cumulative").print_stats(re.compile("quizapp|sqlalchemy|jinja|flask"), 30)


if __name__ == "__main__":
    main()
