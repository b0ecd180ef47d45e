"""`flask users reset-password USERNAME`: a one-time code for an account, from the server."""

import click
from flask.cli import AppGroup

users_cli = AppGroup("users", help="Manage accounts.")


@users_cli.command("reset-password")
@click.argument("username")
def reset_password_command(username: str) -> None:
    """Replace the account's password with a one-time code (printed once, valid 24 hours)."""
    from sqlalchemy import select

    from quizapp.models import User, db, utcnow
    from quizapp.services.account_resets import reset_password

    user = db.session.scalar(select(User).where(User.username == username.strip().lower()))
    if user is None:
        raise click.ClickException(f"No account is called {username!r}.")
    code = reset_password(user, None, utcnow())
    db.session.commit()
    click.echo(f"One-time code for {user.username}: {code}")
    click.echo("It works once, within 24 hours; then a new password must be chosen.")
