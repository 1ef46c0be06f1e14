"""audit verify | prune."""

from __future__ import annotations

import click

from samtale import audit, clock, gdpr
from samtale.audit_report import day_start
from samtale.cli import main
from samtale.cli.common import config, database
from samtale.errors import SamtaleError
from samtale.i18n import gettext as _


def _problem(code: str) -> str:
    return {
        "altered": _("posten er ændret, efter den blev skrevet"),
        "gap": _("der mangler poster lige før den"),
        "broken_link": _("den peger ikke på posten før"),
    }.get(code, code)


@main.group(name="audit")
def audit_group():
    """Kontrollér loggen, og ryd op i gamle poster."""


@audit_group.command("verify")
def audit_verify():
    """Kontrollér loggens kæde, og vis kontrolsummen."""
    db = database()
    result = audit.verify(db)
    if not result.ok:
        raise SamtaleError(
            _(
                "Loggen er brudt ved post %(id)s (%(code)s: %(why)s). "
                "%(n)s poster før den er i orden.",
                id=result.first_bad_id,
                code=result.problem,
                why=_problem(result.problem),
                n=result.checked,
            )
        )
    head = audit.head(db)
    click.echo(_("Loggen er hel: %(n)s poster kontrolleret.", n=result.checked))
    click.echo(_("Seneste post: %(id)s", id=head.last_id or "-"))
    click.echo(_("Kontrolsum: %(hash)s", hash=head.last_hash))
    click.echo(
        _(
            "Skriv antal og kontrolsum ned et andet sted: "
            "så kan man se, om de nyeste poster er fjernet."
        )
    )


@audit_group.command("prune")
@click.option(
    "--months", type=int, help="Opbevaringstid i måneder (standard AUDIT_RETENTION_MONTHS: 12)."
)
@click.option("--yes", is_flag=True, help="Spørg ikke om bekræftelse.")
def audit_prune(months: int | None, yes: bool):
    """Slet poster ældre end opbevaringstiden."""
    months = config()["AUDIT_RETENTION_MONTHS"] if months is None else months
    if months < 1:
        raise SamtaleError(_("--months skal være mindst 1."))
    db = database()
    cut_day = gdpr.months_before(clock.today(), months)
    before = day_start(cut_day)
    count = audit.prunable(db, before)
    if not count:
        click.echo(_("Ingen poster er ældre end %(day)s.", day=cut_day.isoformat()))
        return
    if not yes:
        click.confirm(
            _("Slet %(n)s poster fra før %(day)s?", n=count, day=cut_day.isoformat()), abort=True
        )
    result = audit.prune(db, before, actor_name="cli:audit-prune")
    click.echo(
        _(
            "Slettede %(n)s poster. Kontrolpunkt: post %(id)s, kontrolsum %(hash)s.",
            n=result.pruned,
            id=result.last_id,
            hash=result.last_hash,
        )
    )
