"""`samtale banks check` and `samtale banks show`, run as a subprocess as a tovholder would."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data" / "banks"


@pytest.fixture
def run(tmp_path):
    env = {key: value for key, value in os.environ.items() if not key.startswith("SAMTALE_")}
    env["SAMTALE_INSTANCE_DIR"] = str(tmp_path / "instance")

    def invoke(*args: str, extra_env: dict | None = None) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "samtale.cli", "banks", *args],
            capture_output=True, text=True, env={**env, **(extra_env or {})}, timeout=120,
        )

    return invoke


def test_good_banks_exit_0_and_are_listed_with_their_question_count(run):
    result = run("check", str(DATA / "good"))
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("anden (version 3): 1 spørgsmål, ")
    assert lines[1].startswith("flow-proeve (version 1): 8 spørgsmål, ")
    assert lines[-1] == "Alle 2 banker er i orden."


def test_one_file_can_be_checked(run):
    result = run("check", str(DATA / "good" / "anden.toml"))
    assert result.returncode == 0
    assert result.stdout.splitlines()[-1] == "Banken er i orden."


def test_without_paths_the_shipped_banks_are_checked(run):
    result = run("check")
    assert result.returncode == 0, result.stdout
    for bank_id in ("haab-og-droemme", "aktiviteter-og-faellesskaber", "indflytning",
                    "hverdag-arbejde-og-laering", "opfoelgning"):
        assert f"{bank_id} (version " in result.stdout
    assert "Alle 5 banker er i orden." in result.stdout


def test_broken_banks_exit_1_and_print_every_problem(run):
    result = run("check", str(DATA / "broken"))
    assert result.returncode == 1
    out = result.stdout
    assert "mange-fejl.toml, linje 22, spørgsmål 'droem': 'langtekst' kan ikke bruges" in out
    assert "Mente du 'long_text'?" in out
    assert "mange-fejl.toml, linje 25, spørgsmål 'droem': 'jaa' er ikke et af svarene" in out
    assert "syntaks.toml, linje 3: Filen kan ikke læses som TOML" in out
    assert out.splitlines()[-1] == ("8 problemer i 2 filer. Ret dem, og kør samtale banks "
                                    "check igen.")
    assert "Traceback" not in result.stderr


def test_the_facility_folder_is_checked_with_the_shipped_one(run, tmp_path):
    facility = tmp_path / "facility"
    facility.mkdir()
    shutil.copy(DATA / "broken" / "mange-fejl.toml", facility)
    shutil.copy(DATA / "good" / "anden.toml", facility)
    result = run("check", extra_env={"SAMTALE_BANKS_DIR": str(facility)})
    assert result.returncode == 1
    assert "haab-og-droemme (version 1)" in result.stdout
    assert "anden (version 3)" in result.stdout
    assert "7 problemer i 1 fil." in result.stdout


def test_the_instance_folder_is_the_default_facility_folder(run, tmp_path):
    folder = tmp_path / "instance" / "question_banks"
    folder.mkdir(parents=True)
    shutil.copy(DATA / "good" / "anden.toml", folder)
    result = run("check")
    assert result.returncode == 0 and "anden (version 3)" in result.stdout


def test_a_missing_path_is_a_problem(run, tmp_path):
    result = run("check", str(tmp_path / "ingen"))
    assert result.returncode == 1
    assert "Filen eller mappen findes ikke." in result.stdout


def test_lang_option(run):
    assert run("check", str(DATA / "broken"), "--lang", "en").returncode == 1
    assert run("check", str(DATA / "good"), "--lang", "en").returncode == 0
    wrong = run("check", "--lang", "de")
    assert wrong.returncode == 2 and "de" in wrong.stderr


def test_show_prints_the_bank_in_reading_order_with_conditions_in_words(run):
    result = run("show", "flow-proeve", "--folder", str(DATA / "good"))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "Prøvebank (flow-proeve, version 1)"
    assert "- [bolig, yes_no] Bor du her?" in lines
    position = lines.index("- [droem, long_text] Hvad drømmer du om?")
    assert lines[position + 1].strip() == "Vises kun hvis svaret på 'Bor du her?' er 'Ja'."


def test_show_refuses_an_unknown_bank_in_one_line(run):
    result = run("show", "ingen", "--folder", str(DATA / "good"))
    assert result.returncode == 1
    assert result.stderr.strip() == "Error: Banken 'ingen' findes ikke eller har fejl."


def test_a_copy_without_a_question_the_house_reads_is_valid_with_a_notice(run, tmp_path):
    shipped = Path(__file__).parents[1] / "question_banks" / "indflytning.toml"
    copy = tmp_path / "indflytning.toml"
    copy.write_text(shipped.read_text(encoding="utf-8").replace("mentor_oenske", "mentor_wish"),
                    encoding="utf-8")
    result = run("check", str(copy))
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines[1] == ("  Bemærk: Spørgsmålet 'mentor_oenske' findes ikke i banken. Huset "
                        "bruger svaret (ja/nej) som beboerens svar på tilbuddet om en mentor.")
    assert lines[-1] == "Banken er i orden."
    english = run("check", "--lang", "en", str(copy)).stdout
    assert "Note: There is no question 'mentor_oenske' in the bank." in english
    assert "Bemærk" not in run("check").stdout  # the shipped banks have every one
