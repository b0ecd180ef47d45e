"""Command-line tools: `flask --app quizapp seed | create-user | questions | stats | backup |
restore`, and `flask generate`, a plugin that runs without the app (see pyproject.toml).

This package's own module imports nothing, so `flask generate` loads only the generator.
"""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import click
    from flask import Flask


def init_cli(app: "Flask") -> None:
    from quizapp.cli.commands import APP_FREE, COMMANDS
    from quizapp.cli.migrations import migration_commands

    for command in COMMANDS:
        if command not in APP_FREE:
            _finishing_setup(command)
        app.cli.add_command(command)
    app.cli.add_command(migration_commands())  # Flask-Migrate's: `app.extensions` finishes it
    # `flask shell`: its namespace is built from these, before the first line is read.
    app.shell_context_processor(lambda: app.finish_setup() or {})


def _finishing_setup(command: "click.Command") -> None:
    """The command (and each of its subcommands) finishes the app's deferred set-up before it
    runs (web/application.py). The command objects are shared by every app in the process, so
    the wrapper asks the command line's ScriptInfo for its app rather than holding one."""
    import functools

    import click
    from flask.cli import ScriptInfo

    if getattr(command, "finishes_setup", False):
        return
    command.finishes_setup = True
    for subcommand in getattr(command, "commands", {}).values():
        _finishing_setup(subcommand)
    if command.callback is None:
        return
    run = command.callback

    @functools.wraps(run)
    def finishing_setup(*args, **kwargs):
        app = click.get_current_context().ensure_object(ScriptInfo).load_app()  # cached
        getattr(app, "finish_setup", lambda: None)()
        return run(*args, **kwargs)

    command.callback = finishing_setup
