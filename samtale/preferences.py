"""Display settings: large text and high contrast (WCAG 2.1 AA support beyond the
defaults; docs/accessibility.md). No Flask.

Each staff member's choice is stored on their account (m0006) and applies to every page
they see. While the screen is handed to a resident, the resident can switch the same two
settings for the handover alone (`for_handover`): the staff member's saved choice does not
change.

    display = preferences.for_staff(db, staff_id)        # Display(large_text, high_contrast)
    preferences.save(db, staff_id, Display(True, False))
    display.body_classes()                               # "large-text"
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlite_utils import Database

from samtale.errors import NotFound

CLASSES = {"large_text": "large-text", "high_contrast": "high-contrast"}


@dataclass(frozen=True)
class Display:
    large_text: bool = False
    high_contrast: bool = False

    def body_classes(self) -> str:
        """The classes on <body> that static/css/app.css styles ("large-text high-contrast")."""
        return " ".join(css for name, css in CLASSES.items() if getattr(self, name))

    def as_dict(self) -> dict[str, bool]:
        return {"large_text": self.large_text, "high_contrast": self.high_contrast}


def for_staff(db: Database, staff_id: int) -> Display:
    """The staff member's saved settings. Raises NotFound for an unknown id."""
    row = db.execute("SELECT large_text, high_contrast FROM staff WHERE id = ?",
                     [staff_id]).fetchone()
    if row is None:
        raise NotFound()
    return Display(bool(row[0]), bool(row[1]))


def save(db: Database, staff_id: int, display: Display) -> None:
    """Store the staff member's settings. Raises NotFound for an unknown id."""
    with db.atomic():
        cursor = db.execute(
            "UPDATE staff SET large_text = ?, high_contrast = ? WHERE id = ?",
            [int(display.large_text), int(display.high_contrast), staff_id])
    if cursor.rowcount == 0:
        raise NotFound()


def from_form(values) -> Display:
    """The settings from a form's checkboxes (present means on)."""
    return Display(large_text=values.get("large_text") == "1",
                   high_contrast=values.get("high_contrast") == "1")


def for_handover(saved: Display, handover: dict | None, stored: dict | None) -> Display:
    """What the screen shows: during a handover, the resident's own choice if they made
    one in this handover (`stored` is {"started_at", "large_text", "high_contrast"} from
    the session and counts only for the handover that started then); else `saved`."""
    if not handover or not stored or stored.get("started_at") != handover.get("started_at"):
        return saved
    return Display(bool(stored.get("large_text")), bool(stored.get("high_contrast")))


def handover_choice(handover: dict, display: Display) -> dict:
    """The session value for `for_handover`: the choice, tied to this handover."""
    return {"started_at": handover.get("started_at"), **display.as_dict()}
