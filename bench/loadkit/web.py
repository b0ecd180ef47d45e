"""HTTP for simulated students: a loopback session, bounded retries, and page scraping."""

import random
import re
import threading
import time
from dataclasses import dataclass, field
from html.parser import HTMLParser

import requests

TOKEN = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
TIMEOUT = 10  # seconds, every request
MAX_TRIES = 30


class LoopbackSession(requests.Session):
    """Sends the Secure `__Host-session` cookie to http://127.0.0.1, as browsers do for loopback
    addresses (Python's cookie jar sends Secure cookies over https only)."""

    def request(self, method, url, *args, **kwargs):
        if not url.startswith("http://127.0.0.1:"):
            raise ValueError("loopback only")
        for cookie in self.cookies:
            cookie.secure = False
        return super().request(method, url, *args, **kwargs)


def loopback_session() -> requests.Session:
    return LoopbackSession()


@dataclass
class Counters:
    """Thread-safe totals across all students."""

    requests: int = 0
    retries: int = 0
    server_errors: int = 0  # 5xx other than 503: a bug
    unavailable: int = 0  # 503 "back in a moment" while the database restarts: retried
    connection_errors: int = 0
    in_flight: dict[str, int] = field(default_factory=dict)  # label → requests under way
    answered: dict[str, int] = field(default_factory=dict)  # label → requests answered (< 500)
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def add(self, **amounts: int) -> None:
        with self.lock:
            for name, amount in amounts.items():
                setattr(self, name, getattr(self, name) + amount)

    def flying(self, label: str, amount: int) -> None:
        with self.lock:
            self.in_flight[label] = self.in_flight.get(label, 0) + amount

    def done(self, label: str) -> None:
        with self.lock:
            self.answered[label] = self.answered.get(label, 0) + 1


class GaveUp(Exception):
    """A request still failed after MAX_TRIES attempts."""


def call(session, counters: Counters, method: str, url: str, data=None, rng=None, label=""):
    """One request, retried (same body, same idempotency key) only on connection errors and
    5xx, with capped exponential backoff and jitter. Returns (response, tries)."""
    rng = rng or random.Random()
    label = label or method
    for tries in range(1, MAX_TRIES + 1):
        counters.add(requests=1, retries=int(tries > 1))
        counters.flying(label, 1)
        try:
            response = session.request(
                method, url, data=data, timeout=TIMEOUT, allow_redirects=False
            )
        except requests.RequestException:
            counters.add(connection_errors=1)
        else:
            if response.status_code < 500:
                counters.done(label)
                return response, tries
            counters.add(**{"unavailable" if response.status_code == 503 else "server_errors": 1})
        finally:
            counters.flying(label, -1)
        time.sleep(min(2.0, 0.05 * 2**tries) * rng.uniform(0.5, 1.0))
    raise GaveUp(f"{method} {url} failed {MAX_TRIES} times")


def csrf_token(html: str) -> str:
    found = TOKEN.search(html)
    if not found:
        raise ValueError("no csrf_token in the page")
    return found.group(1)


@dataclass
class QuestionForm:
    """The answer form of one question page."""

    version: str = ""
    token: str = ""
    choices: list[tuple[str, str]] = field(default_factory=list)  # (input type, value)
    text_input: str = ""  # "numeric" or "text" when the answer is typed
    selects: dict[str, list[str]] = field(default_factory=dict)


class _QuestionParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.form = QuestionForm()
        self._select: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "input" and a.get("name") == "version":
            self.form.version = a.get("value", "")
        elif tag == "input" and a.get("name") == "csrf_token" and not self.form.token:
            self.form.token = a.get("value", "")
        elif tag == "input" and a.get("name") == "answer":
            kind = a.get("type", "text")
            if kind in ("radio", "checkbox"):
                self.form.choices.append((kind, a.get("value", "")))
            else:
                self.form.text_input = "numeric" if a.get("inputmode") == "decimal" else "text"
        elif tag == "select":
            self._select = a.get("name")
            self.form.selects[self._select] = []
        elif tag == "option" and self._select and a.get("value"):
            self.form.selects[self._select].append(a["value"])

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None


def question_form(html: str) -> QuestionForm:
    parser = _QuestionParser()
    parser.feed(html)
    return parser.form


def pick_answer(form: QuestionForm, rng: random.Random) -> dict:
    """Some answer (right or wrong, at random): the server grades it, the checks regrade it."""
    if form.choices:
        values = [value for _, value in form.choices]
        if form.choices[0][0] == "checkbox":
            return {"answer": rng.sample(values, rng.randint(1, len(values)))}
        return {"answer": rng.choice(values)}
    if form.text_input == "numeric":
        return {"answer": str(rng.choice([1893, 1947, 2026, 7]))}
    if form.text_input:
        return {"answer": rng.choice(["Torkham", "Chaman", "Kabul"])}
    answer = {}
    for name, options in form.selects.items():
        answer[name] = rng.choice(options)
    return answer
