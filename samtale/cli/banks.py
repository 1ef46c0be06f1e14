"""`samtale banks`: check question bank files, and show a bank in reading order."""

from __future__ import annotations

from pathlib import Path

import click

from samtale import flow
from samtale.banks import BankSet, default_folders, load_paths
from samtale.banks.relied import notices
from samtale.cli import main
from samtale.cli.common import config
from samtale.i18n import LANGUAGES, locale, ngettext
from samtale.i18n import gettext as _

lang_option = click.option(
    "--lang", type=click.Choice(LANGUAGES), default="da", show_default=True,
    help="Sprog for beskederne (da eller en).",
)


def _default_paths() -> list[Path]:
    """The shipped banks, then the facility's folder: SAMTALE_BANKS_DIR when set, else
    INSTANCE_DIR/question_banks when it exists."""
    settings = config()
    facility = settings["BANKS_DIR"] or Path(settings["INSTANCE_DIR"]) / "question_banks"
    if not settings["BANKS_DIR"] and not Path(facility).is_dir():
        facility = None
    return default_folders(facility)


@main.group()
def banks():
    """Spørgsmålsbanker: tjek filerne og vis en bank."""


def _list_banks(bank_set: BankSet) -> None:
    for bank in sorted(bank_set.banks.values(), key=lambda b: b.id):
        count = len(bank.questions)
        click.echo(ngettext(
            "%(id)s (version %(version)s): %(num)s spørgsmål, %(file)s",
            "%(id)s (version %(version)s): %(num)s spørgsmål, %(file)s",
            count, id=bank.id, version=bank.version, file=bank.source,
        ))
        for notice in notices(bank):
            click.echo("  " + _("Bemærk: %(notice)s", notice=notice))


@banks.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@lang_option
def check(paths: tuple[Path, ...], lang: str):
    """Tjek bankfiler (filer eller mapper). Uden PATH: de medfølgende banker og
    SAMTALE_BANKS_DIR. Afslutter med 0, når alt er i orden, ellers 1."""
    with locale(lang):
        bank_set = load_paths(paths or _default_paths())
        _list_banks(bank_set)
        if bank_set.ok:
            click.echo(ngettext("Banken er i orden.", "Alle %(num)s banker er i orden.",
                                len(bank_set.banks)))
            return
        for problem in bank_set.problems:
            click.echo(str(problem))
        files = len({problem.file for problem in bank_set.problems})
        click.echo(_("%(problems)s i %(files)s. Ret dem, og kør samtale banks check igen.",
                     problems=ngettext("%(num)s problem", "%(num)s problemer",
                                       len(bank_set.problems)),
                     files=ngettext("%(num)s fil", "%(num)s filer", files)))
    raise SystemExit(1)


@banks.command()
@click.argument("bank_id")
@click.option("--folder", "folders", multiple=True, type=click.Path(path_type=Path),
              help="Mappe med banker (kan gentages). Standard: som for check.")
@lang_option
def show(bank_id: str, folders: tuple[Path, ...], lang: str):
    """Vis en bank i læseorden, med hver betingelse forklaret i ord."""
    with locale(lang):
        bank = load_paths(folders or _default_paths()).get(bank_id)
        if bank is None:
            raise click.ClickException(_("Banken '%(id)s' findes ikke eller har fejl.",
                                         id=bank_id))
        click.echo(f"{bank.title_for(lang)} ({bank.id}, version {bank.version})")
        for section in bank.sections:
            click.echo(f"\n== {section.title_for(lang)} ==")
            for question in section.questions:
                click.echo(f"- [{question.id}, {question.type}] {question.text_for(lang)}")
                condition = flow.describe_condition(question, bank, lang)
                if condition:
                    click.echo(f"    {condition}")
