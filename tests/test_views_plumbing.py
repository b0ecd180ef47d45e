"""Views carry no cache or transaction plumbing: what a page is made from is kept, if at all, in
the services (quizapp/services/pools.py), and when the write lock is taken is the engine
layer's business (quizapp/web/database.py). A view that never calls them cannot forget one."""

import ast
from pathlib import Path

import pytest

VIEWS = Path(__file__).resolve().parents[1] / "quizapp" / "views"
# Modules and names a view must not import: the engine layer, the pool cache, memoisation.
FORBIDDEN_MODULES = ("quizapp.web.database", "quizapp.services.pools")
FORBIDDEN_NAMES = {"lru_cache", "cache", "cached", "pool_of"}


def _imports(path: Path) -> list[tuple[str, str]]:
    found = []
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found += [(alias.name, "") for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            found += [(node.module or "", alias.name) for alias in node.names]
        elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            found.append((node.value.id, node.attr))  # functools.lru_cache and the like
    return found


@pytest.mark.parametrize("path", sorted(VIEWS.rglob("*.py")), ids=lambda p: p.name)
def test_a_view_module_imports_no_cache_or_transaction_helper(path):
    for module, name in _imports(path):
        assert not module.startswith(FORBIDDEN_MODULES), f"{path.name} imports {module}"
        assert name not in FORBIDDEN_NAMES, f"{path.name} imports {name} from {module}"
