"""A resident's data: found from the schema (so later areas are covered), exported as a
ZIP (GDPR Art. 15 and 20), erased children first with foreign keys on, audit kept."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import UTC, date, datetime

import pytest

from samtale import audit, clock, demo, gdpr, migrations, residents, settings, staff
from samtale.db import open_db
from samtale.errors import NotFound, SamtaleError
from tests.conftest import FAST_HASHER, csrf_from

# Tables a later area might add: resident rows, rows under them without a resident_id,
# rows under those, and a house-level table that outlives the resident (SET NULL).
AREA_SCHEMA = """
CREATE TABLE notes (id INTEGER PRIMARY KEY,
    resident_id INTEGER NOT NULL REFERENCES residents(id), text TEXT NOT NULL);
CREATE TABLE note_comments (id INTEGER PRIMARY KEY,
    note_id INTEGER NOT NULL REFERENCES notes(id), text TEXT NOT NULL);
CREATE TABLE comment_reactions (id INTEGER PRIMARY KEY,
    comment_id INTEGER NOT NULL REFERENCES note_comments(id), emoji TEXT NOT NULL);
CREATE TABLE board_posts (id INTEGER PRIMARY KEY, title TEXT NOT NULL,
    author_resident INTEGER REFERENCES residents(id) ON DELETE SET NULL);
CREATE TABLE pictures (id INTEGER PRIMARY KEY,
    resident_id INTEGER NOT NULL REFERENCES residents(id), image BLOB);
"""


@pytest.fixture
def mem():
    db = open_db(":memory:")
    migrations.apply(db)
    for statement in AREA_SCHEMA.split(";"):
        if statement.strip():
            db.execute(statement)
    unit = staff.create_unit(db, "Nord")
    mette = staff.create(
        db, FAST_HASHER, username="mette", display_name="Mette", password="en god lang sætning",
        role="kontaktperson", unit_ids=[unit],
    )
    db.ids = {"unit": unit, "mette": mette}
    for name in ("karin", "bo"):
        rid = residents.create(db, display_name=f"{name.title()} S.", unit_id=unit,
                               moved_in="2025-01-01", contact_ids=[mette])
        db.ids[name] = rid
        note = db["notes"].insert({"resident_id": rid, "text": f"{name} drømmer"}).last_pk
        comment = db["note_comments"].insert({"note_id": note, "text": f"om {name}"}).last_pk
        db["comment_reactions"].insert({"comment_id": comment, "emoji": "🙂"})
        db["board_posts"].insert({"title": f"opslag af {name}", "author_resident": rid})
        db["pictures"].insert({"resident_id": rid, "image": b"\x89PNG\x00" + name.encode()})
        audit.record(db, action="read", actor_id=mette, actor_name="mette", resident_id=rid,
                     object_type="resident", purpose="conversation")
    return db


def move_out(db, resident_id: int, when: str = "2025-06-30") -> None:
    sql = "UPDATE residents SET status = 'fraflyttet', moved_out = ? WHERE id = ?"
    db.execute(sql, [when, resident_id])


def unzip(content: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_tables_with_a_resident_id_are_found_from_the_schema(mem):
    found = gdpr.resident_tables(mem)
    assert {"notes", "pictures", "resident_contacts"} <= set(found)
    assert "audit_log" not in found and "note_comments" not in found
    mem.execute("CREATE TABLE added_later (id INTEGER PRIMARY KEY, resident_id INTEGER)")
    assert "added_later" in gdpr.resident_tables(mem)


def test_owned_rows_follow_foreign_keys_down(mem):
    rows = gdpr.owned_rows(mem, mem.ids["karin"])
    assert len(rows["notes"]) == len(rows["note_comments"]) == len(rows["comment_reactions"]) == 1
    assert rows["board_posts"] == set()  # SET NULL: the post outlives its author
    one_level = gdpr.owned_rows(mem, mem.ids["karin"], depth=1)
    assert one_level["note_comments"] and not one_level["comment_reactions"]


def test_export_holds_the_residents_rows_and_nobody_elses(mem):
    files = unzip(gdpr.export_resident(mem, mem.ids["karin"]))
    expected = {"residents.json", "notes.json", "note_comments.json", "pictures.json",
                "resident_contacts.json", "adgangslog.json", "manifest.json", "README.txt"}
    assert expected <= set(files)
    people = json.loads(files["residents.json"])
    assert [p["display_name"] for p in people] == ["Karin S."]
    assert [n["text"] for n in json.loads(files["notes.json"])] == ["karin drømmer"]
    assert [c["text"] for c in json.loads(files["note_comments.json"])] == ["om karin"]
    assert "comment_reactions.json" not in files  # two levels down: not exported
    picture = json.loads(files["pictures.json"])[0]["image"]
    assert picture == {"base64": "iVBORwBrYXJpbg=="}
    everything = b"".join(files.values())
    assert b"bo dr" not in everything and b"Bo S." not in everything


def test_export_access_log_says_when_and_why_but_not_who(mem):
    files = unzip(gdpr.export_resident(mem, mem.ids["karin"]))
    log = json.loads(files["adgangslog.json"])
    assert len(log) == 1
    assert log[0]["action"] == "read" and log[0]["purpose_label"] == "Samtale"
    assert b"mette" not in files["adgangslog.json"]


def test_manifest_and_readme(mem):
    files = unzip(gdpr.export_resident(mem, mem.ids["karin"]))
    manifest = json.loads(files["manifest.json"])
    assert manifest["format"] == "samtale.resident-export"
    assert manifest["resident_id"] == mem.ids["karin"]
    assert manifest["schema_version"] == sorted(manifest["migrations"])[-1]
    assert "m0004_security" in manifest["migrations"]
    counts = {f["name"]: f["rows"] for f in manifest["files"]}
    assert counts["notes.json"] == 1 and counts["adgangslog.json"] == 1
    assert manifest["plan_pdf"] is False
    readme = files["README.txt"].decode("utf-8")
    assert "Dine data fra Samtale" in readme and "ikke med som PDF" in readme
    assert "notes.json: 1 række" in readme


def test_extra_files_are_added_and_named_in_the_readme(mem):
    files = unzip(gdpr.export_resident(mem, mem.ids["karin"], {"min-plan.pdf": b"%PDF-1.7"}))
    assert files["min-plan.pdf"] == b"%PDF-1.7"
    assert json.loads(files["manifest.json"])["plan_pdf"] is True
    assert "Din plan er med som PDF" in files["README.txt"].decode("utf-8")
    with pytest.raises(ValueError):
        gdpr.export_resident(mem, mem.ids["karin"], {"../x.pdf": b""})


def test_export_of_an_unknown_resident_is_not_found(mem):
    with pytest.raises(NotFound):
        gdpr.export_resident(mem, 999)


def test_only_moved_out_residents_can_be_erased(mem):
    with pytest.raises(SamtaleError, match="flyttet"):
        gdpr.erase_resident(mem, mem.ids["karin"])
    assert mem.execute("SELECT count(*) FROM notes").fetchone()[0] == 2
    with pytest.raises(NotFound):
        gdpr.erase_resident(mem, 999)


def test_erasure_deletes_every_row_children_first_and_keeps_the_audit(mem):
    karin, bo = mem.ids["karin"], mem.ids["bo"]
    move_out(mem, karin)
    assert mem.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    counts = gdpr.erase_resident(mem, karin, actor_name="cli")
    assert counts["residents"] == 1 and counts["comment_reactions"] == 1
    for table in ("residents", "notes", "pictures", "resident_contacts"):
        column = "id" if table == "residents" else "resident_id"
        assert not mem.execute(f"SELECT 1 FROM {table} WHERE {column} = ?", [karin]).fetchone()
    assert mem.execute("SELECT count(*) FROM note_comments").fetchone()[0] == 1  # Bo's
    assert mem.execute("SELECT count(*) FROM comment_reactions").fetchone()[0] == 1
    posts = mem.execute("SELECT title, author_resident FROM board_posts ORDER BY id").fetchall()
    assert posts == [("opslag af karin", None), ("opslag af bo", bo)]
    assert mem.execute("PRAGMA foreign_key_check").fetchall() == []
    entries = mem.execute(
        "SELECT action, purpose FROM audit_log WHERE resident_id = ? ORDER BY id", [karin]
    ).fetchall()
    assert entries == [("read", "conversation"), ("erase", "erasure")]
    assert audit.verify(mem).ok


def test_a_failing_erasure_deletes_nothing(mem):
    move_out(mem, mem.ids["karin"])
    mem.execute(
        "CREATE TRIGGER keep BEFORE DELETE ON note_comments BEGIN SELECT RAISE(ABORT, 'nej'); END"
    )
    with pytest.raises(SamtaleError, match="Intet er slettet"):
        gdpr.erase_resident(mem, mem.ids["karin"])
    assert mem.execute("SELECT count(*) FROM residents").fetchone()[0] == 2
    assert mem.execute("SELECT count(*) FROM notes").fetchone()[0] == 2
    assert mem.execute("SELECT count(*) FROM audit_log WHERE action = 'erase'").fetchone()[0] == 0


def test_cycles_between_tables_are_erased_too(mem):
    mem.execute("CREATE TABLE a (id INTEGER PRIMARY KEY, resident_id INTEGER "
                "REFERENCES residents(id), b_id INTEGER REFERENCES b(id))")
    mem.execute("CREATE TABLE b (id INTEGER PRIMARY KEY, a_id INTEGER REFERENCES a(id))")
    karin = mem.ids["karin"]
    mem.execute("INSERT INTO a (id, resident_id) VALUES (1, ?)", [karin])
    mem.execute("INSERT INTO b (id, a_id) VALUES (1, 1)")
    mem.execute("UPDATE a SET b_id = 1 WHERE id = 1")
    move_out(mem, karin)
    gdpr.erase_resident(mem, karin)
    assert mem.execute("SELECT count(*) FROM a").fetchone()[0] == 0
    assert mem.execute("SELECT count(*) FROM b").fetchone()[0] == 0


def test_erasure_in_the_full_demo_schema_leaves_no_trace(tmp_path):
    """Every area's real tables, filled by `samtale demo`: nothing of the erased
    resident remains anywhere, and nothing of the others is touched."""
    db = open_db(tmp_path / "demo.db")
    migrations.apply(db)
    demo.seed(db, FAST_HASHER, 3)
    target = db.execute("SELECT id FROM residents ORDER BY id LIMIT 1").fetchone()[0]
    tables = gdpr.resident_tables(db)
    before = {t: db.execute(f"SELECT count(*) FROM {t} WHERE resident_id != ?", [target])
              .fetchone()[0] for t in tables}
    move_out(db, target)
    export = unzip(gdpr.export_resident(db, target))
    assert json.loads(export["residents.json"])[0]["id"] == target
    gdpr.erase_resident(db, target)
    for table in tables:
        left = db.execute(f"SELECT count(*) FROM {table} WHERE resident_id = ?", [target])
        assert left.fetchone()[0] == 0, table
    assert not db.execute("SELECT 1 FROM residents WHERE id = ?", [target]).fetchone()
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    assert audit.verify(db).ok
    for table in tables:  # other residents keep their rows (mentor matches excepted)
        now = db.execute(f"SELECT count(*) FROM {table} WHERE resident_id != ?", [target])
        assert now.fetchone()[0] == before[table] or table.startswith("mentor_"), table


# --- retention ---------------------------------------------------------------


@pytest.mark.parametrize(
    "day, months, expected",
    [
        (date(2026, 3, 31), 1, date(2026, 2, 28)),
        (date(2026, 1, 15), 12, date(2025, 1, 15)),
        (date(2024, 2, 29), 12, date(2023, 2, 28)),
        (date(2026, 1, 31), 13, date(2024, 12, 31)),
    ],
)
def test_months_before(day, months, expected):
    assert gdpr.months_before(day, months) == expected


def test_due_for_erasure_uses_the_facility_setting(mem, monkeypatch):
    monkeypatch.setattr(clock, "now", lambda: datetime(2026, 7, 15, 10, tzinfo=UTC))
    move_out(mem, mem.ids["karin"], "2025-07-14")
    move_out(mem, mem.ids["bo"], "2025-07-15")
    assert [r["id"] for r in gdpr.due_for_erasure(mem)] == [mem.ids["karin"]]
    settings.put(mem, "erase_after_months", 6)
    assert {r["display_name"] for r in gdpr.due_for_erasure(mem)} == {"Karin S.", "Bo S."}
    assert gdpr.due_for_erasure(mem, 24) == []


# --- the leader's button ---------------------------------------------------------


def test_leader_downloads_the_zip_and_it_is_audited(client, helpers, db):
    house = helpers.house()
    helpers.login(client, "leder")
    page = client.get(f"/beboere/{house['karin']}").get_data(as_text=True)
    assert "Indsigt: hent alle data (ZIP)" in page
    response = client.post(
        f"/beboere/{house['karin']}/indsigt.zip", data={"csrf_token": csrf_from(page)}
    )
    assert response.status_code == 200 and response.mimetype == "application/zip"
    assert "attachment" in response.headers["Content-Disposition"]
    assert response.headers["Cache-Control"] == "no-store"
    files = unzip(response.data)
    assert json.loads(files["residents.json"])[0]["display_name"] == "Karin S."
    assert files["min-plan.pdf"].startswith(b"%PDF")  # the plan area's PDF
    assert "Din plan er med som PDF" in files["README.txt"].decode("utf-8")
    row = db.execute(
        "SELECT action, object_type, purpose FROM audit_log WHERE object_type = 'resident_export'"
    ).fetchone()
    assert row == ("export", "resident_export", "access_request")


def test_contact_person_gets_neither_button_nor_zip(client, helpers):
    house = helpers.house()
    helpers.login(client, "mette")
    page = client.get(f"/beboere/{house['karin']}").get_data(as_text=True)
    assert "Indsigt" not in page and "Giv skærmen til beboeren" in page
    response = client.post(
        f"/beboere/{house['karin']}/indsigt.zip", data={"csrf_token": csrf_from(page)}
    )
    assert response.status_code == 403


# --- residents named in other columns (the mentor side) --------------------------


@pytest.fixture
def matched(mem):
    """Nina is new; Karin is her mentor; they have an agreement and an evaluation."""
    from samtale.house import mentor

    nina = residents.create(mem, display_name="Nina K.", unit_id=mem.ids["unit"],
                            moved_in="2026-01-01")
    match = mentor.create_match(mem, resident_id=nina, mentor_id=mem.ids["karin"],
                                started_on="2026-01-05", staff_id=mem.ids["mette"])
    mentor.add_agreement(mem, match, nina, "Jeg drikker kaffe med Karin om morgenen.")
    mentor.evaluate(mem, match, nina, text="Jeg var bange i starten, nu er det godt.",
                    by="newcomer", on="2026-03-01")
    mem.ids |= {"nina": nina, "match": match}
    return mem


def test_erasing_the_mentor_removes_the_match_and_its_agreements(matched):
    karin, nina = matched.ids["karin"], matched.ids["nina"]
    move_out(matched, karin)
    counts = gdpr.erase_resident(matched, karin)
    assert counts["mentor_matches"] == 1 and counts["mentor_agreements"] == 1
    assert matched.execute("SELECT count(*) FROM mentor_matches").fetchone()[0] == 0
    assert matched.execute("SELECT 1 FROM residents WHERE id = ?", [nina]).fetchone()
    assert matched.execute("PRAGMA foreign_key_check").fetchall() == []


def test_any_column_referencing_residents_is_followed_without_cascade(mem):
    """A reference under another name, declared without ON DELETE CASCADE, is found
    from the schema: erasing the resident it names removes the row instead of failing."""
    mem.execute("CREATE TABLE buddies (id INTEGER PRIMARY KEY, resident_id INTEGER NOT NULL "
                "REFERENCES residents(id), buddy_id INTEGER NOT NULL REFERENCES residents(id))")
    karin, bo = mem.ids["karin"], mem.ids["bo"]
    mem.execute("INSERT INTO buddies (resident_id, buddy_id) VALUES (?, ?)", [bo, karin])
    move_out(mem, karin)
    assert gdpr.erase_resident(mem, karin)["buddies"] == 1
    assert mem.execute("SELECT count(*) FROM buddies").fetchone()[0] == 0


def test_the_mentors_export_shows_the_match_without_the_newcomers_words(matched):
    files = unzip(gdpr.export_resident(matched, matched.ids["karin"]))
    assert json.loads(files["mentor_matches.json"]) == []  # no match of her own
    [row] = json.loads(files["mentor_matches.mentor_id.json"])
    assert row["resident_id"] == {"first_name": "Nina"}
    assert row["mentor_id"] == matched.ids["karin"] and row["started_on"] == "2026-01-05"
    assert "evaluation" not in row and "evaluation_by" not in row
    everything = b"".join(files.values()).decode("utf-8")
    assert "bange" not in everything and "kaffe" not in everything and "Nina K." not in everything
    manifest = json.loads(files["manifest.json"])
    party = next(f for f in manifest["files"] if f["name"] == "mentor_matches.mentor_id.json")
    assert party["names_you_in"] == "mentor_id" and party["rows"] == 1
    assert "du er mentor for en anden beboer" in files["README.txt"].decode("utf-8")


def test_the_newcomers_export_names_the_mentor_by_first_name_only(matched):
    files = unzip(gdpr.export_resident(matched, matched.ids["nina"]))
    [row] = json.loads(files["mentor_matches.json"])
    assert row["mentor_id"] == {"first_name": "Karin"} and row["resident_id"] == matched.ids["nina"]
    assert row["evaluation"] == "Jeg var bange i starten, nu er det godt."  # her own words
    assert [a["text"] for a in json.loads(files["mentor_agreements.json"])] == [
        "Jeg drikker kaffe med Karin om morgenen."]
    assert "mentor_matches.mentor_id.json" not in files
    assert "Karin S." not in b"".join(files.values()).decode("utf-8")


def test_one_level_down_means_one_step_whatever_the_table_order(mem):
    """A party row's children are two steps from the resident: never exported, even
    when their table is looked at after the party row's table in the same step."""
    mem.execute("CREATE TABLE aa_matches (id INTEGER PRIMARY KEY, resident_id INTEGER "
                "REFERENCES residents(id), buddy_id INTEGER REFERENCES residents(id))")
    mem.execute("CREATE TABLE zz_notes (id INTEGER PRIMARY KEY, "
                "match_id INTEGER REFERENCES aa_matches(id), text TEXT)")
    mem.execute("INSERT INTO aa_matches VALUES (1, ?, ?)", [mem.ids["bo"], mem.ids["karin"]])
    mem.execute("INSERT INTO zz_notes VALUES (1, 1, 'Bos egne ord')")
    rows = gdpr.owned_rows(mem, mem.ids["karin"], depth=1)
    assert rows["aa_matches"] == {1} and rows["zz_notes"] == set()
    assert gdpr.owned_rows(mem, mem.ids["karin"])["zz_notes"] == {1}  # erasure goes on
    files = unzip(gdpr.export_resident(mem, mem.ids["karin"]))
    assert "zz_notes.json" not in files and "Bos egne ord" not in str(files)
