"""`samtale export --resident ID --format FMT [--out PATH]`: a resident's plan as a file.

Goes through samtale.export.export_plan like the web page, so every export is written to
the audit log (actor: the CLI user's login name). Text formats go to standard output when
there is no --out; a PDF is refused on a terminal (send it to a file or a pipe)."""

from __future__ import annotations

import getpass
import sys
from pathlib import Path

import click

from samtale import plan
from samtale.cli import main
from samtale.cli.common import config, database
from samtale.errors import NotFound, SamtaleError
from samtale.export import FORMATS, export_plan, pdf_picture
from samtale.i18n import gettext as _


def _actor() -> str:
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):
        return "cli"


def _write(content: bytes, out: Path | None) -> None:
    if out is not None:
        out.write_bytes(content)
        click.echo(_("Skrevet til %(path)s.", path=out), err=True)
        return
    sys.stdout.buffer.write(content)
    sys.stdout.buffer.flush()


@main.command(name="export")
@click.option("--resident", "resident_id", type=int, required=True, help="Beboerens id.")
@click.option("--format", "fmt", type=click.Choice(list(FORMATS)), required=True,
              help="Formatet: pdf, md, json, fhir, txt eller udredning.")
@click.option("--out", type=click.Path(dir_okay=False, writable=True, path_type=Path),
              help="Filen, der skrives til (ellers standard output).")
@click.option("--purpose", help="Formålet med eksporten (skrives i loggen).")
def export_command(resident_id: int, fmt: str, out: Path | None, purpose: str | None):
    """Eksportér en beboers plan (hver eksport skrives i loggen)."""
    if fmt == "pdf" and out is None and sys.stdout.isatty():
        raise SamtaleError(_("En PDF kan ikke skrives i terminalen. Brug --out FIL."))
    db = database()
    try:
        data = plan.build(db, resident_id)
    except NotFound:
        raise SamtaleError(_("Der findes ingen beboer med id %(id)s.", id=resident_id)) from None
    result = export_plan(db, data, fmt, actor_id=None, actor_name=_actor(), purpose=purpose,
                         facility_name=config().get("FACILITY_NAME", ""),
                         picture_svg=pdf_picture(data, fmt))
    _write(result.content, out)
