"""One simulated student: log in, start with an idempotency key, answer every question, submit."""

import random
import re
import threading
import uuid
from dataclasses import dataclass, field

from loadkit.dataset import PASSWORD, username
from loadkit.web import Counters, call, csrf_token, loopback_session, pick_answer, question_form

SCORE = re.compile(r"(\d+(?:\.\d+)?) out of (\d+)")


@dataclass
class Outcome:
    """What the student was told: the basis of the checks after the run."""

    username: str
    attempt_id: int | None = None
    answers: dict[int, dict] = field(default_factory=dict)  # position → form, acknowledged
    submitted: bool = False
    shown_score: float | None = None
    problems: list[str] = field(default_factory=list)


class Student:
    def __init__(self, index: int, base_url: str, quiz_id: int, questions: int, counters: Counters):
        self.index = index
        self.outcome = Outcome(username(index))
        self.base, self.quiz_id, self.questions = base_url, quiz_id, questions
        self.counters = counters
        self.rng = random.Random(index)
        self.session = loopback_session()

    def _call(self, method: str, path: str, data=None, label: str = ""):
        return call(self.session, self.counters, method, self.base + path, data, self.rng, label)

    def _page(self, path: str) -> str:
        response, _ = self._call("GET", path)
        if response.status_code != 200:
            raise RuntimeError(f"GET {path} answered {response.status_code}")
        return response.text

    def run(self, ready: threading.Barrier | None = None) -> Outcome:
        """The whole flow; with `ready`, every student starts at the same moment ("start now")."""
        try:
            try:
                self._login()
                token = csrf_token(self._page(f"/quizzes/{self.quiz_id}"))
            finally:
                _wait(ready)
            self._start(token)
            for position in range(1, self.questions + 1):
                self._answer(position)
            self._submit()
        except Exception as error:  # a student's failure is a finding, not a crash of the run
            self.outcome.problems.append(f"{self.outcome.username}: {error!r}")
        finally:
            self.session.close()
        return self.outcome

    def _login(self) -> None:
        form = {"username": self.outcome.username, "password": PASSWORD}
        form["csrf_token"] = csrf_token(self._page("/login"))
        response, _ = self._call("POST", "/login", form, "login")
        if response.status_code != 302:
            raise RuntimeError(f"login answered {response.status_code}")

    def _start(self, token: str) -> None:
        data = {"csrf_token": token, "client_token": str(uuid.uuid4())}  # reused on every retry
        response, _ = self._call("POST", f"/quizzes/{self.quiz_id}/start", data, "start")
        if response.status_code != 303:
            raise RuntimeError(f"start answered {response.status_code}")
        self.outcome.attempt_id = int(response.headers["Location"].rstrip("/").split("/")[-1])

    def _answer(self, position: int) -> None:
        attempt = self.outcome.attempt_id
        page = question_form(self._page(f"/attempts/{attempt}/q/{position}"))
        answer = pick_answer(page, self.rng)
        data = {"csrf_token": page.token, "position": str(position), "version": page.version}
        response, tries = self._call("POST", f"/attempts/{attempt}/answer", {**data, **answer})
        # 409 on a retry: the first try was saved, its response lost (the version moved on).
        if response.status_code == 303 or (response.status_code == 409 and tries > 1):
            self.outcome.answers[position] = answer
        else:
            raise RuntimeError(f"answer {position} answered {response.status_code}")

    def _submit(self) -> None:
        attempt = self.outcome.attempt_id
        token = csrf_token(self._page(f"/attempts/{attempt}/finish"))
        response, tries = self._call("POST", f"/attempts/{attempt}/submit", {"csrf_token": token})
        if not (response.status_code == 303 or (response.status_code == 409 and tries > 1)):
            raise RuntimeError(f"submit answered {response.status_code}")
        self.outcome.submitted = True
        shown = SCORE.search(self._page(f"/attempts/{attempt}/result"))
        self.outcome.shown_score = float(shown.group(1)) if shown else None


def _wait(ready: threading.Barrier | None) -> None:
    if ready is None:
        return
    try:
        ready.wait()
    except threading.BrokenBarrierError:
        pass  # someone gave up or the wait timed out: carry on without the others
