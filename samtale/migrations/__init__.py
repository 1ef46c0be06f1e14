"""Numbered schema migrations, applied in order with sqlite_utils.Migrations.

Each module m<NNNN>_<name>.py registers one or more functions on MIGRATIONS with
`@MIGRATIONS()`. A released migration is never edited: change the schema with a new
module. `apply(db)` runs what is pending, each migration in its own transaction.
"""

from __future__ import annotations

import importlib
import pkgutil

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

MIGRATIONS = Migrations("samtale")

_loaded = False


def _load_modules() -> None:
    global _loaded
    if _loaded:
        return
    names = sorted(m.name for m in pkgutil.iter_modules(__path__) if m.name.startswith("m"))
    for name in names:
        importlib.import_module(f"{__name__}.{name}")
    _loaded = True


def apply(db: Database) -> list[str]:
    """Apply pending migrations; return the names of those applied."""
    _load_modules()
    pending = [m.name for m in MIGRATIONS.pending(db)]
    MIGRATIONS.apply(db)
    return pending


def pending(db: Database) -> list[str]:
    _load_modules()
    return [m.name for m in MIGRATIONS.pending(db)]
