"""Shared fixtures: an app on a real SQLite file, a client, the database, and
helpers that create units, staff and residents and log in through the real form."""

from __future__ import annotations

import re

import pytest

from samtale import create_app, migrations, passwords, residents, staff
from samtale.db import open_db

PASSWORD = "en lang og god adgangskode"
FAST_HASHER = passwords.Hasher(time_cost=1, memory_kib=8192)


def app_config(tmp_path) -> dict:
    return {
        "TESTING": True,
        "DATABASE": str(tmp_path / "samtale.db"),
        "INSTANCE_DIR": str(tmp_path),
        "SECRET_KEY": "test-secret",
        "ARGON2_TIME_COST": 1,
        "ARGON2_MEMORY_KIB": 8192,
        "FACILITY_NAME": "Testhuset",
    }


def create_app_for(tmp_path, **overrides):
    """An app on a migrated database file in tmp_path (the same file for every call)."""
    config = {**app_config(tmp_path), **overrides}
    database = open_db(config["DATABASE"])
    migrations.apply(database)
    database.close()
    return create_app(config)


@pytest.fixture
def app(tmp_path):
    return create_app_for(tmp_path)


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def db(app):
    database = open_db(app.config["DATABASE"])
    yield database
    database.close()


CSRF_RE = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def csrf_from(html: str) -> str:
    match = CSRF_RE.search(html)
    assert match, "no CSRF token on the page"
    return match.group(1)


class Helpers:
    """Create people and log in the way a person does: through the forms."""

    def __init__(self, db):
        self.db = db

    def unit(self, name: str = "Afdeling Nord") -> int:
        return staff.create_unit(self.db, name)

    def staff(
        self,
        username: str,
        role: str = "kontaktperson",
        units=(),
        password: str = PASSWORD,
        name: str | None = None,
    ) -> int:
        return staff.create(
            self.db,
            FAST_HASHER,
            username=username,
            display_name=name or username.title(),
            password=password,
            role=role,
            unit_ids=list(units),
        )

    def resident(self, name: str, unit_id: int, contacts=(), moved_in="2026-01-15") -> int:
        return residents.create(
            self.db,
            display_name=name,
            unit_id=unit_id,
            moved_in=moved_in,
            contact_ids=list(contacts),
        )

    def token(self, client, path: str = "/log-ind") -> str:
        return csrf_from(client.get(path).get_data(as_text=True))

    def login(self, client, username: str, password: str = PASSWORD):
        token = self.token(client)
        response = client.post(
            "/log-ind", data={"csrf_token": token, "username": username, "password": password}
        )
        assert response.status_code == 302, response.get_data(as_text=True)[:500]
        return response

    def post(self, client, path: str, data: dict | None = None, token_from: str = "/"):
        """POST with a CSRF token taken from a page the user could see."""
        payload = {"csrf_token": self.token(client, token_from), **(data or {})}
        return client.post(path, data=payload)

    def house(self) -> dict:
        """Two units, a leader, two contact persons and three residents."""
        north, south = self.unit("Nord"), self.unit("Syd")
        ids = {
            "north": north,
            "south": south,
            "leader": self.staff("leder", "leder", [north, south]),
            "mette": self.staff("mette", units=[north]),
            "ali": self.staff("ali", units=[south]),
        }
        ids["karin"] = self.resident("Karin S.", north, [ids["mette"]])
        ids["bo"] = self.resident("Bo H.", north)
        ids["sara"] = self.resident("Sara L.", south, [ids["ali"]])
        return ids


@pytest.fixture
def helpers(db):
    return Helpers(db)
