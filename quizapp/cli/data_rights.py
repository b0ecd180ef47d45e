"""`flask --app quizapp students export | delete | anonymise USERNAME` and
`flask --app quizapp attempts purge [--dry-run] [--days N]`."""

import click
from flask import current_app
from flask.cli import AppGroup

students_cli = AppGroup("students", help="One student's data: export, delete, anonymise.")
attempts_cli = AppGroup("attempts", help="Submitted attempts: purge those past retention.")


def _student(username: str):
    from sqlalchemy import select

    from quizapp.models import User, db

    user = db.session.scalar(select(User).where(User.username == username.strip().lower()))
    if user is None:
        raise click.ClickException(f"No account is called {username!r}.")
    return user


@students_cli.command("export")
@click.argument("username")
@click.option("--format", "kind", type=click.Choice(["json", "zip"]), default="json")
@click.option("--output", type=click.Path(dir_okay=False, writable=True), help="Default: stdout")
def export_command(username: str, kind: str, output: str | None) -> None:
    """Everything stored about USERNAME, as JSON or a zip of CSV files."""
    from quizapp.services import data_rights

    data = data_rights.student_data(_student(username))
    if kind == "json":
        body = data_rights.as_json(data).encode()
    else:
        body = data_rights.as_zip(data)
    if output:
        with open(output, "wb") as file:
            file.write(body)
        click.echo(f"Wrote {len(data['attempts'])} attempts to {output}.", err=True)
    else:
        click.echo(body, nl=False)  # bytes go to the binary stream as they are


def _act(username: str, action_name: str) -> None:
    from quizapp.models import db
    from quizapp.services import data_rights

    user = _student(username)
    try:
        getattr(data_rights, action_name)(user)
    except data_rights.DataRightsError as error:
        db.session.rollback()
        raise click.ClickException(str(error)) from error
    db.session.commit()


@students_cli.command("delete")
@click.argument("username")
@click.confirmation_option(prompt="Delete this student and all their attempts for good?")
def delete_command(username: str) -> None:
    """Delete USERNAME with every attempt, answer, report and membership."""
    _act(username, "delete_student")
    click.echo(f"Deleted {username!r}.")


@students_cli.command("anonymise")
@click.argument("username")
@click.confirmation_option(prompt="Replace this student's identity for good?")
def anonymise_command(username: str) -> None:
    """Keep USERNAME's attempts without their identity (the item analysis is unchanged)."""
    _act(username, "anonymise_student")
    click.echo(f"Anonymised {username!r}.")


@attempts_cli.command("purge")
@click.option("--dry-run", is_flag=True, help="Count what would be removed; change nothing.")
@click.option("--days", type=click.IntRange(1, 36500), help="Default: ATTEMPT_RETENTION_DAYS.")
def purge_command(dry_run: bool, days: int | None) -> None:
    """Remove submitted attempts older than the retention period (item statistics follow)."""
    from quizapp.models import db, utcnow
    from quizapp.services.data_rights import purge_attempts

    days = days or current_app.config.get("ATTEMPT_RETENTION_DAYS")
    if not days:
        raise click.ClickException(
            "Retention is off: set ATTEMPT_RETENTION_DAYS in instance/config.py or pass --days."
        )
    count = purge_attempts(utcnow(), days, dry_run)
    if dry_run:
        db.session.rollback()
        click.echo(f"Would remove {count} submitted attempts older than {days} days.")
    else:
        db.session.commit()
        click.echo(f"Removed {count} submitted attempts older than {days} days.")
