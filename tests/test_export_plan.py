"""export_plan: the one entry point renders every format and writes exactly one audit
entry per export, which never holds a word of the plan."""

import json
from pathlib import Path

import pytest

from samtale import audit, migrations
from samtale.db import open_db
from samtale.errors import SamtaleError
from samtale.export import FORMATS, Export, export_plan, to_json, udredning_text

DATA = Path(__file__).parent / "data"


def load(name: str) -> dict:
    return json.loads((DATA / f"{name}.json").read_text(encoding="utf-8"))


@pytest.fixture
def db():
    database = open_db(":memory:")
    migrations.apply(database)
    yield database
    database.close()


def audit_rows(db) -> list[dict]:
    return list(db["audit_log"].rows)


TEXT_FIELDS = ("text", "what", "resident_view", "what_happened", "next_step")


def plan_words(plan: dict) -> set[str]:
    """Every text the resident or staff wrote in the plan, and its longer words."""
    found: set[str] = set()

    def walk(value):
        if isinstance(value, dict):
            for key, item in value.items():
                if key in TEXT_FIELDS and isinstance(item, str):
                    found.add(item)
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(plan)
    words = {word.strip(".,") for text in found for word in text.split() if len(word) > 6}
    return found | words


EXPECTED = {
    "pdf": ("min-plan-karin-s-2026-11-25.pdf", "application/pdf", b"%PDF-"),
    "md": ("min-plan-karin-s-2026-11-25.md", "text/markdown; charset=utf-8", b"# Min plan"),
    "json": ("min-plan-karin-s-2026-11-25.json", "application/json", b'{\n  "schema_version"'),
    "fhir": ("min-plan-fhir-karin-s-2026-11-25.json", "application/fhir+json",
             b'{\n  "resourceType": "Bundle"'),
    "txt": ("min-plan-karin-s-2026-11-25.txt", "text/plain; charset=utf-8", b"Plan for Karin S."),
    "udredning": ("udredning-karin-s-2026-11-25.txt", "text/plain; charset=utf-8",
                  "Ønsker og drømme".encode()),
}


def test_every_format_is_covered():
    assert set(EXPECTED) == set(FORMATS)


@pytest.mark.parametrize("fmt", sorted(EXPECTED))
def test_export_renders_names_and_records_one_audit_entry(db, fmt):
    plan = load("plan_full")
    export = export_plan(
        db, plan, fmt, actor_id=3, actor_name="Mette K.", request_id="req-42",
        purpose="opfølgning", facility_name="Botilbuddet Lunden",
    )
    filename, mimetype, start = EXPECTED[fmt]
    assert isinstance(export, Export)
    assert (export.filename, export.mimetype) == (filename, mimetype)
    assert export.filename.isascii()
    assert export.content.startswith(start)
    (row,) = audit_rows(db)
    assert {k: row[k] for k in ("action", "actor_id", "actor_name", "resident_id",
                                 "object_type", "object_id", "request_id", "purpose",
                                 "outcome")} == {
        "action": "export", "actor_id": 3, "actor_name": "Mette K.", "resident_id": 12,
        "object_type": "plan", "object_id": fmt, "request_id": "req-42",
        "purpose": "opfølgning", "outcome": "ok",
    }
    assert audit.verify(db).ok


@pytest.mark.parametrize("fmt", sorted(EXPECTED))
def test_the_audit_entry_holds_no_words_from_the_plan(db, fmt):
    plan = load("plan_full")
    export_plan(db, plan, fmt, actor_id=3)
    (row,) = audit_rows(db)
    stored = " ".join(str(value) for value in row.values())
    words = plan_words(plan)
    assert len(words) > 50
    assert not [word for word in words if word in stored]
    assert "Karin" not in stored


def test_each_export_adds_one_entry(db):
    plan = load("plan_full")
    for fmt in ("pdf", "json", "fhir"):
        export_plan(db, plan, fmt, actor_id=3)
    assert [row["object_id"] for row in audit_rows(db)] == ["pdf", "json", "fhir"]
    assert audit.verify(db).checked == 3


def test_contents_match_the_pure_functions(db):
    plan = load("plan_full")
    assert export_plan(db, plan, "json", actor_id=1).content == to_json(plan)
    udredning = export_plan(db, plan, "udredning", actor_id=1).content
    assert udredning == udredning_text(plan).encode("utf-8")


def test_unknown_format_is_refused_and_not_recorded(db):
    with pytest.raises(SamtaleError, match="docx"):
        export_plan(db, load("plan_full"), "docx", actor_id=1)
    assert audit_rows(db) == []


def test_invalid_plan_is_refused_and_not_recorded(db):
    plan = load("plan_full")
    plan["goals"][0]["status"] = "purple"
    with pytest.raises(SamtaleError, match="goals\\[0\\].status"):
        export_plan(db, plan, "pdf", actor_id=1)
    assert audit_rows(db) == []


def test_failed_rendering_is_not_recorded(db):
    with pytest.raises(SamtaleError):
        export_plan(db, load("plan_full"), "pdf", actor_id=1, picture_svg="<p>ikke svg</p>")
    assert audit_rows(db) == []


def test_filename_uses_an_ascii_slug_and_the_copenhagen_date(db):
    plan = load("plan_empty")
    plan["generated_at"] = "2026-11-25T23:30:00.000000Z"  # 00:30 on the 26th in Copenhagen
    export = export_plan(db, plan, "json", actor_id=1)
    assert export.filename == "min-plan-jonas-oe-2026-11-26.json"
