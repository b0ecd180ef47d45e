"""Database fingerprints ("unchanged" means every row of every table is the same) and routes."""

from sqlalchemy import select

from quizapp import create_app
from quizapp.models import db

STATE_CHANGING = {"POST", "PUT", "PATCH", "DELETE"}


def fingerprint(app) -> dict[str, list[str]]:
    """Every table's rows, as sorted reprs: compare two fingerprints to prove nothing changed."""
    with app.app_context():
        return {
            table.name: sorted(repr(tuple(row)) for row in db.session.execute(select(table)))
            for table in db.metadata.sorted_tables
        }


def changed_tables(before: dict, after: dict) -> list[str]:
    return [name for name in before if before[name] != after.get(name)]


def routes() -> list[tuple[str, str, str]]:
    """(endpoint, rule, method) for every rule of the app, HEAD and OPTIONS left out."""
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "routes-only-0123456789",
            "SQLALCHEMY_DATABASE_URI": "sqlite://",
        }
    )
    found = {
        (rule.endpoint, rule.rule, method)
        for rule in app.url_map.iter_rules()
        for method in rule.methods - {"HEAD", "OPTIONS"}
    }
    return sorted(found)


def endpoint_methods() -> list[tuple[str, str]]:
    """(endpoint, method) pairs, one per test case."""
    return sorted({(endpoint, method) for endpoint, _rule, method in routes()})


def state_changing() -> list[tuple[str, str]]:
    return [(e, m) for e, m in endpoint_methods() if m in STATE_CHANGING]
