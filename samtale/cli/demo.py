"""demo: fill an empty database with fictional data and print the logins."""

from __future__ import annotations

import click

from samtale import demo, passwords
from samtale.cli import main
from samtale.cli.common import config, database
from samtale.i18n import gettext as _


@main.command(name="demo")
@click.option("--seed", "seed_value", type=int, help="Tilfældighedsfrø, for ens data hver gang.")
def demo_command(seed_value):
    """Fyld en tom database med opdigtede demodata."""
    cfg = config()
    hasher = passwords.Hasher(cfg["ARGON2_TIME_COST"], cfg["ARGON2_MEMORY_KIB"])
    ctx = demo.seed(database(), hasher, seed_value)
    click.echo(_("Demodata er lagt i %(path)s. Alle personer er opdigtede.", path=cfg["DATABASE"]))
    click.echo(_("Log ind på http://%(host)s:%(port)s med:", host=cfg["HOST"], port=cfg["PORT"]))
    for username, password, role, name in ctx.logins:
        click.echo(f"  {username:<12} {password:<26} {role:<14} {name}")
