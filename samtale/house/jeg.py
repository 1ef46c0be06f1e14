"""The jeg-form hint beside agreements and evaluations.

samtale.jegform is imported lazily: when it is not there (or fails to import), no
hint is shown and everything else works."""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Hint:
    suggestion: str
    reason: str


def hint(text: str | None, names: Iterable[str] = ()) -> Hint | None:
    """A rewrite in jeg-form when `text` is written about or to the person; else None."""
    if not text:
        return None
    try:
        jegform = importlib.import_module("samtale.jegform")
    except ImportError:
        return None
    result = jegform.check(text, list(names))
    if not result.flagged or not result.suggestion or result.suggestion == text:
        return None
    return Hint(result.suggestion, result.reason)


def names_of(display_name: str) -> list[str]:
    """Name parts to look for: 'Karin S.' -> ['Karin S.', 'Karin']."""
    parts = [p for p in display_name.replace(".", " ").split() if len(p) > 1]
    return [display_name, *parts]
