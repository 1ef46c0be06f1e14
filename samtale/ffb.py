"""KL's code systems: FFB (Fælles Faglige Begreber) and CareSocialCodes.

Loaded once from samtale/reference (copied unchanged from hl7dk/kl-term, see SOURCE.md).
The themes residents and staff pick from are the FFB tilstande under "Funktioner og
forhold", "Aktivitet og deltagelse" and "Omgivelsesfaktorer": a top theme (for example
Relationer) and its sub-themes (for example Deltage i sociale fællesskaber og
fritidsaktiviteter).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache

from samtale.paths import REFERENCE_DIR

FFB_SYSTEM = "urn:oid:1.2.208.176.2.22"
CARE_SOCIAL_SYSTEM = "http://fhir.kl.dk/term/CodeSystem/CareSocialCodes"
FFB_TILSTANDE = "b3ddc7d7-f6c1-4d47-8280-456992cbe0a6"
MAALTYPE = "b5257b2d-0fbf-4d00-bf38-d298c8568116"

# Goal categories (CareSocialCodes, under "Mål/formål").
CATEGORY_DREAM = "416fe27d-3ccf-4390-8742-8b52a9d8dc78"  # FFB borgers mål og ønsker
CATEGORY_GOAL = "0bb3daef-538d-45dc-b444-abdbcb63f6bc"  # FFB indsatsmål
CATEGORY_SUBGOAL = "6746d4af-145a-4bfd-a672-05c0cf11b53b"  # FFB delmål

# Måltype (FFB), keyed by the code values the app stores.
GOAL_TYPES = {
    "develop": "d41c8072-52f8-42b5-9375-ddbea454d27f",  # Udvikle funktionsevne
    "maintain": "10752a63-00b4-4958-b7f4-9f3a18f74266",  # Fastholde funktionsevne
    "limit_loss": "e47c22bd-d88d-48ab-882b-419923e1f44e",  # Begrænse tab af funktionsevne
}


@dataclass(frozen=True)
class Concept:
    code: str
    display: str
    definition: str
    parent: str | None
    depth: int


def _walk(concepts, parent, depth, out):
    for item in concepts:
        out[item["code"]] = Concept(
            item["code"], item["display"], item.get("definition", ""), parent, depth
        )
        _walk(item.get("concept", []), item["code"], depth + 1, out)


@lru_cache(maxsize=2)
def _load(filename: str) -> dict[str, Concept]:
    data = json.loads((REFERENCE_DIR / filename).read_text(encoding="utf-8"))
    out: dict[str, Concept] = {}
    _walk(data["concept"], None, 0, out)
    return out


def ffb() -> dict[str, Concept]:
    """Every FFB concept by code."""
    return _load("CodeSystem-FFB.json")


def care_social() -> dict[str, Concept]:
    """Every CareSocialCodes concept by code."""
    return _load("CodeSystem-CareSocialCodes.json")


def display(code: str | None) -> str:
    """The Danish display of an FFB code, or '' for None or an unknown code."""
    concept = ffb().get(code or "")
    return concept.display if concept else ""


def _descendants(code: str) -> list[Concept]:
    concepts = ffb()
    found, queue = [], [code]
    while queue:
        current = queue.pop(0)
        children = [c for c in concepts.values() if c.parent == current]
        found.extend(children)
        queue.extend(c.code for c in children)
    return found


@lru_cache(maxsize=1)
def themes() -> tuple[Concept, ...]:
    """The FFB tilstande that can be a goal's or an answer's theme: every concept below
    the three groups (Funktioner og forhold, Aktivitet og deltagelse, Omgivelsesfaktorer),
    that is top themes such as Relationer and their sub-themes."""
    return tuple(c for c in _descendants(FFB_TILSTANDE) if c.depth >= 2)


def is_theme(code: str) -> bool:
    return any(c.code == code for c in themes())


def top_theme(code: str) -> Concept | None:
    """The top theme (depth 2, e.g. Relationer) that `code` is or belongs to."""
    concept = ffb().get(code)
    while concept is not None and concept.depth > 2:
        concept = ffb().get(concept.parent or "")
    return concept if concept is not None and concept.depth == 2 else None
