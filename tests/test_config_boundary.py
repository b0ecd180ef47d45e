"""Only quizapp/config.py reads the process environment: the rest of the package takes its
settings from app.config, and test or load-test switches live outside the package (bench/)."""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "quizapp"
ALLOWED = {PACKAGE / "config.py"}
ENVIRONMENT = {"environ", "environb", "getenv", "getenvb", "putenv", "unsetenv"}


def environment_reads(source: str) -> list[str]:
    """Where `source` touches the environment through `os`: `os.environ`, `os.getenv(...)`,
    `from os import environ`, or an alias of `os`, as "line: name"."""
    tree = ast.parse(source)
    aliases = {"os"}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            aliases |= {a.asname or a.name for a in node.names if a.name == "os"}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "os":
            found += [f"{node.lineno}: os.{a.name}" for a in node.names if a.name in ENVIRONMENT]
        elif (
            isinstance(node, ast.Attribute)
            and node.attr in ENVIRONMENT
            and isinstance(node.value, ast.Name)
            and node.value.id in aliases
        ):
            found.append(f"{node.lineno}: {node.value.id}.{node.attr}")
    return found


@pytest.mark.parametrize(
    "source",
    [
        "import os\nos.environ.get('X')",
        "import os\nos.getenv('X')",
        "import os as system\nsystem.environ['X']",
        "from os import environ",
        "from os import getenv as read",
    ],
)
def test_every_way_of_reading_the_environment_is_seen(source):
    assert environment_reads(source)


def test_a_wsgi_environ_is_not_the_process_environment():
    assert environment_reads("request.environ.get('X')\nos.path.join('a')") == []


def test_nothing_in_the_package_but_config_reads_the_environment():
    found = {
        str(path.relative_to(PACKAGE)): reads
        for path in sorted(PACKAGE.rglob("*.py"))
        if path not in ALLOWED and (reads := environment_reads(path.read_text()))
    }
    assert found == {}
