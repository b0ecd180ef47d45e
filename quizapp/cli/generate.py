"""`flask --app quizapp generate FILE.txt [--format json] [--limit N]`: ranked candidate
questions for an article, without touching the database."""

import json

import click

# The generator's imports are heavy: loaded by the command, not by every `flask` start-up.


def read_article(file) -> str:
    """The file's text; a ClickException with a clear message when it is not usable."""
    from quizapp.core.generation import MAX_CHARS

    raw = file.read(MAX_CHARS * 4 + 1)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise click.ClickException(
            f"{file.name} is not UTF-8 text. Save it as UTF-8 and try again."
        ) from None
    return text.replace("\r\n", "\n")


@click.command("generate")
@click.argument("file", type=click.File("rb"))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="json: a JSON list that scripts can read.",
)
@click.option(
    "--limit", type=click.IntRange(min=0), default=None, help="Print only the N best candidates."
)
@click.option(
    "--seed", type=int, default=0, show_default=True, help="Same text and seed, same candidates."
)
def generate_command(file, fmt: str, limit: int | None, seed: int) -> None:
    """Draft questions from FILE (plain text, UTF-8; - for standard input), best first."""
    from quizapp.core.generation import GenerationError, candidate_to_json, generate

    try:
        candidates = generate(read_article(file), seed=seed, limit=limit)
    except GenerationError as error:
        raise click.ClickException(str(error)) from None
    if fmt == "json":
        click.echo(
            json.dumps([candidate_to_json(c) for c in candidates], ensure_ascii=False, indent=2)
        )
        return
    for number, candidate in enumerate(candidates, 1):
        click.echo(f"{number}. [{candidate.kind}, {candidate.score:.2f}] {candidate.prompt}")
        for choice in candidate.choices:
            click.echo(f"   {'*' if choice.is_correct else '-'} {choice.text}")
        if candidate.answer is not None:
            click.echo(f"   = {candidate.answer:g} ± {candidate.tolerance or 0:g}")
    click.echo(f"{len(candidates)} candidate{'' if len(candidates) == 1 else 's'}.", err=True)
