"""Load-and-fault test: simulated students against gunicorn on 127.0.0.1, a fault while
requests are in flight, then every acknowledged answer, attempt and score is checked.

    python bench/loadtest.py --students 200                  # SQLite in a temporary directory
    python bench/loadtest.py --students 60 --database-url postgresql://u:p@127.0.0.1/db
    python bench/loadtest.py --students 60 --negative-control   # must detect duplicates
    python bench/loadtest.py --fault server     # SIGKILL master and workers, start it again
    python bench/loadtest.py --fault postgres --database-url …  # restart PostgreSQL mid-run

Faults: `worker` (default) SIGKILLs the busiest worker and the master boots a new one;
`server` SIGKILLs gunicorn's whole process group and starts it again on the same port;
`postgres` restarts the PostgreSQL server (pg_ctlcluster, needs root). Students retry on
connection errors and 5xx; 503s (the app's "back in a moment" page while the database is
away) are counted apart from other 5xx, which must stay at 0.

gunicorn runs 2 workers × 4 threads (gthread). Each student logs in, starts the quiz with a
client idempotency key, answers every question and submits; requests time out after 10 s and
are retried only on connection errors and 5xx (at most 30 tries, capped backoff). gunicorn
serves the app from a bench-side factory (loadkit/faults.py) that sleeps around each COMMIT, so
the kill lands on requests in flight. In the negative control that factory also switches the
idempotency of starts off: the run must then find duplicated attempts, which proves the checks
can see that bug. Exit status 0 = as expected.
"""

import argparse
import json
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # loadkit, when run as a script
sys.path.insert(1, str(Path(__file__).resolve().parents[1]))  # quizapp, from a plain checkout

from loadkit import checks, dataset, faults  # noqa: E402
from loadkit import postgres as pg  # noqa: E402
from loadkit.server import CHEAP_HASH, OWASP_HASH, Server  # noqa: E402
from loadkit.student import Student  # noqa: E402
from loadkit.web import Counters  # noqa: E402

RAMP_PER_STUDENT = 0.01  # seconds between students' first requests
BURST_WAIT = 120.0  # every student logged in and waiting to start, at most this long
KILL_WAIT = 10.0  # give up waiting for in-flight starts after this long


@dataclass
class Options:
    students: int = 60
    database_url: str | None = None
    negative_control: bool = False
    fault_delay: str = "0.002,0.1"  # seconds before, after COMMIT
    owasp_hash: bool = False
    fault: str = "worker"  # worker | server | postgres


@dataclass
class Report:
    database: str
    students: int
    requests: int = 0
    retries: int = 0
    server_errors: int = 0
    unavailable: int = 0
    connection_errors: int = 0
    fault: str = "worker"
    down_seconds: float | None = None
    lost: int = 0
    duplicated: int = 0
    attempts: int = 0
    submitted: int = 0
    bad_scores: int = 0
    integrity: str = ""
    killed_pid: int | None = None
    killed_at: float | None = None
    in_flight_at_kill: dict = field(default_factory=dict)
    duration: float = 0.0
    negative_control: bool = False
    problems: list[str] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        """No lost or duplicated work, every student submitted, every score right."""
        return (
            not self.problems
            and self.lost == 0
            and self.duplicated == 0
            and self.server_errors == 0
            and self.bad_scores == 0
            and self.attempts == self.submitted == self.students
            and self.integrity == "ok"
        )

    @property
    def as_expected(self) -> bool:
        if self.negative_control:
            return self.duplicated > 0 and self.killed_pid is not None
        return self.clean and self.killed_pid is not None and self.retries > 0


def _killer(
    server,
    counters: Counters,
    report: Report,
    burst: threading.Event,
    started,
    stop,
    settle: float = 0.0,
):
    """SIGKILL the busiest worker in the middle of the "start now" burst: some starts answered,
    many still in flight (some of those committed, their responses not yet sent)."""
    wanted = max(2, min(8, report.students // 4))
    burst.wait(timeout=BURST_WAIT)
    deadline = time.monotonic() + KILL_WAIT
    while not stop.is_set() and time.monotonic() < deadline:
        answered, flying = counters.answered.get("start", 0), counters.in_flight.get("start", 0)
        if answered >= report.students // 4 and flying >= wanted:
            break
        time.sleep(0.001)
    # Responses leave in batches (every thread sleeps after its COMMIT), so the moment a batch
    # is answered the threads have just taken new, uncommitted requests. Waiting half the
    # post-commit delay puts the kill inside the "committed, not yet answered" window.
    stop.wait(settle / 2)
    if stop.is_set():
        return
    report.in_flight_at_kill = {k: v for k, v in counters.in_flight.items() if v}
    report.killed_at = round(time.monotonic() - started, 2)
    if report.fault == "server":
        report.killed_pid, report.down_seconds = server.kill_all_and_restart()
    elif report.fault == "postgres":
        report.down_seconds = pg.restart(server.database_url)
        report.killed_pid = 0  # no process of ours: the database server went away
    else:
        report.killed_pid = server.kill_worker()


def run(options: Options) -> Report:
    database = "postgresql" if options.database_url else "sqlite"
    report = Report(database, options.students, negative_control=options.negative_control)
    report.fault = options.fault
    if options.fault == "postgres" and not options.database_url:
        raise ValueError("the postgres fault needs --database-url")
    password_hash = OWASP_HASH if options.owasp_hash else CHEAP_HASH
    before, after = _commit_delays(options)
    app = faults.app_spec(before, after, idempotent=not options.negative_control)
    with tempfile.TemporaryDirectory(prefix="quizapp-load-") as directory:
        with dataset.fresh_database(options.database_url, directory) as url:
            quiz_id = dataset.prepare(url, options.students, password_hash)
            counters = Counters()
            with Server(url, password_hash=password_hash, app=app) as server:
                outcomes = _drive(server, quiz_id, options, counters, report)
            _fill(report, counters, checks.check(url, outcomes, len(dataset.QUESTIONS)))
    return report


def _drive(server, quiz_id, options: Options, counters: Counters, report: Report):
    questions = len(dataset.QUESTIONS)
    students = [
        Student(i, server.url, quiz_id, questions, counters) for i in range(options.students)
    ]
    stop, burst = threading.Event(), threading.Event()
    ready = threading.Barrier(len(students), action=burst.set, timeout=BURST_WAIT)
    started = time.monotonic()
    killer = threading.Thread(
        target=_killer,
        args=(server, counters, report, burst, started, stop, _commit_delays(options)[1]),
        daemon=True,
    )
    killer.start()

    def one(student: Student):
        time.sleep(RAMP_PER_STUDENT * student.index)
        return student.run(ready)

    with ThreadPoolExecutor(max_workers=len(students)) as pool:
        outcomes = list(pool.map(one, students))
    stop.set()
    killer.join(timeout=KILL_WAIT + 5)
    report.duration = round(time.monotonic() - started, 1)
    return outcomes


def _commit_delays(options: Options) -> tuple[float, float]:
    """(before, after) COMMIT from `fault_delay`: "SECONDS" or "BEFORE,AFTER"."""
    parts = [float(part) for part in options.fault_delay.split(",")]
    return parts[0], parts[-1]


def _fill(report: Report, counters: Counters, found: checks.Findings) -> None:
    report.requests, report.retries = counters.requests, counters.retries
    report.server_errors, report.connection_errors = (
        counters.server_errors,
        counters.connection_errors,
    )
    report.unavailable = counters.unavailable
    report.lost, report.duplicated = found.lost_answers, found.duplicated
    report.attempts, report.submitted = found.attempts, found.submitted
    report.bad_scores, report.integrity = found.bad_scores, found.integrity
    report.problems = found.problems


def summary(report: Report) -> str:
    mode = "negative control (idempotency off)" if report.negative_control else "normal"
    mode += f", fault: {report.fault}"
    lines = [
        f"load-and-fault run on {report.database}, {mode}",
        f"  students    {report.students}",
        f"  requests    {report.requests}",
        f"  retries     {report.retries} ({report.connection_errors} connection errors)",
        f"  5xx         {report.server_errors} (and {report.unavailable} 503 while away)",
        f"  lost        {report.lost}",
        f"  duplicated  {report.duplicated}",
        f"  attempts    {report.attempts} ({report.submitted} submitted)",
        f"  bad scores  {report.bad_scores}",
        f"  integrity   {report.integrity}",
        f"  fault       {report.fault} (pid {report.killed_pid}) at {report.killed_at} s, "
        f"down {report.down_seconds} s, in flight {report.in_flight_at_kill}",
        f"  duration    {report.duration} s",
    ]
    lines += [f"  problem: {p}" for p in report.problems[:20]]
    verdict = "PASS" if report.as_expected else "FAIL"
    if report.negative_control:
        verdict += " (the checks saw the duplicates)" if report.as_expected else " (bug not seen)"
    return "\n".join([*lines, verdict])


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--students", type=int, default=60)
    parser.add_argument("--database-url", help="PostgreSQL URL; a fresh schema is used inside it")
    parser.add_argument("--negative-control", action="store_true")
    parser.add_argument("--owasp-hash", action="store_true", help="production hash cost")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument("--fault", choices=("worker", "server", "postgres"), default="worker")
    args = parser.parse_args(argv)
    if not 1 <= args.students <= 500:
        parser.error("--students must be between 1 and 500")
    options = Options(
        students=args.students,
        database_url=args.database_url,
        negative_control=args.negative_control,
        owasp_hash=args.owasp_hash,
        fault=args.fault,
    )
    if args.fault == "postgres" and not args.database_url:
        parser.error("--fault postgres needs --database-url")
    report = run(options)
    print(json.dumps(asdict(report), indent=2) if args.json else summary(report))
    return 0 if report.as_expected else 1


if __name__ == "__main__":
    sys.exit(main())
