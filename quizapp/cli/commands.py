"""Command-line tools: `flask --app quizapp seed | create-user | users | questions | stats |
backup | restore`."""

import sys

import click
from flask.cli import with_appcontext

from quizapp.cli.data_rights import attempts_cli, students_cli
from quizapp.cli.database import backup_command, restore_command
from quizapp.cli.generate import generate_command
from quizapp.cli.questions import questions_cli
from quizapp.cli.serve import serve_command
from quizapp.cli.stats import stats_cli
from quizapp.cli.users import users_cli
from quizapp.core.accounts import ROLES

# Services load inside the commands that need them: `flask --help` and every other command
# then start without importing the seeder, the generator or Markdown.


@click.command("seed")
@click.option("--update", is_flag=True, help="Overwrite seeded rows with the content files.")
@with_appcontext
def seed_command(update: bool) -> None:
    """Load explainer sections, the question bank and quizzes (safe to run again)."""
    from quizapp.models import db
    from quizapp.services.seeding import seed_all
    from quizapp.web.database import analyze

    reports = seed_all(update)
    db.session.commit()
    with db.engine.begin() as connection:
        analyze(connection)
    for name, report in reports.items():
        click.echo(f"{name}: {report.created} created, {report.updated} updated")


@click.command("create-user")
@click.argument("username")
@click.option("--role", type=click.Choice(ROLES), default="student", show_default=True)
@click.option("--editor", is_flag=True, help="A teacher who may change the explainer's sections.")
@with_appcontext
def create_user_command(username: str, role: str, editor: bool) -> None:
    """Create an account. The password is prompted for, or read from standard input."""
    from sqlalchemy import select

    from quizapp.models import User, db
    from quizapp.services.accounts import hash_password, password_problem

    username = username.strip().lower()
    if db.session.scalar(select(User).where(User.username == username)):
        raise click.ClickException(f"The username {username!r} is taken.")
    if sys.stdin.isatty():
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    else:
        password = sys.stdin.readline().rstrip("\n")
    problem = password_problem(password, username)
    if problem:
        raise click.ClickException(problem)
    if editor and role != "teacher":
        raise click.ClickException("--editor is for teachers: admins edit the explainer anyway.")
    user = User(username=username, role=role, password_hash=hash_password(password))
    user.can_edit_explainer = editor
    db.session.add(user)
    db.session.commit()
    click.echo(f"Created {role} {username!r}{' (explainer editor)' if editor else ''}.")


# `flask generate` finds `generate` as a plugin (pyproject.toml) and runs it without creating
# the app; it is on app.cli as well, for `app.test_cli_runner()` and scripts that hold an app.
COMMANDS = (
    generate_command,
    seed_command,
    create_user_command,
    questions_cli,
    stats_cli,
    users_cli,
    backup_command,
    restore_command,
    serve_command,
    students_cli,
    attempts_cli,
)
# These never use the app: `generate` runs without one, `serve` starts gunicorn, which builds
# its own.
APP_FREE = (generate_command, serve_command)
