"""Sample objects for the route-enumerating tests (access, CSRF, hostile input).

Each area that adds routes with object ids adds a function to tests/sample_areas.py that
creates its objects and returns the URL parameter names it fills:

- `@sampler` for objects that belong to ONE resident (a conversation, a goal):
  `(db, resident_id, staff_id) -> {"conversation_id": 7}`; their routes live under
  /beboere/<resident_id>/.
- `@unit_sampler` for house-level objects that belong to a UNIT (a prøvehandling, the
  indsatsplan): `(db, unit_id, staff_id) -> {"trial_id": 3}`; list their URL parameter
  names in UNIT_PARAMS.

The access test builds every route with another unit's objects and requires 403 or 404."""

from __future__ import annotations

from collections.abc import Callable

from sqlite_utils import Database

SAMPLERS: list[Callable[[Database, int, int], dict]] = []
UNIT_SAMPLERS: list[Callable[[Database, int, int], dict]] = []

# URL parameters that belong to a unit's house-level objects (checked against the unit).
UNIT_PARAMS: set[str] = {"trial_id", "subgoal_id", "activity_id"}

# URL parameters that belong to no resident and no unit's house data (admin pages).
NON_RESIDENT_PARAMS = {"staff_id", "unit_id", "token", "filename", "bank_id", "lang"}


def sampler(function: Callable[[Database, int, int], dict]):
    SAMPLERS.append(function)
    return function


def unit_sampler(function: Callable[[Database, int, int], dict]):
    UNIT_SAMPLERS.append(function)
    return function


def objects_for(db: Database, resident_id: int, staff_id: int) -> dict:
    """Every sampled object of one resident, and of that resident's unit."""
    params = {"resident_id": resident_id}
    for function in SAMPLERS:
        params.update(function(db, resident_id, staff_id))
    unit_id = db.execute("SELECT unit_id FROM residents WHERE id = ?", [resident_id]).fetchone()[0]
    for function in UNIT_SAMPLERS:
        params.update(function(db, unit_id, staff_id))
    return params


# Areas register their samplers by being imported here.
import tests.sample_areas  # noqa: E402,F401
