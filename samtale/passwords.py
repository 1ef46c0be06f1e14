"""Password policy and hashing: argon2id, 8 to 128 characters, no composition rules,
the most common passwords refused (NIST SP 800-63B / OWASP ASVS 5.0 V6.2)."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from samtale.errors import SamtaleError
from samtale.i18n import gettext as _
from samtale.paths import PACKAGE_DIR

MIN_LENGTH = 8
MAX_LENGTH = 128


@lru_cache(maxsize=1)
def common_passwords() -> frozenset[str]:
    """zxcvbn's 30,000 most common passwords plus a Danish list of our own."""
    from zxcvbn.frequency_lists import FREQUENCY_LISTS

    danish = (PACKAGE_DIR / "data" / "common_passwords_da.txt").read_text(encoding="utf-8")
    words = set(FREQUENCY_LISTS["passwords"])
    words.update(line.strip() for line in danish.splitlines() if line.strip())
    return frozenset(w.lower() for w in words)


def normalise(password: str) -> str:
    return unicodedata.normalize("NFKC", password)


def check_policy(password: str, username: str = "") -> None:
    """Raise SamtaleError with a plain Danish reason when `password` is not allowed."""
    password = normalise(password)
    if len(password) < MIN_LENGTH:
        raise SamtaleError(_("Adgangskoden skal være mindst %(n)s tegn.", n=MIN_LENGTH))
    if len(password) > MAX_LENGTH:
        raise SamtaleError(_("Adgangskoden må højst være %(n)s tegn.", n=MAX_LENGTH))
    lowered = password.lower()
    if (
        lowered in common_passwords()
        or (username and lowered == username.lower())
        or _repetitive_or_sequential(lowered)
    ):
        raise SamtaleError(
            _(
                "Den adgangskode er for almindelig og let at gætte. Vælg en anden, "
                "gerne en sætning på flere ord."
            )
        )


def _repetitive_or_sequential(text: str) -> bool:
    """'aaaaaaaa', 'abababab' or a run like 'abcdefgh' / '98765432' (NIST SP 800-63B)."""
    if len(set(text)) < 3:
        return True
    steps = {ord(b) - ord(a) for a, b in zip(text, text[1:], strict=False)}
    return len(steps) == 1 and steps <= {1, -1}


class Hasher:
    """argon2id hashing with the configured cost."""

    def __init__(self, time_cost: int = 3, memory_kib: int = 65536):
        self._hasher = PasswordHasher(time_cost=time_cost, memory_cost=memory_kib, parallelism=1)

    def hash(self, password: str) -> str:
        return self._hasher.hash(normalise(password))

    def verify(self, password_hash: str, password: str) -> bool:
        try:
            return self._hasher.verify(password_hash, normalise(password))
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            return False

    def needs_rehash(self, password_hash: str) -> bool:
        return self._hasher.check_needs_rehash(password_hash)
