"""Run gunicorn on 127.0.0.1 with Popen (the master PID is known): start, kill a worker, stop."""

import json
import os
import re
import secrets
import signal
import subprocess
import sys
import tempfile
import time
from functools import cache
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[2]
LISTENING = re.compile(r"Listening at: http://127\.0\.0\.1:(\d+)")
CHEAP_HASH = {"time_cost": 1, "memory_cost": 8, "parallelism": 1}
OWASP_HASH = {"time_cost": 2, "memory_cost": 19456, "parallelism": 1}
# Our own settings replace whatever the calling shell has configured.
DROPPED_PREFIXES = ("FLASK_", "QUIZAPP_", "DATABASE_URL")
APP = "quizapp:create_app()"  # or a bench-side factory, e.g. faults.app_spec(...)


@cache
def _has_control_socket_option() -> bool:
    # gunicorn 25+ opens a control socket under $HOME; parallel servers must not share it.
    help_text = subprocess.run(
        [sys.executable, "-m", "gunicorn", "--help"], capture_output=True, text=True, timeout=30
    ).stdout
    return "--no-control-socket" in help_text


def _socket_inodes(pid: int) -> set[str]:
    inodes = set()
    for fd in Path(f"/proc/{pid}/fd").glob("*"):
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.startswith("socket:["):
            inodes.add(target[8:-1])
    return inodes


def _established_inodes(port: int) -> set[str]:
    """Inodes of ESTABLISHED TCP sockets whose local port is `port` (the server side)."""
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            if fields[3] == "01" and int(fields[1].rsplit(":", 1)[1], 16) == port:
                inodes.add(fields[9])
    return inodes


# gunicorn maps a SCRIPT_NAME request header from addresses it trusts (127.0.0.1 by default)
# into the WSGI environ, and url_for would prefix every link with it. quizapp is never mounted
# under a prefix, so no header may set one; the client's address comes from X-Forwarded-For
# through the app's own TRUSTED_PROXIES, not from gunicorn.
TRUST = ["--forwarded-allow-ips", "127.0.0.1,::1", "--forwarder-headers", ""]


class Server:
    """`with Server(database_url) as server:` → server.url, server.kill_worker(), server.stop()."""

    def __init__(
        self,
        database_url: str,
        workers: int = 2,
        threads: int = 4,
        password_hash: dict | None = None,
        extra_env: dict | None = None,
        boot_timeout: float = 30,
        app: str = APP,
    ):
        self.database_url = database_url
        self.workers, self.threads = workers, threads
        self.password_hash = password_hash or CHEAP_HASH
        self.extra_env = extra_env or {}
        self.boot_timeout = boot_timeout
        self.app = app
        self.process: subprocess.Popen | None = None
        self.url = ""
        self.bind = "127.0.0.1:0"  # a free port at first; the same one after a restart
        self.secret_key = "k-" + secrets.token_urlsafe(32)
        self._log = tempfile.NamedTemporaryFile(  # noqa: SIM115 - lives as long as the server
            prefix="quizapp-gunicorn-", suffix=".log", delete=False
        )

    def environment(self) -> dict:
        env = {k: v for k, v in os.environ.items() if not k.startswith(DROPPED_PREFIXES)}
        env.update(
            FLASK_SQLALCHEMY_DATABASE_URI=self.database_url,
            FLASK_SECRET_KEY=self.secret_key,  # the same after a restart: sessions survive it
            FLASK_PASSWORD_HASH=json.dumps(self.password_hash),
            # quizapp from a plain checkout, and loadkit for a bench-side app factory
            PYTHONPATH=os.pathsep.join([str(ROOT), str(ROOT / "bench"), env.get("PYTHONPATH", "")]),
        )
        env.update(self.extra_env)
        return env

    def command(self) -> list[str]:
        command = [sys.executable, "-m", "gunicorn", "-k", "gthread"]
        command += ["-w", str(self.workers), "--threads", str(self.threads)]
        command += ["-b", self.bind, "--timeout", "30", "--graceful-timeout", "5"]
        command += TRUST  # as the README's deployment command: no SCRIPT_NAME from headers
        if _has_control_socket_option():
            command.append("--no-control-socket")
        return [*command, self.app]

    def start(self) -> "Server":
        self.process = subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
            self.command(),
            cwd=ROOT,
            env=self.environment(),
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        port = self._port()
        self.url, self.bind = f"http://127.0.0.1:{port}", f"127.0.0.1:{port}"
        self._wait_ready()
        return self

    def kill_all_and_restart(self) -> tuple[int, float]:
        """SIGKILL the master and every worker at once (a power cut for the app, not the
        disk), then start gunicorn again on the same port. (master PID, seconds down)."""
        victim = self.process.pid
        os.killpg(victim, signal.SIGKILL)
        self.process.wait(timeout=10)
        down = time.monotonic()
        self.start()
        return victim, round(time.monotonic() - down, 2)

    def _port(self) -> int:
        deadline = time.monotonic() + self.boot_timeout
        while time.monotonic() < deadline:
            # After a restart the log holds both runs: read the newest one.
            found = LISTENING.search(self.log().rsplit("Starting gunicorn", 1)[-1])
            if found:
                return int(found.group(1))
            if self.process.poll() is not None:
                break
            time.sleep(0.05)
        self.stop()
        raise RuntimeError(f"gunicorn did not start:\n{self.log()[-3000:]}")

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + self.boot_timeout
        while time.monotonic() < deadline:
            try:
                if requests.get(self.url + "/login", timeout=5).status_code == 200:
                    return
            except requests.RequestException:
                pass
            time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"gunicorn never answered /login:\n{self.log()[-3000:]}")

    def worker_pids(self) -> list[int]:
        pid = self.process.pid
        try:
            children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        except OSError:
            return []
        return [int(child) for child in children]

    def kill_worker(self) -> int | None:
        """SIGKILL the worker holding the most client connections (the master boots a
        replacement); its PID, or None. An idle worker's death would prove nothing."""
        pids = self.worker_pids()
        if not pids:
            return None
        port = int(self.url.rsplit(":", 1)[1])
        connected = _established_inodes(port)
        victim = max(pids, key=lambda pid: len(_socket_inodes(pid) & connected))
        os.kill(victim, signal.SIGKILL)
        return victim

    def stop(self) -> None:
        """SIGTERM the master by PID; SIGKILL the whole process group if it lingers."""
        if self.process is None or self.process.poll() is not None:
            self._log.close()
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=5)
        self._log.close()

    def log(self) -> str:
        return Path(self._log.name).read_text(errors="replace")

    def __enter__(self) -> "Server":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
        Path(self._log.name).unlink(missing_ok=True)
