"""Moving the app's one clock (`quizapp.models.base.utcnow`, see test_clock.py) in a test."""

import sys
from datetime import timedelta

from quizapp.models import base


def move_clock(monkeypatch, delta: timedelta) -> None:
    """Make every part of the app read `delta` later than now: each module holds the clock
    under the name `utcnow`, imported from quizapp.models."""
    real = base.utcnow

    def moved():
        return real() + delta

    for name, module in list(sys.modules.items()):
        if name.startswith("quizapp") and getattr(module, "utcnow", None) is real:
            monkeypatch.setattr(module, "utcnow", moved)
