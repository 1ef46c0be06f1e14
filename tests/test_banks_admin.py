"""The leader's bank pages: every bank with where it comes from, invalid banks with
their problems in plain Danish (the app keeps running), the preview in reading order
with conditions in words; and the per-process bank cache that sees file edits."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from samtale.views.conversation.bankset import bank_set
from tests.conversation_fixtures import BANK, BANK_ID, install_bank

BROKEN = BANK.replace('id = "skaerm-proeve"', 'id = "i-stykker"').replace(
    'type = "yes_no"', 'type = "ja_nej"')


@pytest.fixture
def leader(app, client, helpers):
    install_bank(app)
    install_bank(app, BROKEN, "i-stykker.toml")
    house = helpers.house()
    helpers.login(client, "leder")
    return house


def test_list_shows_shipped_and_facility_banks_and_invalid_ones(app, client, leader):
    page = client.get("/admin/banker/").get_data(as_text=True)
    assert "Håb og drømme" in page and "Følger med Samtale" in page
    assert "Skærmprøve" in page and f"Institutionens egen ({app.config['BANKS_DIR']})" in page
    assert "Banker, der ikke kan bruges" in page and "i-stykker.toml" in page
    assert "ja_nej" in page and "linje" in page  # what is wrong, and where
    assert 'href="/admin/banker/"' in client.get("/admin/personale").get_data(as_text=True)


def test_invalid_bank_cannot_be_chosen_but_the_others_can(client, leader):
    page = client.get(f"/beboere/{leader['karin']}/samtaler/ny").get_data(as_text=True)
    assert "Skærmprøve" in page and "i-stykker" not in page
    assert client.get("/admin/banker/i-stykker").status_code == 404


def test_preview_shows_the_bank_in_reading_order_with_conditions_in_words(client, leader):
    page = client.get(f"/admin/banker/{BANK_ID}").get_data(as_text=True)
    order = ["Hvad vil du kaldes?", "Bor du her?", "Hvad drømmer du om?", "Hvor vil du hen?",
             "Med hvem?", "Hvordan har du det?", "Hvad vil du arbejde med?"]
    assert [page.index(text) for text in order] == sorted(page.index(text) for text in order)
    assert "Vises kun hvis svaret på &#39;Bor du her?&#39; er &#39;Ja&#39;." in page
    assert "<strong>Hvorfor vi spørger:</strong>" in page  # help rendered as Markdown
    assert "Biblioteket · En klub · Svømmehallen" in page and "Ja / nej / ved ikke" in page


def test_preview_shows_templates_and_plan_targets(client, leader):
    page = client.get("/admin/banker/haab-og-droemme").get_data(as_text=True)
    assert "Forslag i jeg-form" in page and "Går til planen som" in page
    assert "Drømme" in page


def test_bank_pages_are_for_leaders_only(client, helpers, app):
    helpers.house()
    helpers.login(client, "mette")
    assert client.get("/admin/banker/").status_code == 403
    assert client.get("/admin/banker/haab-og-droemme").status_code == 403


def test_bank_cache_reloads_when_a_file_changes_and_not_otherwise(tmp_path):
    path = tmp_path / "bank.toml"
    path.write_text(BANK, encoding="utf-8")
    first = bank_set(tmp_path)
    assert bank_set(tmp_path) is first  # unchanged files: the same object
    path.write_text(BANK.replace("Skærmprøve", "Ny titel"), encoding="utf-8")
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 1_000_000))
    changed = bank_set(tmp_path)
    assert changed is not first and changed.get(BANK_ID).title_for() == "Ny titel"
    path.unlink()
    assert bank_set(tmp_path).get(BANK_ID) is None


def test_the_list_notes_a_missing_question_the_house_reads(app, client, leader):
    text = (Path(__file__).parents[1] / "question_banks" / "aktiviteter-og-faellesskaber.toml")
    install_bank(app, text.read_text(encoding="utf-8").replace("tavle_navn", "navn_paa_tavlen"),
                 "aktiviteter-og-faellesskaber.toml")
    page = client.get("/admin/banker/").get_data(as_text=True)
    assert "Spørgsmålet &#39;tavle_navn&#39; findes ikke i banken." in page
    assert "fornavn må stå ved ønskerne" in page
    assert "tavle_samtykke&#39; findes ikke" not in page
