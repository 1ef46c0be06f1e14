"""Jeg-form: check Danish text and suggest a first-person rewrite.

Text written about the resident ("Beboeren ønsker ...", "Hun vil ...", "Karin har ...") or to
the resident ("Du skal ...") is rewritten in the resident's own voice ("Jeg ..."). Rule-based,
no Flask, no model: the rules, their limits and the corpus accuracy are in docs/jegform.md.

    check(text, names=("Karin",))  -> Check(flagged, suggestion, reason)
    rewrite(text, names=())        -> the suggestion, or the text unchanged
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from samtale.i18n import gettext as _
from samtale.jegform.rewriter import (
    Rewriter,
)


@dataclass(frozen=True)
class Check:
    flagged: bool  # the text is about or to the resident and a rewrite is offered
    suggestion: str | None  # the first-person rewrite, None when nothing needs changing
    reason: str  # a short Danish hint for the contact person, '' when not flagged


def check(text: str | None, names: Iterable[str] = ()) -> Check:
    """Check `text`; `names` are the resident's name parts ("Karin", "Sørensen")."""
    text = _as_text(text)
    result, flag = Rewriter(text, _name_parts(names)).run()
    if result == text or flag is None:
        return Check(False, None, "")
    return Check(True, result, _reason(*flag))


def rewrite(text: str | None, names: Iterable[str] = ()) -> str:
    """The first-person suggestion for `text`, or `text` unchanged ('' for None)."""
    return Rewriter(_as_text(text), _name_parts(names)).run()[0]


def _reason(kind: str, excerpt: str) -> str:
    if kind == "to":
        return _(
            'Teksten er skrevet til beboeren ("%(start)s ..."). Skriv i jeg-form.', start=excerpt
        )
    return _('Teksten er skrevet om beboeren ("%(start)s ..."). Skriv i jeg-form.', start=excerpt)


def _as_text(text: object) -> str:
    return "" if text is None else text if isinstance(text, str) else str(text)


def _name_parts(names: Iterable[str] | str) -> frozenset[str]:
    """Name parts worth matching: 'Karin S.' gives {'karin'}; initials are dropped."""
    if isinstance(names, str):
        names = [names]
    parts = (p for n in names or () for p in re.split(r"[\s,]+", str(n or "")))
    return frozenset(p.lower() for p in parts if len(p) > 1 and p.replace("-", "").isalpha())


# --- Lexicon: a compact one for the words a plan or an evaluation uses -------------------------
