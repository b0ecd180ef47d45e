"""Command-line tools: `flask --app quizapp seed | create-user | questions | stats | backup |
restore`, and `flask generate`, a plugin that runs without the app (see pyproject.toml).

This package's own module imports nothing, so `flask generate` loads only the generator.
"""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from flask import Flask


def init_cli(app: "Flask") -> None:
    from quizapp.cli.commands import COMMANDS

    for command in COMMANDS:
        app.cli.add_command(command)
