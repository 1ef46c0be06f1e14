"""Two-factor login with TOTP (RFC 6238: an authenticator app) and recovery codes. No Flask.

Enrolment: `new_secret()`, shown as a QR code (`qr_svg`, drawn locally by segno) and as
text; `enable(db, staff_id, secret, code)` once the staff member types a code from the
app; it returns ten recovery codes to show once (only a salted argon2id hash of each is
stored, and each works once). At login `check(db, staff_id, code)` accepts a code of the
current time step or one step either side, never a step already used (a code cannot be
replayed), or an unused recovery code. Turning it off needs a code too.
"""

from __future__ import annotations

import hmac
import re
import secrets
from datetime import datetime

import pyotp
import segno
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlite_utils import Database

from samtale import clock
from samtale.db import write_transaction
from samtale.errors import SamtaleError
from samtale.i18n import gettext as _

ISSUER = "Samtale"
RECOVERY_CODES = 10
RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i
RECOVERY_LENGTH = 10  # about 50 bits each
# A code of under 112 bits must be stored with a salted password hash (ASVS 5.0 6.5.2):
# argon2id at OWASP's minimum cost (19 MiB, two passes), about 20 ms a code, so making
# ten or checking against ten stays well under half a second.
_CODE_HASHER = PasswordHasher(time_cost=2, memory_cost=19456, parallelism=1)
WINDOW = 1  # accept one time step (30 seconds) either side
CODE_RE = re.compile(r"^\d{6}$")


def new_secret() -> str:
    return pyotp.random_base32()  # 160 bits


def grouped(secret: str) -> str:
    """'JBSW Y3DP EHPK ...': easier to type into an app by hand."""
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def provisioning_uri(secret: str, username: str, issuer: str = ISSUER) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=username, issuer_name=issuer)


def qr_svg(uri: str, label: str) -> str:
    """The QR code as an inline <svg> element (no external service, no script)."""
    svg = segno.make(uri, error="m").svg_inline(scale=5, title=label, svgclass="qr-code")
    return svg.replace("<svg ", '<svg role="img" aria-label="' + _escape(label) + '" ', 1)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")


def normalise(code: str) -> str:
    return re.sub(r"[\s-]", "", code or "").lower()


def matching_step(secret: str, code: str, at: datetime, last_step: int = 0) -> int | None:
    """The time step whose code is `code` (current one first, then one either side),
    if that step is later than `last_step`; otherwise None."""
    code = normalise(code)
    if not CODE_RE.match(code):
        return None
    totp = pyotp.TOTP(secret)
    now_step = totp.timecode(at)
    for step in (now_step, now_step - WINDOW, now_step + WINDOW):
        if step > last_step and hmac.compare_digest(totp.generate_otp(step), code):
            return step
    return None


def is_enabled(db: Database, staff_id: int) -> bool:
    return bool(db.execute("SELECT 1 FROM staff_totp WHERE staff_id = ?", [staff_id]).fetchone())


def enable(db: Database, staff_id: int, secret: str, code: str) -> list[str]:
    """Turn on two-factor login with `secret` once `code` proves the app has it.
    Returns the recovery codes, to be shown once. Raises SamtaleError otherwise."""
    if is_enabled(db, staff_id):
        raise SamtaleError(_("To-faktor-login er allerede slået til."))
    step = matching_step(secret, code, clock.now())
    if step is None:
        raise SamtaleError(_("Koden passer ikke. Skriv den kode, appen viser lige nu."))
    with write_transaction(db):
        row = {"staff_id": staff_id, "secret": secret, "last_step": step}
        db["staff_totp"].insert({**row, "enabled_at": clock.now_iso()})
        return _replace_recovery_codes(db, staff_id)


def _hash(code: str) -> str:
    return _CODE_HASHER.hash(normalise(code))


def _matches(code_hash: str, code: str) -> bool:
    try:
        return _CODE_HASHER.verify(code_hash, normalise(code))
    except (VerificationError, InvalidHashError):
        return False


def _new_recovery_code() -> str:
    text = "".join(secrets.choice(RECOVERY_ALPHABET) for _ in range(RECOVERY_LENGTH))
    return f"{text[:5]}-{text[5:]}"


def _replace_recovery_codes(db: Database, staff_id: int) -> list[str]:
    codes = [_new_recovery_code() for _ in range(RECOVERY_CODES)]
    now = clock.now_iso()
    db.execute("DELETE FROM staff_recovery_codes WHERE staff_id = ?", [staff_id])
    db["staff_recovery_codes"].insert_all(
        {"staff_id": staff_id, "code_hash": _hash(code), "created_at": now} for code in codes
    )
    return codes


def check(db: Database, staff_id: int, code: str) -> str | None:
    """'totp' or 'recovery' when `code` is accepted (and now used up), else None."""
    with write_transaction(db):
        row = db.execute(
            "SELECT secret, last_step FROM staff_totp WHERE staff_id = ?", [staff_id]
        ).fetchone()
        if row is None:
            return None
        step = matching_step(row[0], code, clock.now(), row[1])
        if step is not None:
            db.execute("UPDATE staff_totp SET last_step = ? WHERE staff_id = ?", [step, staff_id])
            return "totp"
    # The slow hashes are checked outside the write lock; marking the code used only
    # succeeds once, so two logins with the same code cannot both get in.
    return "recovery" if _use_recovery_code(db, staff_id, code) else None


def _use_recovery_code(db: Database, staff_id: int, code: str) -> bool:
    if len(normalise(code)) != RECOVERY_LENGTH:
        return False
    unused = db.execute(
        "SELECT id, code_hash FROM staff_recovery_codes WHERE staff_id = ? AND used_at IS NULL",
        [staff_id],
    ).fetchall()
    found = next((row_id for row_id, code_hash in unused if _matches(code_hash, code)), None)
    if found is None:
        return False
    with write_transaction(db):
        return bool(
            db.execute(
                "UPDATE staff_recovery_codes SET used_at = ? WHERE id = ? AND used_at IS NULL",
                [clock.now_iso(), found],
            ).rowcount
        )


def recovery_codes_left(db: Database, staff_id: int) -> int:
    return db.execute(
        "SELECT count(*) FROM staff_recovery_codes WHERE staff_id = ? AND used_at IS NULL",
        [staff_id],
    ).fetchone()[0]


def new_recovery_codes(db: Database, staff_id: int, code: str) -> list[str]:
    """Replace the recovery codes (the old ones stop working); needs a valid code."""
    if check(db, staff_id, code) is None:
        raise SamtaleError(_("Koden passer ikke."))
    with write_transaction(db):
        return _replace_recovery_codes(db, staff_id)


def disable(db: Database, staff_id: int, code: str) -> None:
    """Turn two-factor login off; needs a code from the app or a recovery code."""
    if check(db, staff_id, code) is None:
        raise SamtaleError(_("Koden passer ikke. To-faktor-login er stadig slået til."))
    reset(db, staff_id)


def reset(db: Database, staff_id: int) -> None:
    """Remove the secret and the recovery codes (also for a leader helping a colleague
    who lost their phone and codes)."""
    with write_transaction(db):
        db.execute("DELETE FROM staff_recovery_codes WHERE staff_id = ?", [staff_id])
        db.execute("DELETE FROM staff_totp WHERE staff_id = ?", [staff_id])
