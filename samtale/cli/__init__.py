"""The `samtale` command. Each area keeps its commands in a module of this package;
they attach themselves to `main` when imported at the bottom of this file."""

import click

from samtale.errors import SamtaleError


class CleanError(click.ClickException):
    """One clean line on standard error, in Danish, and exit code 1."""

    def show(self, file=None) -> None:
        click.echo(f"Fejl: {self.format_message()}", err=True, file=file)


class CleanGroup(click.Group):
    """A group whose commands turn SamtaleError into one clean line and exit 1."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except SamtaleError as error:
            raise CleanError(error.message) from None


@click.group(cls=CleanGroup)
@click.version_option(package_name="samtale")
def main():
    """Samtale: samtaler, mål i jeg-form og planer for botilbud."""


# Command modules register on `main` as a side effect of being imported.
from samtale.cli import (  # noqa: E402,F401
    audit,
    banks,
    database,
    demo,
    export,
    jegform,
    retention,
    security,
    users,
)
