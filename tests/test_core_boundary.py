"""quizapp.core stays pure: no web framework, ORM, forms or models imported there."""

import ast
from pathlib import Path

import pytest

CORE = Path(__file__).resolve().parents[1] / "quizapp" / "core"
FORBIDDEN = (
    "flask",
    "flask_sqlalchemy",
    "flask_login",
    "flask_wtf",
    "sqlalchemy",
    "wtforms",
    "quizapp.models",
    "werkzeug",
)


def imported_modules(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("path", sorted(CORE.rglob("*.py")), ids=lambda p: str(p.relative_to(CORE)))
def test_core_module_imports_nothing_from_the_web_layer(path):
    bad = {
        name
        for name in imported_modules(path)
        if name.split(".")[0] in FORBIDDEN
        or any(name == f or name.startswith(f + ".") for f in FORBIDDEN)
    }
    assert bad == set()
