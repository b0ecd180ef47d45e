"""`flask --app quizapp stats rebuild`: the maintained item statistics, recomputed."""

import click
from flask.cli import AppGroup

stats_cli = AppGroup("stats", help="Maintained item statistics.")


@stats_cli.command("rebuild")
def rebuild_command() -> None:
    """Recompute the item statistics from every submitted attempt (safe to run again)."""
    from quizapp.models import db
    from quizapp.services.item_stats import rebuild

    written = rebuild()
    db.session.commit()
    click.echo(", ".join(f"{table}: {rows} rows" for table, rows in written.items()))
