"""`samtale demo`: fill an EMPTY database with fictional units, staff, residents and
their conversations, goals and house activities, so a newcomer can look around.

Each area seeds itself in a module of this package with a `seed(ctx: DemoContext)`
function; `AREAS` lists them in order. Every person here is made up. Passwords are
random for each run and printed once; there are no default passwords."""

from __future__ import annotations

import importlib
import random
import secrets
from dataclasses import dataclass, field

from sqlite_utils import Database

from samtale import passwords, settings
from samtale.errors import SamtaleError
from samtale.i18n import gettext as _

AREAS = ["people", "conversations", "goals", "house"]
MARKER = "demo_data"


@dataclass
class DemoContext:
    db: Database
    hasher: passwords.Hasher
    rng: random.Random
    ids: dict = field(default_factory=dict)  # name → id, shared between areas
    logins: list = field(default_factory=list)  # (username, password, role, name)

    def password(self) -> str:
        """A fresh random password (never from the seeded generator)."""
        words = ["sol", "hav", "skov", "kaffe", "cykel", "bog", "have", "regn", "drage", "mus"]
        return "-".join(secrets.SystemRandom().sample(words, 3)) + "-" + secrets.token_hex(3)


def holds_data(db: Database) -> bool:
    tables = set(db.table_names())
    return any(
        table in tables and db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        for table in ("staff", "residents", "units")
    )


def seed(db: Database, hasher: passwords.Hasher, seed_value: int | None = None) -> DemoContext:
    """Seed every area. Refuses a database that already holds data."""
    if holds_data(db):
        if settings.get(db, MARKER):
            raise SamtaleError(
                _("Databasen har allerede demodata. Slet den, hvis du vil starte forfra.")
            )
        raise SamtaleError(
            _("Databasen indeholder rigtige data. Demodata må kun lægges i en tom database.")
        )
    ctx = DemoContext(db, hasher, random.Random(seed_value))
    with db.atomic():
        settings.put(db, MARKER, True)
        for area in AREAS:
            try:
                module = importlib.import_module(f"{__name__}.{area}")
            except ModuleNotFoundError:
                continue
            module.seed(ctx)
    return ctx
