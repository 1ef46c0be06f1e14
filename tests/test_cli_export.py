"""`samtale export` run as a subprocess: every format through export_plan (audit), the PDF
text read back with pypdf, the JSON against the schema, the FHIR Bundle parsed by the model
library, text to standard output, one clean line for an unknown resident, and no PDF on a
terminal."""

from __future__ import annotations

import io
import json
import os
import pty
import subprocess
import sys

import pytest
from fhir.resources.R4B.bundle import Bundle
from pypdf import PdfReader

from samtale import goals, migrations, plan_items, residents, staff
from samtale.db import open_db
from samtale.export import validate_plan
from samtale.goals import Action, GoalDraft, SubGoal

GOAL = "Jeg går en tur ved søen med min søster Åse hver søndag."
DREAM = "Jeg drømmer om en lille have med jordbær og krydderurter."


@pytest.fixture
def cli(tmp_path):
    path = tmp_path / "s.db"
    db = open_db(path)
    migrations.apply(db)
    unit = staff.create_unit(db, "Nord")
    karin = residents.create(db, display_name="Karin Ø.", unit_id=unit, moved_in="2026-01-02")
    dream = plan_items.add(db, karin, "dream", DREAM)
    goals.create(db, karin, GoalDraft(GOAL, dream_id=dream.id, status="green",
                                      subgoals=[SubGoal("Jeg køber gode sko.")],
                                      actions=[Action("Ringe til Åse", "me", None, "lørdag")]),
                 staff_id=None, staff_name=None)
    db.close()
    env = {**os.environ, "SAMTALE_DATABASE": str(path), "SAMTALE_INSTANCE_DIR": str(tmp_path),
           "SAMTALE_FACILITY_NAME": "Testhuset"}

    def run(*args, **kwargs):
        return subprocess.run([sys.executable, "-m", "samtale.cli", "export", *args],
                              capture_output=True, env=env, timeout=120, **kwargs)

    run.path, run.resident, run.tmp, run.env = path, karin, tmp_path, env
    return run


def _exports(path) -> list[tuple]:
    db = open_db(path)
    try:
        return db.execute("SELECT action, resident_id, object_type, object_id, actor_name FROM "
                          "audit_log WHERE action = 'export'").fetchall()
    finally:
        db.close()


def test_pdf_to_a_file_holds_the_danish_letters(cli):
    out = cli.tmp / "plan.pdf"
    result = cli("--resident", str(cli.resident), "--format", "pdf", "--out", str(out))
    assert result.returncode == 0, result.stderr
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(out.read_bytes())).pages)
    text = " ".join(text.split())
    assert "søen" in text and "Åse" in text and "jordbær" in text and "Karin Ø." in text
    [entry] = _exports(cli.path)
    assert entry[:4] == ("export", cli.resident, "plan", "pdf")
    assert entry[4].startswith("cli")


def test_json_to_stdout_validates_against_the_schema(cli):
    result = cli("--resident", str(cli.resident), "--format", "json")
    assert result.returncode == 0, result.stderr
    plan = json.loads(result.stdout.decode("utf-8"))
    validate_plan(plan)
    assert plan["goals"][0]["text"] == GOAL and plan["dreams"][0]["text"] == DREAM


def test_fhir_parses_with_the_model_library(cli):
    out = cli.tmp / "plan.fhir.json"
    assert cli("--resident", str(cli.resident), "--format", "fhir", "--out",
               str(out)).returncode == 0
    bundle = Bundle.model_validate_json(out.read_bytes())
    texts = [entry.resource.description.text for entry in bundle.entry
             if entry.resource.__resource_type__ == "Goal"]
    assert GOAL in texts and DREAM in texts and "Jeg køber gode sko." in texts


@pytest.mark.parametrize("fmt, expected", [("md", GOAL), ("txt", GOAL), ("udredning", DREAM)])
def test_text_formats_go_to_stdout(cli, fmt, expected):
    result = cli("--resident", str(cli.resident), "--format", fmt)
    assert result.returncode == 0 and expected in result.stdout.decode("utf-8")


def test_unknown_resident_is_one_clean_line(cli):
    result = cli("--resident", "999", "--format", "json")
    assert result.returncode == 1 and result.stdout == b""
    lines = result.stderr.decode("utf-8").strip().splitlines()
    assert lines == ["Fejl: Der findes ingen beboer med id 999."]
    assert _exports(cli.path) == []


def test_unknown_format_is_refused(cli):
    result = cli("--resident", str(cli.resident), "--format", "docx")
    assert result.returncode == 2 and b"docx" in result.stderr


def test_pdf_is_refused_on_a_terminal(cli):
    leader, follower = pty.openpty()
    try:
        result = subprocess.run(
            [sys.executable, "-m", "samtale.cli", "export", "--resident", str(cli.resident),
             "--format", "pdf"], stdout=follower, stderr=subprocess.PIPE, env=cli.env,
            timeout=120)
    finally:
        os.close(follower)
        os.close(leader)
    assert result.returncode == 1
    assert "--out" in result.stderr.decode("utf-8")
    assert _exports(cli.path) == []  # refused before anything was exported
