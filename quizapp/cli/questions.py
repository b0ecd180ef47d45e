"""`flask --app quizapp questions import FILE.gift | export`: the question bank as Moodle GIFT."""

import json

import click
from flask.cli import AppGroup

# GIFT parsing and the bank's services load with the commands, not with every `flask` start-up.

questions_cli = AppGroup("questions", help="Import and export the question bank (Moodle GIFT).")


@questions_cli.command("import")
@click.argument("file", type=click.File("rb"))
@click.option("--dry-run", is_flag=True, help="Check the file and report; save nothing.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="json: print the parsed questions as a JSON list.",
)
@click.option("--publish", is_flag=True, help="Publish the questions (default: drafts).")
def import_command(file, dry_run: bool, fmt: str, publish: bool) -> None:
    """Import FILE (GIFT, UTF-8; - for standard input). A file with any problem imports nothing."""
    from quizapp.core.gift import GiftError, to_json_dict
    from quizapp.models import db
    from quizapp.services.transfer import import_gift

    try:
        outcome = import_gift(file.read(), None, publish=publish, dry_run=dry_run)
    except GiftError as error:
        raise click.ClickException(str(error)) from None
    if fmt == "json":
        click.echo(
            json.dumps(
                [to_json_dict(q) for q in outcome.parsed.questions], ensure_ascii=False, indent=2
            )
        )
    name = getattr(file, "name", "<stdin>")
    for problem in outcome.plan.skipped:
        click.echo(f"{name}:{problem.line}: skipped: {problem.message}", err=True)
    for problem in outcome.problems:
        click.echo(f"{name}:{problem.line}: {problem.message}", err=True)
    if outcome.problems:
        raise click.ClickException(f"{len(outcome.problems)} problem(s): nothing was imported.")
    count = len(outcome.plan.questions)
    if dry_run:
        click.echo(f"The file is fine: {count} question(s) would be imported.", err=fmt == "json")
        return
    db.session.commit()
    click.echo(f"Imported {count} question(s).", err=fmt == "json")


@questions_cli.command("export")
@click.option("--topic", "slug", help="Only this section (its address, e.g. durand-line).")
def export_command(slug: str | None) -> None:
    """Write the bank (without retired questions) as GIFT to standard output."""
    from sqlalchemy import select

    from quizapp.models import Topic, db
    from quizapp.services.transfer import export_gift

    topic = None
    if slug:
        topic = db.session.scalar(select(Topic).where(Topic.slug == slug))
        if topic is None:
            raise click.ClickException(f"No section has the address {slug!r}.")
    export = export_gift(topic)
    click.echo(export.text, nl=False)
    for line in export.skipped:
        click.echo(f"Not exported: {line}", err=True)
    click.echo(f"Exported {export.count} question(s).", err=True)
