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
GUNICORN = [
    str(Path(sys.executable).with_name("gunicorn")),
    "--workers", "2",
    "--worker-class", "gthread",
    "--threads", "4",
    "--log-level", "warning",
]  # fmt: skip
WRK_THREADS, CONNECTIONS = 2, 32


@dataclass(frozen=True)
class Load:
    """One wrk run: throughput and latency (milliseconds)."""

    name: str
    rps: float
    p50: float
    p99: float
    errors: int  # socket errors plus responses that were neither 2xx nor 3xx

    def as_dict(self) -> dict:
        return {"rps": round(self.rps, 1), "p50_ms": self.p50, "p99_ms": self.p99,
                "errors": self.errors}  # fmt: skip


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
    """Run `gunicorn app_spec` on a free local port; yields the base URL."""
    port = free_port()
    command = [*GUNICORN, "--bind", f"127.0.0.1:{port}", "--chdir", str(chdir), app_spec]
    process = subprocess.Popen(command, env={**os.environ, **(env or {})}, cwd=chdir)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_up(base, process)
        yield base
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
    url: str,
    *,
    seconds: int,
    cookie: str = "",
    script: str = "bench/report.lua",
    args: tuple = (),
    warmup: int = 2,
) -> Load:
    """Run wrk against `url` (after a short warm-up) and read the JSON line report.lua prints."""
    command = [ensure_wrk(), f"-t{WRK_THREADS}", f"-c{CONNECTIONS}", "-s", script]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    if warmup and not args:
        subprocess.run([*command, f"-d{warmup}s", url], cwd=ROOT, capture_output=True, check=True)
    extra = ["--", *map(str, args)] if args else []
    done = subprocess.run(
        [*command, f"-d{seconds}s", url, *extra],
        cwd=ROOT, capture_output=True, text=True, check=True,
    )  # fmt: skip
    line = next(ln for ln in done.stdout.splitlines() if ln.startswith("BENCH "))
    data = json.loads(line.removeprefix("BENCH "))
    return Load(
        name=name,
        rps=data["requests"] / (data["duration_us"] / 1e6),
        p50=round(data["p50"] / 1000, 1),
        p99=round(data["p99"] / 1000, 1),
        errors=data["errors"] + data["status_errors"],
    )
