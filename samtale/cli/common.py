"""What the CLI commands share: configuration from SAMTALE_* and the database."""

from __future__ import annotations

from pathlib import Path

import click
from sqlite_utils import Database

from samtale import migrations
from samtale.config import from_environment
from samtale.db import open_db


def config() -> dict:
    return from_environment()


def database(migrate: bool = True) -> Database:
    """Open the configured database, applying pending migrations first."""
    db = open_db(config()["DATABASE"])
    if migrate:
        migrations.apply(db)
    return db


def database_path() -> Path:
    return Path(config()["DATABASE"])


def echo_table(rows: list[dict], columns: list[str]) -> None:
    if not rows:
        return
    widths = {c: max(len(c), *(len(str(r.get(c, ""))) for r in rows)) for c in columns}
    click.echo("  ".join(c.ljust(widths[c]) for c in columns).rstrip())
    for row in rows:
        click.echo("  ".join(str(row.get(c, "")).ljust(widths[c]) for c in columns).rstrip())
