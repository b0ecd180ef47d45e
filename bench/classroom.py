"""The classroom mix: N distinct students, each with their own session, through one lesson.

Each student logs in (landing on the first explainer section), reads a second section, opens
the quiz list and the quiz, starts it, answers every question, opens the submit page, submits,
and opens the result and their history: every page a browser would fetch, redirects included.
No student sees a page twice, so no (student, page) pair repeats, as in a real class; different
students do read the same sections and the same quiz list.

The client is a lean asyncio one (one event loop, one keep-alive connection per concurrent
student, HTTP/1.1 written and read by hand): a compiled client such as wrk cannot follow one
session through forms whose fields (CSRF token, option ids, item versions) come from the
previous page, and a client with a full HTTP library costs several times the CPU per request.
Its own CPU time is measured and printed, since it shares the machine's cores with the server.
"""

import asyncio
import re
import statistics
import time
from collections import defaultdict
from dataclasses import dataclass, field
from urllib.parse import quote, urlencode, urlsplit

COOKIE = "__Host-session"
CSRF = re.compile(rb'name="csrf_token"[^>]*value="([^"]+)"')
HIDDEN = re.compile(rb'name="(position|version)" value="([^"]*)"')
CHOICE = re.compile(rb'type="(?:radio|checkbox)" name="answer" id="[^"]*" value="([^"]+)"')
TEXT = re.compile(rb'<input id="answer" name="answer"')
SELECT = re.compile(rb'<select id="[^"]*" name="((?:rank|match)-[^"]+)"')
OPTION = re.compile(rb'<option value="([^"]+)"')
STEPS = (
    "login form",
    "log in",
    "explainer",
    "quiz list",
    "quiz page",
    "start",
    "question",
    "save answer",
    "submit page",
    "submit",
    "result",
    "history",
)


@dataclass
class MixResult:
    """One run of the mix: counts, wall time, and latencies per step (milliseconds)."""

    students: int
    completed: int
    requests: int
    seconds: float
    client_cpu_s: float
    errors: list[str] = field(default_factory=list)
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    repeats: int = 0  # (student, page) pairs fetched twice within REPEAT_WINDOW seconds

    @property
    def sessions_per_s(self) -> float:
        return self.completed / self.seconds

    @property
    def views_per_s(self) -> float:
        return self.requests / self.seconds

    def percentile(self, step: str, share: float) -> float:
        times = sorted(self.latencies[step])
        if not times:
            return 0.0
        return times[min(len(times) - 1, int(share * len(times)))]

    def all_latencies(self) -> list[float]:
        return [t for times in self.latencies.values() for t in times]


REPEAT_WINDOW = 5.0


class Failure(Exception):
    pass


class Connection:
    """One keep-alive HTTP/1.1 connection carrying one student's cookie."""

    def __init__(self, host: str, port: int):
        self.host, self.port = host, port
        self.reader = self.writer = None
        self.cookie = b""

    async def open(self) -> None:
        self.reader, self.writer = await asyncio.open_connection(self.host, self.port)

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            self.reader = self.writer = None

    async def request(self, method: str, path: str, body: bytes = b"") -> tuple[int, dict, bytes]:
        if self.writer is None:
            await self.open()
        head = [f"{method} {path} HTTP/1.1", f"Host: {self.host}:{self.port}"]
        if self.cookie:
            head.append(f"Cookie: {COOKIE}={self.cookie.decode()}")
        if method == "POST":
            head += ["Content-Type: application/x-www-form-urlencoded",
                     f"Content-Length: {len(body)}"]  # fmt: skip
        self.writer.write(("\r\n".join(head) + "\r\n\r\n").encode() + body)
        raw = await self.reader.readuntil(b"\r\n\r\n")
        lines = raw[:-4].split(b"\r\n")
        status = int(lines[0].split(b" ", 2)[1])
        headers: dict[bytes, bytes] = {}
        for line in lines[1:]:
            name, _, value = line.partition(b":")
            name, value = name.strip().lower(), value.strip()
            if name == b"set-cookie":
                self._keep_cookie(value)
            headers[name] = value
        data = await self.reader.readexactly(int(headers.get(b"content-length", b"0")))
        if headers.get(b"connection", b"").lower() == b"close":
            self.close()
        return status, headers, data

    def _keep_cookie(self, value: bytes) -> None:
        name, _, rest = value.partition(b"=")
        if name.strip() == COOKIE.encode():
            self.cookie = rest.split(b";", 1)[0]


def answer_form(page: bytes, token: str) -> dict:
    """A valid answer to the question on `page`, whatever its kind, as the form sends it."""
    form = {"csrf_token": token}
    form.update({k.decode(): v.decode() for k, v in HIDDEN.findall(page)})
    choices = CHOICE.findall(page)
    if choices:
        form["answer"] = choices[0].decode()
    elif TEXT.search(page):
        form["answer"] = "1893"
    selects = list(SELECT.finditer(page))
    for rank, match in enumerate(selects, 1):
        name = match.group(1).decode()
        if name.startswith("rank-"):
            form[name] = str(rank)
        else:
            form[name] = OPTION.search(page, match.end()).group(1).decode()
    return form


class Student:
    """One student's lesson over one connection, timing every request by step."""

    def __init__(self, conn: Connection, result: MixResult, username: str, password: str):
        self.conn, self.result, self.username, self.password = conn, result, username, password
        self.token = ""
        self.seen: dict[str, float] = {}

    async def fetch(self, step: str, method: str, path: str, form: dict | None = None):
        if method == "GET":
            now = time.monotonic()
            if now - self.seen.get(path, -REPEAT_WINDOW) < REPEAT_WINDOW:
                self.result.repeats += 1
            self.seen[path] = now
        body = urlencode(form).encode() if form else b""
        started = time.perf_counter()
        status, headers, data = await self.conn.request(method, path, body)
        self.result.latencies[step].append((time.perf_counter() - started) * 1000)
        self.result.requests += 1
        if status >= 400:
            raise Failure(f"{method} {path} ({step}) answered {status}")
        found = CSRF.search(data)
        if found:
            self.token = found.group(1).decode()
        location = headers.get(b"location", b"").decode()
        return status, urlsplit(location).path if location else "", data

    async def follow(self, step: str, method: str, path: str, form: dict | None = None):
        """A request and the redirects after it, as a browser follows them (each timed under
        the step of the page it lands on)."""
        status, location, data = await self.fetch(step, method, path, form)
        while status in (301, 302, 303):
            path = location
            status, location, data = await self.fetch(_step_of(path), "GET", path)
        return path, data

    async def lesson(self, sections: tuple[str, str], quiz_id: int) -> None:
        self.conn.cookie = b""
        first, second = (f"/learn/{slug}" for slug in sections)
        await self.fetch("login form", "GET", f"/login?next={quote(first)}")
        form = {"username": self.username, "password": self.password, "csrf_token": self.token}
        landed, _ = await self.follow("log in", "POST", f"/login?next={quote(first)}", form)
        if landed != first:
            raise Failure(f"log in landed on {landed!r}")
        await self.fetch("explainer", "GET", second)
        await self.fetch("quiz list", "GET", "/quizzes")
        await self.fetch("quiz page", "GET", f"/quizzes/{quiz_id}")
        path, page = await self.follow("start", "POST", f"/quizzes/{quiz_id}/start",
                                       {"csrf_token": self.token})  # fmt: skip
        while "/q/" in path:
            attempt = path.split("/")[2]
            path, page = await self.follow(
                "save answer", "POST", f"/attempts/{attempt}/answer", answer_form(page, self.token)
            )
        if not path.endswith("/finish"):
            raise Failure(f"after the last answer: {path!r}")
        path, _ = await self.follow("submit", "POST", path.replace("/finish", "/submit"),
                                    {"csrf_token": self.token})  # fmt: skip
        if not path.endswith("/result"):
            raise Failure(f"after submitting: {path!r}")
        await self.fetch("history", "GET", "/history")


def _step_of(path: str) -> str:
    if path.startswith("/learn/"):
        return "explainer"
    if "/q/" in path:
        return "question"
    if path.endswith("/finish"):
        return "submit page"
    if path.endswith("/result"):
        return "result"
    if path.startswith("/attempts/"):
        return "start"  # /attempts/<id>: the redirect to the first unanswered question
    return {"/quizzes": "quiz list", "/history": "history"}.get(path, path)


async def _run(base: str, usernames: list[str], password: str, sections, quiz_id: int,
               connections: int) -> MixResult:  # fmt: skip
    url = urlsplit(base)
    result = MixResult(len(usernames), 0, 0, 0.0, 0.0)
    queue: asyncio.Queue = asyncio.Queue()
    for name in usernames:
        queue.put_nowait(name)

    async def worker() -> None:
        conn = Connection(url.hostname, url.port)
        try:
            while not queue.empty():
                name = queue.get_nowait()
                try:
                    await Student(conn, result, name, password).lesson(sections, quiz_id)
                    result.completed += 1
                except (Failure, OSError, asyncio.IncompleteReadError) as error:
                    result.errors.append(f"{name}: {error}")
                    conn.close()
        finally:
            conn.close()

    started, cpu = time.perf_counter(), time.process_time()
    await asyncio.gather(*(worker() for _ in range(connections)))
    result.seconds = time.perf_counter() - started
    result.client_cpu_s = time.process_time() - cpu
    return result


def run_mix(base: str, usernames: list[str], password: str, sections: tuple[str, str],
            quiz_id: int, connections: int = 32) -> MixResult:  # fmt: skip
    """Every student in `usernames` through one lesson, `connections` of them at a time."""
    return asyncio.run(_run(base, usernames, password, sections, quiz_id, connections))


def summary(result: MixResult) -> str:
    everything = sorted(result.all_latencies())
    p50 = statistics.median(everything) if everything else 0.0
    p99 = everything[min(len(everything) - 1, int(0.99 * len(everything)))] if everything else 0
    return (f"{result.completed}/{result.students} students in {result.seconds:.1f} s, "
            f"{result.requests:,} requests, p50 {p50:.1f} ms, p99 {p99:.1f} ms")  # fmt: skip
