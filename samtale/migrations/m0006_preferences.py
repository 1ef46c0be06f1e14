"""0006: each staff member's display settings ("Min profil" → "Visning"): large text and
high contrast, applied to every page they see (samtale.preferences)."""

from sqlite_utils import Database

from samtale.migrations import MIGRATIONS

COLUMNS = ("large_text", "high_contrast")


@MIGRATIONS()
def m0006_preferences(db: Database) -> None:
    for column in COLUMNS:
        db.execute(f"ALTER TABLE staff ADD COLUMN {column} INTEGER NOT NULL DEFAULT 0 "
                   f"CHECK ({column} IN (0, 1))")
