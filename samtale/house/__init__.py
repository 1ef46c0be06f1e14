"""The house: resident mentors, prøvehandlinger with the common-room board, and the
unit's indsatsplan with its status meetings. Core only: no Flask.

The functions other areas use:

    mentor_matches_for(db, resident_id)      -> list[MentorMatch]   (mentor.py)
    newcomers_without_mentor(db, unit_ids)   -> list[Resident]      (newcomers.py)
    next_status_meeting(db, unit_id)         -> date | None         (effort_plan.py)
    board_for(db, unit_id)                   -> Board               (board.py)
    wishes_for_unit(db, unit_id)             -> list[Wish]          (wishes.py)
    checklist_for(db, resident)              -> Checklist           (newcomer.py)

Importing the package registers every board section (wishes.py adds the activity wishes).
No module here imports samtale.plan_items, which imports samtale.house.wish_consent.
"""

from samtale.house.board import board_for
from samtale.house.effort_plan import next_status_meeting
from samtale.house.mentor import mentor_matches_for
from samtale.house.newcomer import checklist_for
from samtale.house.newcomers import newcomers_without_mentor
from samtale.house.wishes import wishes_for_unit

__all__ = [
    "board_for",
    "checklist_for",
    "mentor_matches_for",
    "newcomers_without_mentor",
    "next_status_meeting",
    "wishes_for_unit",
]
