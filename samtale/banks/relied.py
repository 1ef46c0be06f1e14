"""Question ids that other parts of Samtale read answers from, by bank purpose.

A facility's own bank for moving in or for activities is valid without them, but the
house then misses what the resident said: the mentor wish, or the consent to share
activity wishes on the board. `notices(bank)` names each missing id and what it is used
for, so `samtale banks check` and the leader's bank page can say so without refusing
the bank.
"""

from __future__ import annotations

from samtale.banks.model import Bank
from samtale.banks.problems import message_id as _
from samtale.i18n import gettext

RELIED_ON: dict[str, tuple[tuple[str, str], ...]] = {
    "indflytning": (
        ("mentor_oenske", _("Huset bruger svaret (ja/nej) som beboerens svar på tilbuddet "
                            "om en mentor.")),
    ),
    "aktiviteter": (
        ("tavle_samtykke", _("Svaret (ja/nej) afgør, om aktivitetsønskerne må deles på "
                             "husets tavle.")),
        ("tavle_navn", _("Svaret (ja/nej) afgør, om beboerens fornavn må stå ved ønskerne "
                         "på tavlen.")),
    ),
}


def missing(bank: Bank) -> list[tuple[str, str]]:
    """(question id, what it is used for as a message id) for each relied-on question
    that a bank of this purpose does not have."""
    have = {question.id for question in bank.questions}
    return [(qid, use) for qid, use in RELIED_ON.get(bank.purpose, ()) if qid not in have]


def notices(bank: Bank) -> list[str]:
    """The missing relied-on questions in plain words, in the current locale."""
    return [
        gettext("Spørgsmålet '%(id)s' findes ikke i banken.", id=qid) + " " + gettext(use)
        for qid, use in missing(bank)
    ]
