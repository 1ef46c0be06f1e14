"""Sample objects for the route-enumerating tests (access, CSRF, hostile input).

Each area that adds routes with object ids (a conversation, a goal, ...) adds a
function here that creates its objects for one resident and returns the URL
parameter names it fills, e.g. {"conversation_id": 7}. The access test builds every
resident route with a resident of another unit and that resident's objects, and
every route with the staff member's own resident but another unit's objects; both
must answer 403 or 404."""

from __future__ import annotations

from collections.abc import Callable

from sqlite_utils import Database

# Area samplers: (db, resident_id, staff_id) -> {url parameter: id}
SAMPLERS: list[Callable[[Database, int, int], dict]] = []

# URL parameters that do not belong to a resident (admin pages and the like).
NON_RESIDENT_PARAMS = {"staff_id", "unit_id", "token", "filename", "bank_id", "lang"}


def sampler(function: Callable[[Database, int, int], dict]):
    SAMPLERS.append(function)
    return function


def objects_for(db: Database, resident_id: int, staff_id: int) -> dict:
    params = {"resident_id": resident_id}
    for function in SAMPLERS:
        params.update(function(db, resident_id, staff_id))
    return params


# Areas register their samplers by being imported here.
import tests.sample_areas  # noqa: E402,F401
