"""totp reset: help a colleague who lost both their phone and their recovery codes."""

from __future__ import annotations

import click

from samtale import audit, staff, totp
from samtale.cli import main
from samtale.cli.common import database
from samtale.errors import SamtaleError
from samtale.i18n import gettext as _


@main.group(name="totp")
def totp_group():
    """To-faktor-login: nulstil for en medarbejder."""


@totp_group.command("reset")
@click.argument("username")
@click.option("--yes", is_flag=True, help="Spørg ikke om bekræftelse.")
def totp_reset(username: str, yes: bool):
    """Slå to-faktor-login fra for USERNAME, så det kan sættes op igen."""
    db = database()
    account = staff.find_by_username(db, username)
    if account is None:
        raise SamtaleError(_("Ingen medarbejder med brugernavnet %(u)s.", u=username))
    if not totp.is_enabled(db, account["id"]):
        raise SamtaleError(_("%(u)s har ikke to-faktor-login slået til.", u=username))
    if not yes:
        click.confirm(_("Slå to-faktor-login fra for %(u)s?", u=username), abort=True)
    totp.reset(db, account["id"])
    audit.record(db, action="admin", actor_name="cli:totp-reset", object_type="totp",
                 object_id=account["id"], purpose="disable")
    click.echo(
        _("To-faktor-login er slået fra for %(u)s. Ved næste login kan det sættes op igen.",
          u=username)
    )
