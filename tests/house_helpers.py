"""Shared set-up for the house tests: an in-memory database with two units, staff and
residents, and a fixed clock (2026-06-15, Copenhagen)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from samtale import clock, migrations, residents, staff
from samtale.db import open_db
from tests.conftest import FAST_HASHER, PASSWORD

TODAY = date(2026, 6, 15)


def freeze(monkeypatch, day: date = TODAY) -> None:
    moment = datetime(day.year, day.month, day.day, 10, 0, tzinfo=UTC)
    monkeypatch.setattr(clock, "now", lambda: moment)


def days_ago(days: int) -> str:
    return (TODAY - timedelta(days=days)).isoformat()


class World:
    """Units north/south, staff mette (north), ali (south), lene (leader, both);
    residents karin, bo (north, long-time), nina (north, moved in 10 days ago), sara (south)."""

    def __init__(self, db):
        self.db = db
        self.north = staff.create_unit(db, "Nord")
        self.south = staff.create_unit(db, "Syd")
        self.mette = self._staff("mette", "Mette Kristensen", [self.north])
        self.ali = self._staff("ali", "Ali Hassan", [self.south])
        self.lene = self._staff("lene", "Lene Holm", [self.north, self.south], "leder")
        self.karin = self.resident("Karin S.", self.north, 400)
        self.bo = self.resident("Bo H.", self.north, 800)
        self.nina = self.resident("Nina P.", self.north, 10)
        self.sara = self.resident("Sara L.", self.south, 300)

    def _staff(self, username, name, units, role="kontaktperson") -> int:
        return staff.create(
            self.db,
            FAST_HASHER,
            username=username,
            display_name=name,
            password=PASSWORD,
            role=role,
            unit_ids=units,
        )

    def resident(self, name: str, unit_id: int, days: int) -> int:
        return residents.create(
            self.db, display_name=name, unit_id=unit_id, moved_in=days_ago(days)
        )


@pytest.fixture(name="world")
def world_fixture(monkeypatch):
    freeze(monkeypatch)
    db = open_db(":memory:")
    migrations.apply(db)
    yield World(db)
    db.close()
