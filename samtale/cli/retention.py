"""retention run: erase the data of residents who moved out long enough ago, and clear
away expired sessions and old login attempts (housekeeping, no question asked)."""

from __future__ import annotations

import click

from samtale import gdpr, sessions, throttle
from samtale.cli import main
from samtale.cli.common import config, database, echo_table
from samtale.i18n import gettext as _


@main.group()
def retention():
    """Slet data om fraflyttede beboere."""


@retention.command("run")
@click.option("--yes", is_flag=True, help="Spørg ikke om bekræftelse.")
@click.option("--dry-run", is_flag=True, help="Vis kun, hvem der ville blive slettet.")
def retention_run(yes: bool, dry_run: bool):
    """Vis og slet data om beboere flyttet for længe siden."""
    db = database()
    if not dry_run:
        _housekeeping(db)
    months = gdpr.erase_after_months(db)
    due = gdpr.due_for_erasure(db, months)
    if not due:
        click.echo(_("Ingen beboere er flyttet for mere end %(n)s måneder siden.", n=months))
        return
    click.echo(
        _("Flyttet for mere end %(n)s måneder siden (%(count)s):", n=months, count=len(due))
    )
    echo_table(due, ["id", "display_name", "unit", "moved_out"])
    if dry_run:
        return
    if not yes:
        click.confirm(_("Slet alle data om disse %(count)s beboere?", count=len(due)), abort=True)
    for person in due:
        counts = gdpr.erase_resident(db, person["id"], actor_name="cli:retention")
        click.echo(
            _(
                "Slettet: %(id)s %(name)s (%(rows)s rækker)",
                id=person["id"],
                name=person["display_name"],
                rows=sum(counts.values()),
            )
        )


def _housekeeping(db) -> None:
    """Expired sessions (a visitor's login page makes one too) and login attempts older
    than 30 days serve no one: delete them."""
    cfg = config()
    ended = sessions.purge_expired(db, cfg["IDLE_MINUTES"], cfg["SESSION_HOURS"])
    attempts = throttle.purge(db)
    click.echo(_("Udløbne sessioner slettet: %(s)s. Loginforsøg over 30 dage gamle slettet: "
                 "%(a)s.", s=ended, a=attempts))
