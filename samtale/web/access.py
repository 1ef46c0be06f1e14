"""Who is logged in, and the checks every view uses.

`resident_or_404` is the only way a view gets a resident: it checks that the staff
member shares the resident's unit, writes the audit entry, and honours screen
handover. A resident of another unit answers 404, like one that does not exist."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from contextlib import contextmanager

from flask import abort, g, redirect, request, session, url_for

from samtale import audit, residents, staff
from samtale.db import write_transaction
from samtale.errors import NotFound
from samtale.residents import Resident
from samtale.web.db import get_db


def client_address() -> str:
    return request.remote_addr or "-"


def load_current_staff() -> None:
    """before_request: put the logged-in, active staff member in g.staff (or None)."""
    g.staff = None
    staff_id = session.get("staff_id")
    if staff_id is None:
        return
    try:
        member = staff.get(get_db(), staff_id)
    except NotFound:
        member = None
    if member is None or not member.active:
        session.clear()
        return
    g.staff = member


def login_required(view):
    @functools.wraps(view)
    def wrapped(*args, **kwargs):
        if g.get("staff") is None:
            if request.method == "GET":
                return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))
            abort(401)
        return view(*args, **kwargs)

    return wrapped


def leader_required(view):
    """The leader's pages: 403 for anyone else, and the refusal is audited."""

    @functools.wraps(view)
    @login_required
    def wrapped(*args, **kwargs):
        if not g.staff.is_leader:
            audit_event(
                "refused",
                resident_id=kwargs.get("resident_id"),
                object_type="page",
                object_id=(request.endpoint or "-")[:80],
                outcome="not_leader",
            )
            abort(403)
        return view(*args, **kwargs)

    return wrapped


def audit_event(
    action: str, *, resident_id=None, object_type=None, object_id=None, purpose=None, outcome="ok"
) -> None:
    """Write an audit entry for this request (or hold it, inside `held_audit`)."""
    member = g.get("staff")
    entry = dict(
        action=action,
        actor_id=member.id if member else None,
        actor_name=member.username if member else None,
        resident_id=resident_id,
        object_type=object_type,
        object_id=object_id,
        request_id=g.get("request_id"),
        purpose=purpose,
        outcome=outcome,
        address=client_address(),
    )
    held = g.get("held_audit")
    if held is not None:
        held.entries.append(entry)
    else:
        audit.record(get_db(), **entry)


class HeldAudit:
    """The audit entries of a view that writes once: held back so that they commit in
    the same write transaction as the view's write (one transaction instead of two, for
    the autosave). See `held_audit`."""

    def __init__(self) -> None:
        self.entries: list[dict] = []

    def commit_with(self, write):
        """Return write(record), where `write` calls record(db) inside its write
        transaction to write the held entries there. Once write returns after calling
        record, they are committed; if it raises (the transaction rolled back) or never
        calls record, they stay held and `held_audit` writes them on their own."""
        recorded = []

        def record(db) -> None:
            for entry in self.entries:
                audit.record(db, **entry)
            recorded.append(True)

        result = write(record)
        if recorded:
            self.entries = []
        return result


@contextmanager
def held_audit() -> Iterator[HeldAudit]:
    """Hold the audit entries written inside the block (by resident_or_404 and
    audit_event), for HeldAudit.commit_with or simply to write them in one transaction.
    Whatever is still held when the block ends, also when it raises (a refusal, a 404,
    an error), is written then, in one write transaction, before the response leaves:
    every access is recorded as it would be without holding."""
    held = HeldAudit()
    g.held_audit = held
    try:
        yield held
    finally:
        g.pop("held_audit", None)
        if held.entries:
            db = get_db()
            with write_transaction(db):
                for entry in held.entries:
                    audit.record(db, **entry)


def resident_or_404(
    resident_id: int,
    action: str = "read",
    *,
    object_type: str = "resident",
    object_id=None,
    purpose: str | None = None,
) -> Resident:
    """The resident, if the logged-in staff member may reach them; audit the access.

    Raises NotFound (404) for a resident of another unit or one that does not exist,
    and records the refusal."""
    handover = g.get("handover")
    try:
        if handover and int(handover["resident_id"]) != int(resident_id):
            raise NotFound()  # the screen is handed to another resident
        resident = residents.get_for_staff(get_db(), g.staff, resident_id)
    except NotFound:
        audit_event(
            "refused",
            resident_id=resident_id,
            object_type=object_type,
            object_id=object_id,
            outcome="not_found_or_other_unit",
        )
        raise
    audit_event(
        action,
        resident_id=resident.id,
        object_type=object_type,
        object_id=object_id,
        purpose=purpose,
    )
    return resident
