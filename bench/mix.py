"""`make bench`'s classroom table: the classroom mix with each caching tier on and off, beside
the floor and flaskr's logged-in index, all served by the same gunicorn settings in one run.

Every mix row gets a fresh copy of the same database, so each starts from the same state.
"""

import os
import secrets
import sqlite3
import statistics
from datetime import UTC, datetime
from pathlib import Path

from classroom import STEPS, run_mix, summary
from flaskr_peer import fetch_tutorial, login_cookie
from loadgen import CONNECTIONS, serve, wrk

# name -> the environment that switches tiers off. A tier is kept only if switching it off
# costs the mix at least KEEP_IF of its student sessions per second.
TIERS: dict[str, dict[str, str]] = {
    "mix, caching as shipped": {},
    "mix, pool memo off": {"FLASK_POOL_CACHE": "false"},
}
KEEP_IF = 1.20
VIEWS_GOAL, P99_GOAL = 1.5, 100  # x flaskr's logged-in index; ms at 32 connections
FIRST_STUDENT, WARMUP = 10, 4  # student0000-0005 belong to the other targets


def _copy(source: Path, target: Path) -> None:
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    src.close()
    dst.close()


def _usernames(first: int, count: int) -> list[str]:
    return [f"student{n:04d}" for n in range(first, first + count)]


def measure_flaskr(folder: Path, seconds: int):
    tutorial = fetch_tutorial(folder)
    with serve("flaskr:create_app()", chdir=tutorial) as server:
        return wrk("flaskr index, logged in", server, "/", seconds=seconds,
                   cookie=login_cookie(server.base))  # fmt: skip


def measure_mix(folder: Path, pristine: Path, data, password: str, students: int) -> list:
    """(name, MixResult, server CPU ms per request) for every entry of TIERS."""
    rows = []
    for n, (name, tier_env) in enumerate(TIERS.items()):
        database = folder / f"mix-{n}.sqlite"
        _copy(pristine, database)
        env = {
            "FLASK_SQLALCHEMY_DATABASE_URI": f"sqlite:///{database}",
            "FLASK_SECRET_KEY": secrets.token_hex(32),
            **tier_env,
        }
        with serve("quizapp:create_app()", env=env) as server:
            warm = run_mix(server.base, _usernames(FIRST_STUDENT - WARMUP, WARMUP), password,
                           data.sections, data.mix_quiz, connections=WARMUP)  # fmt: skip
            if warm.errors:
                raise SystemExit(f"{name}: the warm-up failed: {warm.errors[:3]}")
            cpu = server.cpu_seconds()
            result = run_mix(server.base, _usernames(FIRST_STUDENT, students), password,
                             data.sections, data.mix_quiz, connections=CONNECTIONS)  # fmt: skip
            server_ms = (server.cpu_seconds() - cpu) * 1000 / max(1, result.requests)
        print(f"{name}: {summary(result)}")
        for error in result.errors[:5]:
            print(f"  error: {error}")
        rows.append((name, result, server_ms))
    return rows


def _p(times: list[float], share: float) -> float:
    times = sorted(times)
    return times[min(len(times) - 1, int(share * len(times)))] if times else 0.0


def print_mix(floor, flaskr, rows: list, students: int, load_before: float) -> dict:
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    print(f"\nclassroom mix, {stamp}: {students} students, {CONNECTIONS} connections, one "
          f"lesson each; load average {load_before:.1f} before the run, "
          f"{os.getloadavg()[0]:.1f} at the end")  # fmt: skip
    print(f"{'target':<26} {'sessions/s':>10} {'views/s':>8} {'x flaskr':>8} {'x floor':>7} "
          f"{'p50 ms':>6} {'p99 ms':>6} {'CPU ms':>6} {'client':>6} {'errors':>6}")  # fmt: skip
    for load in (floor, flaskr):
        print(f"{load.name:<26} {'':>10} {load.rps:>8,.0f} {load.rps / flaskr.rps:>8.2f} "
              f"{load.rps / floor.rps:>7.2f} {load.p50:>6.1f} {load.p99:>6.1f} "
              f"{load.cpu_ms:>6.2f} {'wrk':>6} {load.errors:>6}")  # fmt: skip
    results = {"date": stamp, "students": students, "floor": floor.as_dict(),
               "flaskr": flaskr.as_dict(), "mix": {}}  # fmt: skip
    for name, result, server_ms in rows:
        everything = result.all_latencies()
        p50, p99 = statistics.median(everything), _p(everything, 0.99)
        views = result.views_per_s
        client_ms = result.client_cpu_s * 1000 / max(1, result.requests)
        print(f"{name:<26} {result.sessions_per_s:>10.2f} {views:>8,.0f} "
              f"{views / flaskr.rps:>8.2f} {views / floor.rps:>7.2f} {p50:>6.1f} {p99:>6.1f} "
              f"{server_ms:>6.2f} {client_ms:>6.2f} {len(result.errors):>6}")  # fmt: skip
        results["mix"][name] = {
            "sessions_per_s": round(result.sessions_per_s, 2), "views_per_s": round(views, 1),
            "x_flaskr": round(views / flaskr.rps, 3), "p50_ms": round(p50, 1),
            "p99_ms": round(p99, 1), "server_cpu_ms": round(server_ms, 2),
            "client_cpu_ms": round(client_ms, 2), "errors": len(result.errors),
            "repeats": result.repeats,
        }  # fmt: skip
    print("(views: every request a browser makes, redirects and form posts included; CPU ms: "
          "gunicorn's processes per request; client: the mix client's own CPU per "
          "request)")  # fmt: skip
    _print_steps(rows)
    _print_verdicts(rows, flaskr)
    return results


def _print_steps(rows: list) -> None:
    print(f"\n{'p50 / p99 ms per step':<22}" + "".join(f" {n[5:]:>22}" for n, _, _ in rows))
    for step in STEPS:
        cells = []
        for _, result, _ in rows:
            times = result.latencies.get(step, [])
            cells.append(
                f"{statistics.median(times):.1f} / {_p(times, 0.99):.1f}" if times else "-"
            )
        print(f"{step:<22}" + "".join(f" {cell:>22}" for cell in cells))


def _print_verdicts(rows: list, flaskr) -> None:
    shipped = rows[0][1]
    for name, result, _ in rows[1:]:
        gain = shipped.sessions_per_s / result.sessions_per_s
        verdict = "keep" if gain >= KEEP_IF else "remove"
        print(f"{rows[0][0]} vs {name}: x{gain:.2f} student sessions/s "
              f"(keep a tier at x{KEEP_IF:.2f} or more): {verdict}")  # fmt: skip
    views, p99 = shipped.views_per_s, _p(shipped.all_latencies(), 0.99)
    met = views >= VIEWS_GOAL * flaskr.rps and p99 < P99_GOAL
    print(f"goal: at least {VIEWS_GOAL}x flaskr's views/s with p99 under {P99_GOAL} ms: "
          f"{views / flaskr.rps:.2f}x, p99 {p99:.1f} ms: {'yes' if met else 'NO'}")  # fmt: skip
