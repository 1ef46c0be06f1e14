"""The staff member's PIN for taking the screen back after handing it to a resident.
4 to 8 digits, stored as an argon2id hash like a password. No Flask."""

from __future__ import annotations

import re

from sqlite_utils import Database

from samtale import clock
from samtale.errors import SamtaleError
from samtale.i18n import gettext as _
from samtale.passwords import Hasher

PIN_RE = re.compile(r"^\d{4,8}$")


def _too_easy(pin: str) -> bool:
    """'0000', '1234', '9876': the first guesses anyone makes."""
    steps = {int(b) - int(a) for a, b in zip(pin, pin[1:], strict=False)}
    return len(steps) == 1 and steps <= {0, 1, -1}


def check_policy(pin: str) -> str:
    pin = (pin or "").strip()
    if not PIN_RE.match(pin):
        raise SamtaleError(_("PIN-koden skal være 4 til 8 cifre."))
    if _too_easy(pin):
        raise SamtaleError(_("Den PIN-kode er let at gætte. Vælg en anden."))
    return pin


def set_pin(db: Database, hasher: Hasher, staff_id: int, pin: str) -> None:
    pin = check_policy(pin)
    db.execute(
        "INSERT INTO staff_pins (staff_id, pin_hash, set_at) VALUES (?, ?, ?) "
        "ON CONFLICT(staff_id) DO UPDATE SET pin_hash = excluded.pin_hash, "
        "set_at = excluded.set_at",
        [staff_id, hasher.hash(pin), clock.now_iso()],
    )


def has_pin(db: Database, staff_id: int) -> bool:
    return bool(db.execute("SELECT 1 FROM staff_pins WHERE staff_id = ?", [staff_id]).fetchone())


def check_pin(db: Database, hasher: Hasher, staff_id: int, pin: str) -> bool:
    pin = (pin or "").strip()
    if not PIN_RE.match(pin):
        return False
    row = db.execute("SELECT pin_hash FROM staff_pins WHERE staff_id = ?", [staff_id]).fetchone()
    return bool(row) and hasher.verify(row[0], pin)


def remove_pin(db: Database, staff_id: int) -> None:
    db.execute("DELETE FROM staff_pins WHERE staff_id = ?", [staff_id])
