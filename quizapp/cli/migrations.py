"""`flask db …`: Flask-Migrate's command group, imported when the group is used rather than
when `flask --help` lists it (importing it loads Alembic)."""

import click


class MigrationCommands(click.Group):
    """Flask-Migrate's group: its options, callback and commands, loaded on first use."""

    def _load(self) -> None:
        from flask_migrate.cli import db as commands

        self.params, self.callback = commands.params, commands.callback
        self.commands = commands.commands

    def make_context(self, info_name, args, parent=None, **extra):
        self._load()
        return super().make_context(info_name, args, parent, **extra)

    def list_commands(self, ctx) -> list[str]:
        self._load()
        return super().list_commands(ctx)


def migration_commands() -> click.Group:
    return MigrationCommands("db", help="Perform database migrations.")
