"""`samtale jegform TEXT`: print the first-person (jeg-form) suggestion for a text."""

from __future__ import annotations

import sys

import click

from samtale import jegform as core
from samtale.cli import main


@main.command()
@click.argument("text")
@click.option("--name", "names", multiple=True, help="Beboerens navn (kan gentages).")
def jegform(text: str, names: tuple[str, ...]):
    """Skriv teksten om til jeg-form.

    Udskriver forslaget, eller teksten uændret, når den allerede er i jeg-form.
    Skriv - som TEXT for at læse teksten fra standard input."""
    if text == "-":
        text = sys.stdin.read().rstrip("\n")
    click.echo(core.rewrite(text, names))
