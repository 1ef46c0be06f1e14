"""Core of the foundation, on an in-memory database: passwords, staff, residents,
the audit chain, migrations and configuration."""

from __future__ import annotations

import pytest

from samtale import audit, config, migrations, passwords, residents, staff
from samtale.db import open_db
from samtale.errors import NotFound, SamtaleError
from tests.conftest import FAST_HASHER


@pytest.fixture
def mem():
    db = open_db(":memory:")
    migrations.apply(db)
    return db


@pytest.mark.parametrize(
    "password,ok",
    [
        ("1234567", False),
        ("abcdefgh", False),
        ("password", False),
        ("kodeord123", False),
        ("qwertyuiop", False),
        ("rødgrød med fløde", True),
        ("xyz" * 42 + "ab", True),
        ("xyz" * 43, False),
        ("en sætning om kaffe", True),
        ("        ", False),
        ("abababab", False),
        ("98765432", False),
    ],
)
def test_password_policy(password, ok):
    if ok:
        passwords.check_policy(password)
    else:
        with pytest.raises(SamtaleError):
            passwords.check_policy(password)


def test_password_may_not_be_the_username():
    with pytest.raises(SamtaleError):
        passwords.check_policy("mette.kristensen", "mette.kristensen")


def test_hashes_are_argon2id_and_salted():
    first, second = FAST_HASHER.hash("samme kodeord her"), FAST_HASHER.hash("samme kodeord her")
    assert first.startswith("$argon2id$") and first != second
    assert FAST_HASHER.verify(first, "samme kodeord her")
    assert not FAST_HASHER.verify(first, "andet kodeord her")
    assert not FAST_HASHER.verify("not a hash", "x")


def test_no_account_exists_after_migrations(mem):
    assert staff.count(mem) == 0
    assert mem.execute("SELECT count(*) FROM staff").fetchone()[0] == 0


def test_migrations_are_idempotent_and_numbered(mem):
    assert migrations.apply(mem) == []
    names = [r[0] for r in mem.execute("SELECT name FROM _sqlite_migrations ORDER BY id")]
    assert names == sorted(names) and names[0] == "m0001_foundation"


def test_file_database_uses_wal_and_foreign_keys(tmp_path):
    db = open_db(tmp_path / "x.db")
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000


def test_staff_usernames_are_unique_and_clean(mem):
    unit = staff.create_unit(mem, "Nord")
    staff.create(
        mem,
        FAST_HASHER,
        username="Mette.K",
        display_name="Mette",
        password="god lang kode",
        role="kontaktperson",
        unit_ids=[unit],
    )
    with pytest.raises(SamtaleError, match="allerede i brug"):
        staff.create(
            mem,
            FAST_HASHER,
            username="mette.k",
            display_name="M",
            password="god lang kode",
            role="kontaktperson",
        )
    with pytest.raises(SamtaleError):
        staff.create(
            mem,
            FAST_HASHER,
            username="<script>",
            display_name="M",
            password="god lang kode",
            role="kontaktperson",
        )
    with pytest.raises(SamtaleError):
        staff.create(
            mem,
            FAST_HASHER,
            username="ok.name",
            display_name="M",
            password="god lang kode",
            role="admin",
        )


def _house(mem):
    north, south = staff.create_unit(mem, "Nord"), staff.create_unit(mem, "Syd")
    mette = staff.create(
        mem,
        FAST_HASHER,
        username="mette",
        display_name="Mette",
        password="god lang kode",
        role="kontaktperson",
        unit_ids=[north],
    )
    jonas = staff.create(
        mem,
        FAST_HASHER,
        username="jonas",
        display_name="Jonas",
        password="god lang kode",
        role="kontaktperson",
        unit_ids=[north],
    )
    ali = staff.create(
        mem,
        FAST_HASHER,
        username="ali",
        display_name="Ali",
        password="god lang kode",
        role="kontaktperson",
        unit_ids=[south],
    )
    return north, south, mette, jonas, ali


def test_residents_are_reached_only_from_their_unit(mem):
    north, south, mette, jonas, ali = _house(mem)
    karin = residents.create(
        mem, display_name="Karin S.", unit_id=north, moved_in="2026-01-02", contact_ids=[mette]
    )
    assert residents.get_for_staff(mem, staff.get(mem, jonas), karin).display_name == "Karin S."
    with pytest.raises(NotFound):
        residents.get_for_staff(mem, staff.get(mem, ali), karin)
    staff.set_active(mem, mette, False)
    with pytest.raises(NotFound):
        residents.get_for_staff(mem, staff.get(mem, mette), karin)


def test_own_residents_come_first(mem):
    north, south, mette, jonas, ali = _house(mem)
    residents.create(mem, display_name="Anna", unit_id=north, moved_in="2026-01-02")
    residents.create(
        mem, display_name="Zenia", unit_id=north, moved_in="2026-01-02", contact_ids=[mette]
    )
    residents.create(mem, display_name="Sara", unit_id=south, moved_in="2026-01-02")
    names = [r["display_name"] for r in residents.list_for_staff(mem, staff.get(mem, mette))]
    assert names == ["Zenia", "Anna"]


def test_contact_persons_rules(mem):
    north, south, mette, jonas, ali = _house(mem)
    with pytest.raises(SamtaleError, match="højst to"):
        residents.create(
            mem,
            display_name="K",
            unit_id=north,
            moved_in="2026-01-02",
            contact_ids=[mette, jonas, ali],
        )
    with pytest.raises(SamtaleError, match="afdeling"):
        residents.create(
            mem, display_name="K", unit_id=north, moved_in="2026-01-02", contact_ids=[ali]
        )


@pytest.mark.parametrize(
    "name,moved_in",
    [
        ("", "2026-01-01"),
        ("x" * 61, "2026-01-01"),
        ("Karin", "01-01-2026"),
        ("Karin", "2099-01-01"),
    ],
)
def test_resident_input_is_checked(mem, name, moved_in):
    north, *_ = _house(mem)
    with pytest.raises(SamtaleError):
        residents.create(mem, display_name=name, unit_id=north, moved_in=moved_in)


def test_moving_out_sets_a_date(mem):
    north, south, mette, jonas, ali = _house(mem)
    karin = residents.create(mem, display_name="Karin", unit_id=north, moved_in="2026-01-02")
    residents.update(
        mem,
        karin,
        display_name="Karin",
        unit_id=north,
        moved_in="2026-01-02",
        status="fraflyttet",
        moved_out=None,
    )
    assert residents.get(mem, karin).moved_out is not None
    assert residents.list_for_staff(mem, staff.get(mem, mette)) == []


def test_audit_chain_detects_change_deletion_and_insertion(mem):
    for index in range(5):
        audit.record(mem, action="read", actor_id=1, resident_id=index)
    assert audit.verify(mem).ok and audit.verify(mem).checked == 5
    mem.execute("UPDATE audit_log SET actor_id = 2 WHERE id = 3")
    assert audit.verify(mem).first_bad_id == 3
    mem.execute("UPDATE audit_log SET actor_id = 1 WHERE id = 3")
    assert audit.verify(mem).ok
    mem.execute("DELETE FROM audit_log WHERE id = 2")
    result = audit.verify(mem)
    assert not result.ok and result.first_bad_id == 3


def test_audit_refuses_unknown_actions(mem):
    with pytest.raises(ValueError):
        audit.record(mem, action="peek")


def test_config_reads_environment_and_refuses_bad_numbers():
    values = config.from_environment({"SAMTALE_PORT": "8080", "SAMTALE_DATABASE": "/tmp/x.db"})
    assert values["PORT"] == 8080 and values["DATABASE"] == "/tmp/x.db"
    assert values["IDLE_MINUTES"] == 20 and values["SESSION_HOURS"] == 10
    with pytest.raises(SamtaleError, match="SAMTALE_PORT"):
        config.from_environment({"SAMTALE_PORT": "abc"})


def test_every_setting_is_documented():
    from pathlib import Path

    text = (Path(__file__).parent.parent / "docs" / "configuration.md").read_text()
    for setting in config.SETTINGS:
        assert f"`{setting.name}`" in text, f"{setting.name} missing from docs/configuration.md"


def test_local_date_reads_dates_datetimes_and_stored_timestamps_in_copenhagen():
    from datetime import UTC, date, datetime

    from samtale import clock

    assert clock.local_date("2026-11-25") == date(2026, 11, 25)
    assert clock.local_date("2026-11-25T23:30:00.000000Z") == date(2026, 11, 26)  # CET
    assert clock.local_date(datetime(2026, 6, 30, 22, 30, tzinfo=UTC)) == date(2026, 7, 1)
    assert clock.local_date(date(2026, 1, 2)) == date(2026, 1, 2)
    assert clock.local_date(None) is None and clock.local_date("") is None


def test_works_in_is_only_for_active_staff_of_the_unit(db):
    north, south = staff.create_unit(db, "Nord"), staff.create_unit(db, "Syd")
    mette = staff.create(db, FAST_HASHER, username="mette", display_name="Mette",
                         password="korrekt hest batteri", role="kontaktperson",
                         unit_ids=[north])
    assert staff.works_in(db, mette, north) and not staff.works_in(db, mette, south)
    assert not staff.works_in(db, None, north) and not staff.works_in(db, "", north)
    staff.set_active(db, mette, False)
    assert not staff.works_in(db, mette, north)
