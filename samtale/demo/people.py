"""Demo units, staff and residents (all fictional)."""

from __future__ import annotations

from datetime import timedelta

from samtale import clock, residents, staff

UNITS = ["Afdeling Nord", "Afdeling Syd"]
STAFF = [
    ("demo.leder", "Lene Holm", "leder", UNITS),
    ("demo.mette", "Mette Kristensen", "kontaktperson", ["Afdeling Nord"]),
    ("demo.jonas", "Jonas Berg", "kontaktperson", ["Afdeling Nord"]),
    ("demo.ali", "Ali Hassan", "kontaktperson", ["Afdeling Syd"]),
    ("demo.sofie", "Sofie Dahl", "kontaktperson", ["Afdeling Syd"]),
]
# (name, unit, contact usernames, days since moving in)
RESIDENTS = [
    ("Karin S.", "Afdeling Nord", ["demo.mette", "demo.jonas"], 420),
    ("Peter J.", "Afdeling Nord", ["demo.mette"], 900),
    ("Yasmin A.", "Afdeling Nord", ["demo.jonas"], 12),
    ("Bjørn", "Afdeling Nord", ["demo.mette", "demo.jonas"], 200),
    ("Lise M.", "Afdeling Nord", ["demo.jonas"], 1500),
    ("Ole P.", "Afdeling Syd", ["demo.ali", "demo.sofie"], 300),
    ("Maja", "Afdeling Syd", ["demo.sofie"], 60),
    ("Henrik T.", "Afdeling Syd", ["demo.ali"], 730),
    ("Ditte R.", "Afdeling Syd", ["demo.ali", "demo.sofie"], 5),
]


def seed(ctx) -> None:
    db = ctx.db
    for name in UNITS:
        ctx.ids[name] = staff.create_unit(db, name)
    for username, name, role, units in STAFF:
        password = ctx.password()
        ctx.ids[username] = staff.create(
            db,
            ctx.hasher,
            username=username,
            display_name=name,
            password=password,
            role=role,
            unit_ids=[ctx.ids[u] for u in units],
        )
        ctx.logins.append((username, password, role, name))
    for name, unit, contacts, days in RESIDENTS:
        moved_in = (clock.today() - timedelta(days=days)).isoformat()
        ctx.ids[name] = residents.create(
            db,
            display_name=name,
            unit_id=ctx.ids[unit],
            moved_in=moved_in,
            contact_ids=[ctx.ids[c] for c in contacts],
        )
