"""`make bench`: how much each page costs next to a bare Flask app, in one run on this machine.

First the classroom table (bench/mix.py): the classroom mix of bench/classroom.py with each
caching tier on and off, beside the floor and flaskr's logged-in index. Then per page: builds a
realistic SQLite database (500+ questions, 1,000 students, 20,000 attempts), serves the app and
a bare Flask "hello" under the same gunicorn settings (2 gthread workers, 4 threads each),
drives both with wrk at 32 connections, and prints requests/s, p50 and p99 per page with each
page's throughput (and CPU per request) as a share of the floor measured in the same run. Then:
SQL statements per page (small and large, first and repeated request), login server time, the
question generator's median on a 2,000-word article (bench/bench_generation.py), the
teachers' report timings (bench/bench_reports.py) and command-line start-up
(bench/bench_startup.py).
`--save-baseline` keeps the run in bench/baseline.json; later runs say how they compare.
"""

import argparse
import json
import os
import re
import secrets
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

import requests

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(BENCH.parent))

from dataset import PASSWORD, build  # noqa: E402
from loadgen import ROOT, WRK_THREADS, ensure_wrk, serve, wrk  # noqa: E402
from mix import measure_flaskr, measure_mix, print_mix  # noqa: E402
from queries import page_queries  # noqa: E402
from results import BASELINE, LOGINS, compare, report  # noqa: E402

from quizapp import create_app  # noqa: E402
from quizapp.models import AttemptItem, db  # noqa: E402

CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
COOKIE = "__Host-session"
EXTRAS = ("bench_reports.py", "bench_startup.py")


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


def count_queries(uri: str, data) -> list[tuple[str, tuple, tuple]]:
    app = _app(uri, WTF_CSRF_ENABLED=False)
    rows = page_queries(app, data)
    with app.app_context():
        db.engine.dispose()
    return rows


def login_server_ms(uri: str, username: str) -> tuple[list[float], list[float]]:
    """Server time of each login measured inside the app (Flask's test client: no network, no
    client, no gunicorn): wall-clock and the thread's CPU time, which a shared machine's other
    work does not stretch."""
    app = _app(uri, WTF_CSRF_ENABLED=False)
    form = {"username": username, "password": PASSWORD}
    wall, cpu = [], []
    for _ in range(LOGINS + 1):  # the first one warms up and is left out
        client = app.test_client()
        started, started_cpu = time.perf_counter(), time.thread_time()
        response = client.post("/login", data=form)
        cpu.append((time.thread_time() - started_cpu) * 1000)
        wall.append((time.perf_counter() - started) * 1000)
        if response.status_code != 302:
            raise SystemExit(f"login failed: {response.status_code}")
    with app.app_context():
        db.engine.dispose()
    return wall[1:], cpu[1:]


def _floor(seconds: int):
    with serve("hello:app", chdir=BENCH) as server:
        return wrk("floor", server, "/", seconds=seconds)


class Student:
    """A logged-in student talking to the served app with a plain Cookie header.

    Logs in `logins` times; `login_ms` holds each login's round trip and `login_cpu_ms` the
    server's CPU time per login (steadier than the round trip on a shared machine).
    """

    def __init__(self, server, username: str, logins: int = 1):
        self.base, self.cookie = server.base, ""
        cpu_before, self.login_ms = server.cpu_seconds(), []
        for _ in range(logins):
            self.login_ms.append(self._login(username))
        self.login_cpu_ms = (server.cpu_seconds() - cpu_before) * 1000 / logins

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
        token = self.csrf("/login")  # counted in login_cpu_ms too: the form comes first
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


def _write_items(uri: str, server, writers, path: Path) -> None:
    """The lines answer.lua reads: path, cookie, position, version and two bodies choosing
    other options, for every item of every writer's open attempt."""
    sessions = [(attempt_id, Student(server, username)) for username, attempt_id in writers]
    tokens = {a: s.csrf(f"/attempts/{a}/q/1") for a, s in sessions}
    app = _app(uri)
    lines = []
    with app.app_context():
        for attempt_id, student in sessions:
            items = db.session.scalars(
                db.select(AttemptItem).where(AttemptItem.attempt_id == attempt_id)
            ).all()
            for item in items:
                first, second = (o["id"] for o in item.snapshot["options"][:2])
                bodies = [
                    urlencode({"csrf_token": tokens[attempt_id], "answer": a})
                    for a in (first, second)
                ]
                lines.append(
                    f"/attempts/{attempt_id}/answer\t{student.cookie}\t{item.position}\t"
                    f"{item.version}\t{bodies[0]}\t{bodies[1]}"
                )
        db.engine.dispose()
    path.write_text("\n".join(lines) + "\n")


def measure_app(uri: str, data, seconds: int, tmp: Path) -> tuple[list, Student]:
    env = {"FLASK_SQLALCHEMY_DATABASE_URI": uri, "FLASK_SECRET_KEY": secrets.token_hex(32)}
    os.environ.pop("DATABASE_URL", None)
    with serve("quizapp:create_app()", env=env) as server:
        student = Student(server, data.username, logins=LOGINS)
        items = tmp / "write_items.tsv"
        _write_items(uri, server, data.writers, items)
        gets = [
            ("explainer section", f"/learn/{data.topic_slug}", True),
            ("explainer, no login", f"/learn/{data.topic_slug}", False),
            ("quiz list", "/quizzes", True),
            ("quiz list, no login", "/quizzes", False),
            ("question page", f"/attempts/{data.long_attempt}/q/25", True),
            ("result page", f"/attempts/{data.result_attempt}/result", True),
            ("history page", "/history", True),
        ]
        for _, path, _ in gets:
            if student.get(path).status_code != 200:
                raise SystemExit(f"GET {path} did not answer 200")
        # The cookie as a browser holds it by now: the session carries its CSRF token.
        cookie = student.cookie
        loads = [
            wrk(name, server, path, seconds=seconds, cookie=cookie if logged_in else "")
            for name, path, logged_in in gets
        ]
        write = wrk(
            "save an answer",
            server,
            "/",  # answer.lua gives each request its own path and cookie
            seconds=seconds,
            script="bench/answer.lua",
            args=(WRK_THREADS, items),
        )
        loads.insert(5, write)
    loads.insert(6, _save_with_normal_sync(uri, data, seconds, tmp))
    return loads, student


def _save_with_normal_sync(uri: str, data, seconds: int, tmp: Path):
    """The same saves with SQLite's synchronous=NORMAL: what forcing each acknowledged answer
    to disk (the default, FULL) costs."""
    env = {
        "FLASK_SQLALCHEMY_DATABASE_URI": uri,
        "FLASK_SECRET_KEY": secrets.token_hex(32),
        "FLASK_SQLITE_SYNCHRONOUS": "NORMAL",
    }
    with serve("quizapp:create_app()", env=env) as server:
        items = tmp / "write_items_normal.tsv"
        _write_items(uri, server, data.writers, items)
        return wrk(
            "save, synchronous=NORMAL",
            server,
            "/",
            seconds=seconds,
            script="bench/answer.lua",
            args=(WRK_THREADS, items),
        )


def classroom_table(tmp: Path, uri: str, data, seconds: int, students: int, before: float):
    """The classroom mix with each caching tier on and off, beside the floor and flaskr."""
    pristine = Path(uri.removeprefix("sqlite:///"))  # copied for each row, still untouched
    floor = _floor(seconds)
    flaskr = measure_flaskr(tmp / "flaskr", seconds)
    rows = measure_mix(tmp, pristine, data, PASSWORD, students)
    return print_mix(floor, flaskr, rows, students, before)


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
    parser.add_argument("--no-extras", action="store_true", help="skip the reports benchmark")
    parser.add_argument("--students", type=int, default=200, help="students in the classroom mix")
    parser.add_argument("--mix-only", action="store_true", help="the classroom table alone")
    args = parser.parse_args()
    ensure_wrk()
    before = os.getloadavg()[0]  # the machine's other work: the bench itself runs ~10 threads
    with tempfile.TemporaryDirectory(prefix="quizapp-bench-") as tmp:
        uri = f"sqlite:///{Path(tmp) / 'bench.sqlite'}"
        data = build_database(uri)
        classroom = classroom_table(Path(tmp), uri, data, args.seconds, args.students, before)
        if args.mix_only:
            return
        queries = count_queries(uri, data)
        login_ms = login_server_ms(uri, data.username)
        floors = [_floor(args.seconds)]
        loads, student = measure_app(uri, data, args.seconds, Path(tmp))
        floors.append(_floor(args.seconds))
    print(f"\nfloor runs: {', '.join(f'{f.rps:,.0f}' for f in floors)} req/s (before and after)")
    print(
        f"load average before the run: {before:.1f} on {os.cpu_count()} cores (more than about 1 "
        "means other work shared the machine); at the end, with the bench's own gunicorn and "
        "wrk threads: {:.1f}".format(os.getloadavg()[0])
    )
    floor = max(floors, key=lambda f: f.rps)  # the less disturbed run
    current = report(floor, loads, queries, student, login_ms)
    current["classroom"] = classroom
    if BASELINE.is_file() or not args.save_baseline:
        compare(current)
    if args.save_baseline:
        BASELINE.write_text(json.dumps(current, indent=2) + "\n")
        print(f"saved {BASELINE.relative_to(ROOT)}")
    if not args.no_extras:
        run_extras()


if __name__ == "__main__":
    main()
