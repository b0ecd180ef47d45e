"""`flask --app quizapp questions import FILE | export`: the bank as Moodle GIFT or Moodle XML."""

import json

import click
from flask.cli import AppGroup

# Parsing and the bank's services load with the commands, not with every `flask` start-up.

questions_cli = AppGroup(
    "questions", help="Import and export the question bank (Moodle GIFT or Moodle XML)."
)


@questions_cli.command("import")
@click.argument("file", type=click.File("rb"))
@click.option("--dry-run", is_flag=True, help="Check the file and say what would happen.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["gift", "xml"]),
    help="The file's format (default: xml for a .xml file, else gift).",
)
@click.option(
    "--on-existing",
    type=click.Choice(["update", "skip", "copy"]),
    default="update",
    show_default=True,
    help="What to do with a question whose id is already in the bank.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the questions read as JSON.")
@click.option("--publish", is_flag=True, help="Publish new questions (default: drafts).")
def import_command(
    file, dry_run: bool, fmt: str | None, on_existing: str, as_json: bool, publish: bool
) -> None:
    """Import FILE (UTF-8; - for standard input). A file with any problem imports nothing."""
    from quizapp.core.gift import GiftError, to_json_dict
    from quizapp.core.import_plan import change_lines, counts, outcome_text
    from quizapp.models import db
    from quizapp.services.transfer import detect_format, import_questions

    name = getattr(file, "name", "<stdin>")
    try:
        outcome = import_questions(
            file.read(),
            None,
            fmt=detect_format(name, fmt),
            publish=publish,
            dry_run=dry_run,
            on_existing=on_existing,
            filename=name.rsplit("/", 1)[-1],
        )
    except GiftError as error:
        raise click.ClickException(str(error)) from None
    if as_json:
        questions = [to_json_dict(q) for q in outcome.parsed.questions]
        click.echo(json.dumps(questions, ensure_ascii=False, indent=2))
    for problem in outcome.plan.skipped:
        click.echo(f"{name}:{problem.line}: skipped: {problem.message}", err=True)
    for problem in outcome.problems:
        click.echo(f"{name}:{problem.line}: {problem.message}", err=True)
    if outcome.problems:
        raise click.ClickException(f"{len(outcome.problems)} problem(s): nothing was imported.")
    report = click.echo if not as_json else lambda text: click.echo(text, err=True)
    report(f"Compared with the bank: {counts(outcome.plan)}.")
    for line in change_lines(outcome.plan):
        report(f"  {line}")
    if dry_run:
        report(f"Dry run, nothing saved. {outcome_text(outcome.plan, done=False)}")
        return
    db.session.commit()
    report(outcome_text(outcome.plan, done=True))


@questions_cli.command("export")
@click.option("--topic", "slug", help="Only this section (its address, e.g. durand-line).")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["gift", "xml", "csv"]),
    default="gift",
    show_default=True,
    help="csv: one row per question with every option (retired ones included).",
)
def export_command(slug: str | None, fmt: str) -> None:
    """Write the bank (without retired questions) to standard output."""
    from sqlalchemy import select

    from quizapp.models import Topic, db
    from quizapp.services.transfer_export import bank_csv, export_gift, export_moodle_xml

    if fmt == "csv":
        click.echo(bank_csv(), nl=False)
        return
    topic = None
    if slug:
        topic = db.session.scalar(select(Topic).where(Topic.slug == slug))
        if topic is None:
            raise click.ClickException(f"No section has the address {slug!r}.")
    export = (export_moodle_xml if fmt == "xml" else export_gift)(topic)
    click.echo(export.text, nl=False)
    for line in export.skipped:
        click.echo(f"Not exported: {line}", err=True)
    click.echo(f"Exported {export.count} question(s).", err=True)
