"""`flask --app quizapp backup FILE` and `restore FILE`: the whole database, students' data
included (SQLite through its online backup API, PostgreSQL through pg_dump/pg_restore)."""

from pathlib import Path

import click
from flask.cli import with_appcontext

# The backup services load with their commands, not with every `flask` start-up.


@click.command("backup")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@with_appcontext
def backup_command(file: Path) -> None:
    """Copy the whole database to FILE (safe while the app is serving)."""
    from quizapp.models import db
    from quizapp.services.database_backup import BackupError, backup

    try:
        backup(db.engine, file)
    except BackupError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"Backed up the {db.engine.dialect.name} database to {file}.")


@click.command("restore")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--replace", is_flag=True, help="Overwrite a database that already holds data.")
@with_appcontext
def restore_command(file: Path, replace: bool) -> None:
    """Load a backup made by `flask backup` (stop the server first; run `flask db upgrade`
    after restoring an older backup)."""
    from quizapp.models import db
    from quizapp.services.database_backup import BackupError, restore

    try:
        restore(db.engine, file, replace=replace)
    except BackupError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"Restored {file} into the {db.engine.dialect.name} database.")
