"""Attempt times come from one clock the app controls: `quizapp.models.base.utcnow` (the app
server's clock, in UTC). No code reads the time another way and no column takes the database
server's clock, so a start, a save and a submit are compared on one time line."""

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "quizapp"
CLOCK = PACKAGE / "models" / "base.py"
OTHER_CLOCKS = {"now", "utcnow", "today", "current_timestamp", "localtimestamp", "time"}


def other_clock_calls(path: Path, root: Path = PACKAGE) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            owner = ast.unparse(node.func.value)
            if node.func.attr in OTHER_CLOCKS and owner in {"datetime", "date", "func", "time"}:
                found.append(f"{path.relative_to(root)}:{node.lineno} {ast.unparse(node)}")
    return found


def test_no_code_reads_another_clock():
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path != CLOCK and "generation" not in path.parts:
            offenders += other_clock_calls(path)
    # time.time() measures how long a session has been idle; it never stamps an attempt.
    allowed = ("web/security.py",)
    assert [o for o in offenders if not o.startswith(allowed)] == []


def test_the_scan_finds_a_clock_call(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("from datetime import datetime\nstarted = datetime.now()\n")
    assert other_clock_calls(sample, tmp_path) == ["sample.py:2 datetime.now()"]
