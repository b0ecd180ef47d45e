"""The tables `make bench` prints, the targets they are judged by, and the comparison with
bench/baseline.json."""

import json
import os
import platform
import statistics
from datetime import date
from pathlib import Path

BASELINE = Path(__file__).resolve().parent / "baseline.json"
# (name, share of the floor to reach, p99 limit in ms)
TARGETS = {
    "explainer section": (0.60, 100),
    "explainer, no login": (0.60, 100),
    "quiz list": (0.60, 100),
    "quiz list, no login": (0.60, 100),
    "question page": (0.30, 100),
    "save an answer": (0.10, 250),
    "save, synchronous=NORMAL": (0.0, 250),  # for comparison: what FULL costs
    "result page": (0.30, 100),
    "history page": (0.30, 100),
}
MAX_QUERIES, LOGIN_MS, LOGINS = 6, 40, 10


def _verdict(ok: bool) -> str:
    return "yes" if ok else "NO"


def print_loads(floor, loads: list) -> dict:
    print(
        f"\nfloor (bare Flask, same gunicorn settings): {floor.rps:,.0f} req/s, "
        f"p50 {floor.p50} ms, p99 {floor.p99} ms, {floor.cpu_ms} ms CPU per request"
    )
    print(f"{'target':<20} {'req/s':>6} {'p50 ms':>7} {'p99 ms':>7} {'x floor':>8} {'goal':>5} "
          f"{'p99 <':>6} {'met':>4} {'CPU ms':>7} {'x floor':>8} {'timeouts':>8} "
          f"{'errors':>6}")  # fmt: skip
    results = {}
    for load in loads:
        share, p99_limit = TARGETS[load.name]
        ratio, cpu_ratio = load.rps / floor.rps, floor.cpu_ms / load.cpu_ms
        met = ratio >= share and load.p99 < p99_limit and not load.errors
        print(f"{load.name:<20} {load.rps:>6,.0f} {load.p50:>7.1f} {load.p99:>7.1f} "
              f"{ratio:>8.0%} {share:>5.0%} {p99_limit:>6} {_verdict(met):>4} "
              f"{load.cpu_ms:>7.2f} {cpu_ratio:>8.0%} {load.timeouts:>8} "
              f"{load.errors:>6}")  # fmt: skip
        results[load.name] = {**load.as_dict(), "ratio": round(ratio, 3),
                              "cpu_ratio": round(cpu_ratio, 3)}  # fmt: skip
    print(
        "(x floor: req/s, then CPU per request, as shares of the floor's; CPU ms: gunicorn's "
        "processes only, wrk left out)"
    )
    for load in loads:
        if load.stale:
            total = round(load.rps * load.seconds)
            print(f"({load.name}: {load.stale} of {total:,} saves refused as stale, 409: the "
                  "version sent was not the item's current one; not errors)")  # fmt: skip
    return results


def print_queries(queries: list) -> None:
    print(f"\nSQL statements per request (at most {MAX_QUERIES}; first request / repeated; "
          "small and large must match):")  # fmt: skip
    for name, small, large in queries:
        # A page shared by everyone is cached by the small run already: compare repeats only.
        met = small[1] == large[1] and max(*small, *large) <= MAX_QUERIES
        print(f"  {name:<18} small {small[0]:>2} / {small[1]:<2}  large {large[0]:>2} / "
              f"{large[1]:<2}  {_verdict(met)}")  # fmt: skip


def print_login(student, server_ms: tuple[list[float], list[float]]) -> dict:
    wall, cpu = (statistics.median(times) for times in server_ms)
    round_trip = statistics.median(student.login_ms)
    print(f"\nlogin, server time in the app over {len(server_ms[0])} logins: median {cpu:.0f} ms "
          f"CPU, {wall:.0f} ms wall-clock; goal at most {LOGIN_MS} ms: "
          f"{_verdict(cpu <= LOGIN_MS)} (on CPU time)")  # fmt: skip
    print(f"login under gunicorn: median {round_trip:.0f} ms round trip, "
          f"{student.login_cpu_ms:.0f} ms of gunicorn CPU per login with its form")  # fmt: skip
    return {"login_server_cpu_ms": round(cpu, 1), "login_server_ms": round(wall, 1),
            "login_round_trip_ms": round(round_trip, 1),
            "login_gunicorn_cpu_ms": round(student.login_cpu_ms, 1)}  # fmt: skip


def generator_median() -> float | None:
    """bench_generation's median for a 2,000-word text, or None when it cannot run here."""
    try:
        from bench_generation import median_ms

        median = median_ms()
    except Exception as error:  # noqa: BLE001 - a missing or broken generator is reported
        print(f"\nquestion generator: not available ({type(error).__name__}: {error})")
        return None
    print(f"\nquestion generator: median {median:.1f} ms for a 2,000-word article")
    return round(median, 1)


def report(floor, loads: list, queries: list, student, login_ms: tuple) -> dict:
    results = print_loads(floor, loads)
    print_queries(queries)
    return {
        "date": date.today().isoformat(),
        "machine": f"{os.cpu_count()} cores, {platform.machine()}, "
        f"Python {platform.python_version()}",
        "load_average_at_end": [round(x, 1) for x in os.getloadavg()],  # with the bench's own
        "floor": floor.as_dict(),
        "targets": results,
        "queries": {name: [list(small), list(large)] for name, small, large in queries},
        **print_login(student, login_ms),
        "generator_median_ms": generator_median(),
    }


def _change(now: float, before: float, higher_is_better: bool = True) -> str:
    change = now / before - 1 if before else 0.0
    if not higher_is_better:
        change = -change
    word = "faster" if change > 0.05 else "slower" if change < -0.05 else "about the same"
    return f"{word} ({change:+.0%})"


def compare(current: dict) -> None:
    if not BASELINE.is_file():
        print("\nno bench/baseline.json yet: keep this run with --save-baseline")
        return
    baseline = json.loads(BASELINE.read_text())
    print(f"\ncompared with the baseline of {baseline['date']} (share of the floor; CPU ms "
          "per request):")  # fmt: skip
    for name, now in current["targets"].items():
        before = baseline["targets"].get(name)
        if before:
            print(f"  {name:<20} {before['ratio']:>4.0%} -> {now['ratio']:>4.0%} "
                  f"{_change(now['ratio'], before['ratio']):<22} "
                  f"{before['cpu_ms']:>5.2f} -> {now['cpu_ms']:>5.2f} ms "
                  f"{_change(now['cpu_ms'], before['cpu_ms'], False)}")  # fmt: skip
    for key in ("login_server_cpu_ms", "generator_median_ms"):
        if current.get(key) and baseline.get(key):
            print(f"  {key:<20} {baseline[key]} -> {current[key]} ms "
                  f"{_change(current[key], baseline[key], False)}")  # fmt: skip
