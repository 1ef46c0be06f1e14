"""Helpers for the goals, plan, follow-up and overview tests: an in-memory database with
a unit, staff and residents, and a travel-in-time clock."""

from __future__ import annotations

from datetime import UTC, datetime

from samtale import clock, migrations, passwords, residents, staff
from samtale.db import open_db

HASHER = passwords.Hasher(time_cost=1, memory_kib=8192)
PASSWORD = "en lang og god adgangskode"


def memory_db():
    db = open_db(":memory:")
    migrations.apply(db)
    return db


def person(db, username: str, units, role: str = "kontaktperson", name: str | None = None) -> int:
    return staff.create(db, HASHER, username=username, display_name=name or username.title(),
                        password=PASSWORD, role=role, unit_ids=list(units))


def resident(db, name: str, unit: int, contacts=(), moved_in: str = "2026-01-15") -> int:
    return residents.create(db, display_name=name, unit_id=unit, moved_in=moved_in,
                            contact_ids=list(contacts))


def set_now(monkeypatch, text: str) -> None:
    """Freeze the clock at `text` (UTC, e.g. '2026-11-25T10:00:00')."""
    moment = datetime.fromisoformat(text).replace(tzinfo=UTC)
    monkeypatch.setattr(clock, "now", lambda: moment)
