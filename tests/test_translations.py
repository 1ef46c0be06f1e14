"""The English catalog is complete and in step with the code, and English screens and the
CLI's --lang en show no Danish.

Message ids are Danish; samtale/translations/en/LC_MESSAGES/messages.po holds the English.
When one of these tests fails after you added or changed a text: run `make extract`,
write the English for every empty msgstr in messages.po, and run `make translations`.
"""

from __future__ import annotations

import html
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.frontend import CommandLineInterface
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from samtale import i18n, staff
from samtale.paths import TRANSLATIONS_DIR

ROOT = Path(__file__).resolve().parent.parent
PO = TRANSLATIONS_DIR / "en" / "LC_MESSAGES" / "messages.po"
MO = TRANSLATIONS_DIR / "en" / "LC_MESSAGES" / "messages.mo"
POT = TRANSLATIONS_DIR / "messages.pot"
FIX = "run `make extract`, translate every empty msgstr in messages.po, then `make translations`"

PLACEHOLDER = re.compile(r"%\((\w+)\)([sd])|\{(\w+)\}")
DANISH_LETTERS = re.compile(r"[æøåÆØÅ]")


def placeholders(text: str) -> set[str]:
    return {f"%({name}){kind}" if name else f"{{{brace}}}"
            for name, kind, brace in PLACEHOLDER.findall(text)}


def forms(value) -> tuple[str, ...]:
    """A message's id or string as a tuple: one item, or one per plural form."""
    return tuple(value) if isinstance(value, tuple | list) else (value,)


def catalog():
    with PO.open("rb") as handle:
        return read_po(handle)


def messages() -> Iterator:
    return (message for message in catalog() if message.id)


def label(message) -> str:
    context = f" ({message.context})" if message.context else ""
    return repr(forms(message.id)[0]) + context


def key(message) -> tuple:
    """A message as the catalog knows it: its context and its id (read_mo gives the
    context as bytes)."""
    context = message.context
    return (context.decode() if isinstance(context, bytes) else context), forms(message.id)


class AnyValue(dict):
    """Every %(name)s gets a value: to see whether a string survives `text % variables`."""

    def __missing__(self, key):
        return 1


def formats(text: str) -> bool:
    try:
        text % AnyValue()
    except (ValueError, TypeError):
        return False
    return True


# -- the catalog itself ------------------------------------------------------------


def test_the_catalog_has_messages():
    assert sum(1 for _ in messages()) > 1000


def test_every_message_has_english():
    empty = [label(m) for m in messages() if not all(forms(m.string))]
    assert not empty, f"{len(empty)} texts have no English ({FIX}): " + ", ".join(empty[:20])


def test_no_translation_is_fuzzy():
    fuzzy = [label(m) for m in messages() if m.fuzzy]
    assert not fuzzy, "check these translations and remove the fuzzy flag: " + ", ".join(fuzzy)


def test_placeholders_are_the_same_in_danish_and_english():
    wrong = []
    for message in messages():
        ids, strings = forms(message.id), forms(message.string)
        expected = set().union(*map(placeholders, ids))
        for index, string in enumerate(strings):
            found = placeholders(string)
            # The singular of a plural may say "one" instead of %(num)s.
            allowed_missing = {"%(num)s", "%(num)d"} if len(ids) > 1 and index == 0 else set()
            if found - expected or (expected - found) - allowed_missing:
                wrong.append(f"{label(message)} → {string!r}")
    assert not wrong, "placeholders differ:\n" + "\n".join(wrong)


def test_english_survives_the_same_formatting_as_danish():
    """Templates always apply `% variables`, so a stray % in the English breaks a page."""
    broken = [f"{label(m)} → {s!r}" for m in messages()
              for s in forms(m.string) if formats(forms(m.id)[0]) and not formats(s)]
    assert not broken, "these translations cannot be formatted:\n" + "\n".join(broken)


def test_the_compiled_catalog_is_the_po_file():
    assert MO.exists(), "the compiled catalog is missing: run `make translations`"
    with MO.open("rb") as handle:
        compiled = {key(m): forms(m.string) for m in read_mo(handle) if m.id}
    stale = [label(m) for m in messages() if compiled.get(key(m)) != forms(m.string)]
    assert not stale, "messages.mo is older than messages.po: run `make translations` " + (
        ", ".join(stale[:10]))


# -- the catalog is in step with the code -------------------------------------------


def _makefile_keywords() -> list[str]:
    """The -k options of `make extract`, so this test extracts exactly as it does."""
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = text.split("\nextract:", 1)[1].split("\n\n", 1)[0]
    keywords = re.findall(r"-k\s+(\S+)", recipe)
    assert keywords, "no -k keywords found in the extract recipe of the Makefile"
    return keywords


@pytest.fixture(scope="module")
def extracted(tmp_path_factory) -> set:
    """Every message id in the code and templates now, extracted like `make extract`."""
    out = tmp_path_factory.mktemp("extract") / "messages.pot"
    args = ["pybabel", "-q", "extract", "-F", str(ROOT / "babel.cfg"), "--no-location",
            "--omit-header", "-o", str(out)]
    for keyword in _makefile_keywords():
        args += ["-k", keyword]
    CommandLineInterface().run([*args, str(ROOT)])  # babel.cfg's patterns are relative to it
    with out.open("rb") as handle:
        return {key(message) for message in read_po(handle) if message.id}


def test_extraction_finds_the_texts(extracted):
    assert (None, ("Ikke i dag",)) in extracted
    assert (None, ("en beboer", "%(num)s beboere")) in extracted


def test_every_text_in_the_code_has_english(extracted):
    translated = {key(m) for m in messages() if all(forms(m.string))}
    missing = sorted(map(str, extracted - translated))
    assert not missing, (
        f"{len(missing)} texts in the code have no English: {FIX}.\n" + "\n".join(missing[:30]))


def test_the_pot_file_is_in_step_with_the_code(extracted):
    with POT.open("rb") as handle:
        in_pot = {key(message) for message in read_po(handle) if message.id}
    new, gone = extracted - in_pot, in_pot - extracted
    assert not new and not gone, (
        f"messages.pot is out of date ({len(new)} new, {len(gone)} removed texts): {FIX}. "
        f"New: {sorted(map(str, new))[:10]} Removed: {sorted(map(str, gone))[:10]}")


# -- English screens ----------------------------------------------------------------


def core_english(message: str) -> str:
    with i18n.locale("en"):
        return i18n.gettext(message)


def test_core_gettext_uses_the_english_catalog():
    assert core_english("Ikke i dag") == "Not today"
    with i18n.locale("en"):
        assert i18n.ngettext("en beboer", "%(num)s beboere", 3) == "3 residents"
    assert i18n.gettext("Ikke i dag") == "Ikke i dag"  # Danish outside the block


def visible_text(page: str) -> str:
    """What a person sees or hears: text nodes and the labelling attributes."""
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    attributes = re.findall(r'(?:aria-label|title|placeholder|alt)="([^"]*)"', page)
    text = re.sub(r"<[^>]+>", "\n", page)
    return html.unescape("\n".join([text, *attributes]))


@pytest.fixture
def english_leader(client, db, helpers):
    """A leader with no residents, whose language is English, logged in. The unit and
    the people have names without Danish letters, so any æ, ø or å is the app's own."""
    unit = helpers.unit("North")
    leader = helpers.staff("leader", "leder", [unit], name="Lee Smith")
    staff.set_language(db, leader, "en")
    helpers.login(client, "leader")
    return client


@pytest.mark.parametrize("path, heading", [
    ("/", "Hello, Lee"),
    ("/profil", "My profile"),
    ("/admin/indstillinger", "Settings"),
    ("/beboere/", "Residents"),
    ("/admin/afdelinger", "Units"),
    ("/huset/", "The house"),
])
def test_english_pages_show_no_danish_letters(english_leader, path, heading):
    response = english_leader.get(path)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert '<html lang="en">' in page
    text = visible_text(page)
    assert heading in text
    danish = [line.strip() for line in text.splitlines() if DANISH_LETTERS.search(line)]
    assert not danish, f"Danish on the English {path}: {danish}"


def test_danish_is_still_the_default(client, db, helpers):
    """The same pages really change: a Danish staff member sees Danish."""
    unit = helpers.unit("North")
    helpers.staff("lise", "leder", [unit], name="Lise Holm")
    helpers.login(client, "lise")
    page = client.get("/profil").get_data(as_text=True)
    assert '<html lang="da">' in page and "Min profil" in page


def test_choosing_english_answers_in_english(client, db, helpers):
    unit = helpers.unit("North")
    helpers.staff("lise", "leder", [unit], name="Lise Holm")
    helpers.login(client, "lise")
    response = helpers.post(client, "/profil", {"language": "en"}, token_from="/profil")
    assert response.status_code == 302
    page = client.get("/profil").get_data(as_text=True)
    assert "Your settings are saved." in page and "My profile" in page


# -- the CLI ------------------------------------------------------------------------

BROKEN_BANK = """\
id = "broken-bank"
version = 1
titel = "A title"
languages = ["da", "en"]

[[section]]
id = "first"
title.da = "First"
title.en = "First"

[[section.question]]
id = "home"
type = "long"
text.da = ""
text.en = "Where do you live?"
show_if = "missing = 'yes'"
"""


def test_banks_check_in_english_prints_english(tmp_path):
    bank = tmp_path / "broken-bank.toml"
    bank.write_text(BROKEN_BANK, encoding="utf-8")
    env = {key: value for key, value in os.environ.items() if not key.startswith("SAMTALE_")}
    env["SAMTALE_INSTANCE_DIR"] = str(tmp_path / "instance")
    result = subprocess.run(
        [sys.executable, "-m", "samtale.cli", "banks", "check", str(bank), "--lang", "en"],
        capture_output=True, text=True, env=env, timeout=120, cwd=tmp_path,
    )
    assert result.returncode == 1, result.stdout + result.stderr
    lines = result.stdout.strip().splitlines()
    assert len(lines) >= 3, result.stdout
    assert re.fullmatch(r"\d+ problems in 1 file\. Fix them and run samtale banks check again\.",
                        lines[-1]), lines[-1]
    assert "line " in result.stdout and "Did you mean 'title'?" in result.stdout
    danish = [line for line in lines if DANISH_LETTERS.search(line)]
    assert not danish, "Danish in `samtale banks check --lang en`:\n" + "\n".join(danish)



def test_the_samtalekort_on_min_plan_follows_the_screen_language(english_leader, helpers, db):
    unit = db.execute("SELECT id FROM units").fetchone()[0]
    resident = helpers.resident("Ann B.", unit)
    page = english_leader.get(f"/beboere/{resident}/plan").get_data(as_text=True)
    assert "Home and everyday life" in page and "Hjem og hverdag" not in page
    svg = english_leader.get(f"/beboere/{resident}/plan/samtalekort.svg").get_data(as_text=True)
    assert "Home and everyday life" in svg and "Hjem og hverdag" not in svg


def test_dates_are_danish_and_english_dates_put_the_day_first():
    from samtale.web.i18n import dkdate, dkdatetime

    moment = "2026-07-01T13:05:00.000000Z"  # summer: 15:05 in Copenhagen
    with i18n.locale("da"):
        assert dkdate("2026-11-25") == "25. november 2026"
        assert dkdatetime(moment, "short") == "01.07.2026 15.05"
    with i18n.locale("en"):
        assert dkdate("2026-11-25") == "25 November 2026"
        assert dkdatetime(moment, "short") == "01/07/2026, 15:05"
