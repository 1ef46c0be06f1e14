"""The plan as a JSON document that validates against docs/plan.schema.json."""

from __future__ import annotations

import json

from samtale.export.schema import validate_plan


def to_json(plan: dict) -> bytes:
    """The validated plan as UTF-8 JSON (indent 2, Danish letters kept as they are)."""
    validate_plan(plan)
    return (json.dumps(plan, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
