"""Fault-injection switches for the load-and-fault test (bench/loadtest.py); inert otherwise.

QUIZAPP_FAULT_DELAY=SECONDS (or PRE,POST) makes every writing request sleep just before its
COMMIT and again after it, before the response is sent. That widens the windows in which a
killed worker leaves work "written but not committed" or "committed but not acknowledged", so a
SIGKILL really hits requests in flight.

QUIZAPP_FAULT_NO_IDEMPOTENCY=1 (honoured only together with QUIZAPP_FAULT_DELAY) switches off
the idempotency of starting an attempt: the negative control that proves the harness notices
duplicated attempts.
"""

import os

DELAY_VAR = "QUIZAPP_FAULT_DELAY"
NO_IDEMPOTENCY_VAR = "QUIZAPP_FAULT_NO_IDEMPOTENCY"
MAX_DELAY = 2.0  # seconds: a typo must not hang a server


def commit_delays() -> tuple[float, float] | None:
    """(before commit, after commit) in seconds, or None when fault injection is off."""
    raw = os.environ.get(DELAY_VAR, "").strip()
    if not raw:
        return None
    try:
        parts = [min(MAX_DELAY, max(0.0, float(p))) for p in raw.split(",")]
    except ValueError:
        return None
    return (parts[0], parts[-1]) if parts else None


def idempotent_starts() -> bool:
    """False only in the load test's negative control."""
    return not (commit_delays() and os.environ.get(NO_IDEMPOTENCY_VAR) == "1")
