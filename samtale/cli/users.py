"""user add | list | disable | enable."""

from __future__ import annotations

import click

from samtale import passwords, staff
from samtale.cli import main
from samtale.cli.common import config, database, echo_table
from samtale.errors import SamtaleError
from samtale.i18n import gettext as _


def _hasher() -> passwords.Hasher:
    cfg = config()
    return passwords.Hasher(cfg["ARGON2_TIME_COST"], cfg["ARGON2_MEMORY_KIB"])


def _unit_ids(db, names: tuple[str, ...]) -> list[int]:
    by_name = {u["name"].lower(): u["id"] for u in staff.units(db)}
    ids = []
    for name in names:
        if name.lower() not in by_name:
            by_name[name.lower()] = staff.create_unit(db, name)
            click.echo(_("Afdelingen %(n)s er oprettet.", n=name))
        ids.append(by_name[name.lower()])
    return ids


@main.group()
def user():
    """Medarbejderkonti: opret, vis, deaktiver."""


@user.command("add")
@click.option("--username", required=True, help="Brugernavn, fx mette.k")
@click.option("--name", "display_name", required=True, help="Navn på skærmen.")
@click.option(
    "--role",
    type=click.Choice(staff.ROLES),
    default="kontaktperson",
    show_default=True,
    help="kontaktperson eller leder.",
)
@click.option(
    "--unit", "units", multiple=True, help="Afdeling (kan gentages; oprettes hvis den ikke findes)."
)
@click.option("--password-stdin", is_flag=True, help="Læs adgangskoden fra standard input.")
def user_add(username, display_name, role, units, password_stdin):
    """Opret en medarbejder (adgangskoden vises aldrig)."""
    if password_stdin:
        password = click.get_text_stream("stdin").readline().rstrip("\n")
    else:
        password = click.prompt(_("Adgangskode"), hide_input=True, confirmation_prompt=True)
    db = database()
    with db.atomic():
        staff_id = staff.create(
            db,
            _hasher(),
            username=username,
            display_name=display_name,
            password=password,
            role=role,
            unit_ids=_unit_ids(db, units),
        )
    click.echo(
        _("Oprettet: %(u)s (id %(id)s, %(role)s)", u=username.lower(), id=staff_id, role=role)
    )


@user.command("list")
def user_list():
    """Vis alle medarbejdere."""
    rows = staff.list_all(database())
    for row in rows:
        row["active"] = "ja" if row["active"] else "nej"
    echo_table(rows, ["id", "username", "display_name", "role", "active", "units"])


def _find(db, username: str) -> int:
    account = staff.find_by_username(db, username)
    if account is None:
        raise SamtaleError(_("Ingen medarbejder med brugernavnet %(u)s.", u=username))
    return account["id"]


@user.command("disable")
@click.argument("username")
def user_disable(username):
    """Deaktiver en konto og log den ud overalt."""
    db = database()
    staff.set_active(db, _find(db, username), False)
    click.echo(_("%(u)s er deaktiveret og logget ud overalt.", u=username))


@user.command("enable")
@click.argument("username")
def user_enable(username):
    """Aktiver en deaktiveret konto igen."""
    db = database()
    staff.set_active(db, _find(db, username), True)
    click.echo(_("%(u)s er aktiv igen.", u=username))
