"""serve, init, residents, backup and restore."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import click

from samtale import firstrun, migrations, residents
from samtale.cli import main
from samtale.cli.common import config, database, database_path, echo_table
from samtale.config import secret_key
from samtale.errors import SamtaleError
from samtale.i18n import gettext as _


def _setup_link(cfg: dict, db) -> str | None:
    if not firstrun.needed(db):
        return None
    base = cfg["BASE_URL"] or f"http://{cfg['HOST']}:{cfg['PORT']}"
    return f"{base.rstrip('/')}/opsaetning/{firstrun.new_token(db)}"


@main.command()
@click.option("--host", help="Adresse (standard SAMTALE_HOST eller 127.0.0.1).")
@click.option("--port", type=int, help="Port (standard SAMTALE_PORT eller 5000).")
@click.option("--workers", type=int, help="Antal gunicorn-processer (standard 2).")
def serve(host, port, workers):
    """Start Samtale (gunicorn) efter at have opdateret databasen."""
    from samtale.server import run

    cfg = config()
    cfg["HOST"], cfg["PORT"] = host or cfg["HOST"], port or cfg["PORT"]
    db = database()
    secret_key(Path(cfg["INSTANCE_DIR"]))
    link = _setup_link(cfg, db)
    db.close()
    if link:
        click.echo("\n" + "=" * 72)
        click.echo(
            _(
                "Samtale har ingen konti endnu. Åbn dette link inden for en time for at "
                "oprette den første leder (linket virker én gang):"
            )
            + "\n"
        )
        click.echo(f"    {link}\n")
        click.echo("=" * 72 + "\n", nl=True)
    run(cfg["HOST"], cfg["PORT"], workers or cfg["WORKERS"])


@main.command()
def init():
    """Opret databasen eller opdater dens skema."""
    db = open_db_raw()
    applied = migrations.apply(db)
    click.echo(f"{database_path()}: " + (", ".join(applied) if applied else _("ingen ændringer")))


def open_db_raw():
    from samtale.db import open_db

    return open_db(config()["DATABASE"])


@main.command(name="residents")
def list_residents():
    """Vis beboere: id, navn, afdeling og status."""
    rows = residents.list_all(database())
    echo_table(rows, ["id", "display_name", "unit", "status"])
    if not rows:
        click.echo(_("Ingen beboere."))


def _integrity(path: Path) -> str:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        conn.close()


@main.command()
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Overskriv PATH, hvis den findes.")
def backup(path: Path, force: bool):
    """Tag en backup til PATH og kontroller kopien."""
    if path.exists() and not force:
        raise SamtaleError(
            _("%(path)s findes allerede. Vælg et andet navn eller brug --force.", path=path)
        )
    source = sqlite3.connect(database_path())
    path.parent.mkdir(parents=True, exist_ok=True)
    target = sqlite3.connect(path)
    try:
        source.backup(target)
    finally:
        target.close()
        source.close()
    result = _integrity(path)
    if result != "ok":
        raise SamtaleError(_("Kopien %(path)s er beskadiget: %(result)s", path=path, result=result))
    click.echo(_("Backup gemt i %(path)s (integrity_check: ok)", path=path))


def _check_backup(path: Path) -> None:
    if not path.is_file():
        raise SamtaleError(_("%(path)s findes ikke.", path=path))
    try:
        result = _integrity(path)
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        ours = conn.execute(
            "SELECT count(*) FROM _sqlite_migrations WHERE migration_set = 'samtale'"
        ).fetchone()[0]
        conn.close()
    except sqlite3.DatabaseError:
        raise SamtaleError(_("%(path)s er ikke en Samtale-database.", path=path)) from None
    if result != "ok":
        raise SamtaleError(_("%(path)s er beskadiget: %(result)s", path=path, result=result))
    if not ours:
        raise SamtaleError(_("%(path)s er ikke en Samtale-database.", path=path))


@main.command()
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--yes", is_flag=True, help="Spørg ikke om bekræftelse.")
def restore(path: Path, yes: bool):
    """Gendan databasen fra backuppen PATH (stop serveren først)."""
    _check_backup(path)
    target = database_path()
    if not yes:
        click.confirm(
            _("Alle data i %(target)s erstattes med %(path)s. Fortsæt?", target=target, path=path),
            abort=True,
        )
    source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    target.parent.mkdir(parents=True, exist_ok=True)
    dest = sqlite3.connect(target)
    try:
        source.backup(dest)
    finally:
        dest.close()
        source.close()
    db = database()
    db.close()
    click.echo(
        _(
            "%(target)s er gendannet fra %(path)s (integrity_check: %(result)s)",
            target=target,
            path=path,
            result=_integrity(target),
        )
    )
