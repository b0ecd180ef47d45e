"""Serve an app under gunicorn and drive it with wrk; every target gets the same settings."""

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WRK_THREADS, CONNECTIONS, WORKERS = 2, 32, 2
# --worker-connections: without a cap, whichever worker wakes first takes most of wrk's 32
# keep-alive connections and holds them for the whole run, and the other worker idles (runs
# differed by 3x). An even share per worker is what a reverse proxy in front does too.
GUNICORN = [
    str(Path(sys.executable).with_name("gunicorn")),
    "--workers", str(WORKERS),
    "--worker-class", "gthread",
    "--threads", "4",
    "--worker-connections", str(CONNECTIONS // WORKERS),
    "--log-level", "warning",
]  # fmt: skip


@dataclass(frozen=True)
class Load:
    """One wrk run: throughput, latency (milliseconds) and the server's CPU per request."""

    name: str
    rps: float
    p50: float
    p99: float
    timeouts: int  # no answer within wrk's 2 s (counted, not failed: the answer may come later)
    errors: int  # socket errors plus responses that were neither 2xx nor 3xx (nor stale)
    cpu_ms: float  # CPU time of gunicorn's processes per request: steadier than req/s here
    stale: int = 0  # saves refused as stale (409), for the write target only
    seconds: float = 0.0

    def as_dict(self) -> dict:
        return {"rps": round(self.rps, 1), "p50_ms": self.p50, "p99_ms": self.p99,
                "timeouts": self.timeouts, "errors": self.errors,
                "cpu_ms": self.cpu_ms, "stale": self.stale}  # fmt: skip


@dataclass(frozen=True)
class Server:
    base: str
    pid: int

    def cpu_seconds(self) -> float:
        """User plus system CPU time of gunicorn's master and workers so far."""
        ticks = os.sysconf("SC_CLK_TCK")
        total = 0
        for pid in [self.pid, *_children(self.pid)]:
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            total += int(fields[11]) + int(fields[12])  # utime, stime
        return total / ticks


def _children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(child) for child in text.split()]


def ensure_wrk() -> str:
    """The wrk binary; installed from Debian when missing (as root)."""
    found = shutil.which("wrk")
    if found:
        return found
    if os.geteuid() == 0 and shutil.which("apt-get"):
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "update", "-qq"], check=False, env=env)
        subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=True, env=env)
        found = shutil.which("wrk")
    if not found:
        raise SystemExit("wrk is missing: apt-get install wrk")
    return found


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def serve(app_spec: str, env: dict | None = None, chdir: Path = ROOT):
    """Run `gunicorn app_spec` on a free local port; yields the running `Server`."""
    port = free_port()
    command = [*GUNICORN, "--bind", f"127.0.0.1:{port}", "--chdir", str(chdir), app_spec]
    process = subprocess.Popen(command, env={**os.environ, **(env or {})}, cwd=chdir)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_up(base, process)
        yield Server(base, process.pid)
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_up(base: str, process: subprocess.Popen, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"gunicorn exited with {process.returncode}")
        try:
            with urllib.request.urlopen(base + "/", timeout=2):  # noqa: S310 - our own server
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"gunicorn did not answer on {base} within {timeout} s")


def wrk(
    name: str,
    server: Server,
    path: str,
    *,
    seconds: int,
    cookie: str = "",
    script: str = "bench/report.lua",
    args: tuple = (),
    warmup: int = 2,
) -> Load:
    """Run wrk against `path` (after a short warm-up) and read the JSON line report.lua prints."""
    url = server.base + path
    command = [ensure_wrk(), f"-t{WRK_THREADS}", f"-c{CONNECTIONS}", "-s", script]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    if warmup and not args:
        subprocess.run([*command, f"-d{warmup}s", url], cwd=ROOT, capture_output=True, check=True)
    extra = ["--", *map(str, args)] if args else []
    cpu_before = server.cpu_seconds()
    done = subprocess.run(
        [*command, f"-d{seconds}s", url, *extra],
        cwd=ROOT, capture_output=True, text=True, check=True,
    )  # fmt: skip
    cpu = server.cpu_seconds() - cpu_before
    line = next(ln for ln in done.stdout.splitlines() if ln.startswith("BENCH "))
    data = json.loads(line.removeprefix("BENCH "))
    return Load(
        name=name,
        rps=data["requests"] / (data["duration_us"] / 1e6),
        p50=round(data["p50"] / 1000, 1),
        p99=round(data["p99"] / 1000, 1),
        timeouts=data["timeouts"],
        errors=data["errors"] + data["status_errors"],
        cpu_ms=round(cpu * 1000 / max(1, data["requests"]), 2),
        stale=data["stale"],
        seconds=data["duration_us"] / 1e6,
    )
