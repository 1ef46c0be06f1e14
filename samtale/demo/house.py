"""Demo data for the house (all fictional): Afdeling Nord's own mentor guide, an active
mentor match, prøvehandlinger at different stages, and an indsatsplan with a formål,
three delmål, seven activities and two past status meetings. Afdeling Syd keeps the
default guide and has a newcomer (Ditte R.) who has not been offered a mentor yet.

Phase 2: activity wishes shared on Afdeling Nord's board (Karin and Bjørn with their
first names, the others as "en beboer"), one wish shared and taken back again, an idea
for a prøvehandling made from a wish, and Yasmin A.'s checklist partly done."""

from __future__ import annotations

from datetime import timedelta

from samtale import clock, plan_items
from samtale.house import (
    effort_plan,
    guide,
    mentor,
    newcomer,
    newcomers,
    status_meeting,
    trial_people,
    wish_consent,
    wish_ideas,
)
from samtale.house import trials as trial_steps

NORTH_GUIDE = """

## Her i Afdeling Nord

Vi drikker kaffe i fællesstuen hver morgen kl. 9. Det er et godt sted at mødes med din
mentor. Om fredagen spiser vi sammen i fælleskøkkenet.
"""

AGREEMENTS = [
    "Jeg drikker kaffe med Karin i fællesstuen hver morgen.",
    "Jeg spiser med Karin og de andre om fredagen.",
    "Jeg skriver til Karin, hvis jeg ikke har lyst til at komme.",
]

PURPOSE = (
    "Flere beboere deltager i fællesskaber og aktiviteter, både i huset og uden for huset. "
    "Beboernes egne ønsker og drømme bestemmer, hvad vi laver."
)

# delmål -> activities (hvad, ansvarlig, tid) with their status at the two past meetings
PLAN = {
    "Beboerne fortæller, hvilke aktiviteter de drømmer om": [
        (
            "Samtaler om aktiviteter med alle beboere",
            "Kontaktpersonerne",
            "Inden 1. marts",
            ("yellow", "green"),
        ),
        (
            "Tavle i fællesstuen til ønsker og idéer",
            "Aktivitetsudvalget",
            "Løbende",
            ("green", "green"),
        ),
    ],
    "Flere aktiviteter i huset": [
        (
            "Fællesspisning hver fredag",
            "Aktivitetsudvalget og køkkenet",
            "Hver fredag",
            ("yellow", "green"),
        ),
        (
            "Filmaften en gang om måneden",
            "Karin og Bjørn",
            "Første torsdag i måneden",
            ("red", "yellow"),
        ),
        ("Nye beboere får tilbudt en mentor", "Lederen", "Ved indflytning", ("yellow", "yellow")),
    ],
    "Flere beboere deltager i aktiviteter uden for huset": [
        (
            "Undersøg fritidstilbud i kommunen og nabokommunerne",
            "Jonas",
            "Inden sommerferien",
            ("red", "yellow"),
        ),
        (
            "Fortæl beboerne om idrætsforeningen for og af mennesker med sindslidelse",
            "Mette",
            "Efter sommerferien",
            ("not_assessed", "red"),
        ),
    ],
}


def _day(days: int) -> str:
    return (clock.today() + timedelta(days=days)).isoformat()


def seed(ctx) -> None:
    db, ids = ctx.db, ctx.ids
    north = ids["Afdeling Nord"]
    guide.save_guide(db, north, guide.default_guide("da") + NORTH_GUIDE, ids["demo.leder"])
    _mentor(ctx)
    _trials(ctx, north)
    _effort_plan(ctx, north)
    _wishes(ctx, north)
    newcomer.set_ticked(db, ids["Yasmin A."], ["tour"], ids["demo.jonas"])


def _mentor(ctx) -> None:
    db, ids = ctx.db, ctx.ids
    newcomer = ids["Yasmin A."]
    match_id = mentor.create_match(
        db,
        resident_id=newcomer,
        mentor_id=ids["Karin S."],
        started_on=_day(-10),
        ends_on=_day(46),
        staff_id=ids["demo.jonas"],
        created_by=ids["demo.jonas"],
    )
    for text in AGREEMENTS:
        mentor.add_agreement(db, match_id, newcomer, text)
    newcomers.record_offer(
        db,
        ids["Maja"],
        "declined",
        "Vil gerne falde til i sit eget tempo først.",
        ids["demo.sofie"],
    )


def _trials(ctx, north: int) -> None:
    _walk(ctx, north)
    _cinema(ctx, north)
    jonas = ctx.ids["demo.jonas"]
    _trial(ctx, north, "Fælles motion i kulturhuset", "En idé fra tavlen i fællesstuen.", jonas)


def _walk(ctx, north: int) -> None:
    """Tried, evaluated together and kept."""
    db, ids = ctx.db, ctx.ids
    mette = ids["demo.mette"]
    walk = _trial(ctx, north, "Gåtur i grupper", "Vi går sammen i nærområdet.", mette)
    trial_steps.plan(
        db,
        walk,
        what="Gåtur langs søen hver tirsdag kl. 14",
        start=_day(-70),
        end=_day(-42),
        resident_ids=[ids["Peter J."], ids["Bjørn"]],
        staff_ids=[mette],
        staff_id=mette,
    )
    trial_people.set_board_consent(db, walk.id, ids["Bjørn"], True)
    trial_steps.mark_tried(
        db, _again(ctx, walk), tried_on=_day(-56), note="Fem kom med.", staff_id=mette
    )
    trial_steps.evaluate(
        db,
        _again(ctx, walk),
        worked="Vi fik snakket sammen på en ny måde.",
        not_worked="Kl. 14 var for tidligt for nogle.",
        residents_words="Det er rart at komme ud, når man ikke skal gå alene.",
        staff_id=mette,
    )
    trial_steps.decide(
        db, _again(ctx, walk), decision="keep", note="Vi fortsætter, nu kl. 15.", staff_id=mette
    )


def _cinema(ctx, north: int) -> None:
    """Planned, starting next week; Karin said yes to her first name on the board."""
    db, ids = ctx.db, ctx.ids
    jonas = ids["demo.jonas"]
    cinema = _trial(ctx, north, "Biograftur", "Vi tager i biografen sammen.", jonas)
    trial_steps.plan(
        db,
        cinema,
        what="Biograftur første torsdag i måneden",
        start=_day(9),
        resident_ids=[ids["Karin S."], ids["Lise M."]],
        staff_ids=[jonas],
        staff_id=jonas,
    )
    trial_people.set_board_consent(db, cinema.id, ids["Karin S."], True)


def _trial(ctx, unit_id: int, title: str, idea: str, staff_id: int) -> trial_steps.Trial:
    trial_id = trial_steps.create_idea(
        ctx.db, unit_id, title=title, idea=idea, staff_id=staff_id, source="board"
    )
    return trial_steps.get(ctx.db, trial_id, [unit_id])


def _again(ctx, trial) -> trial_steps.Trial:
    return trial_steps.get(ctx.db, trial.id, [trial.unit_id])


def _effort_plan(ctx, north: int) -> None:
    db, leader = ctx.db, ctx.ids["demo.leder"]
    effort_plan.set_purpose(db, north, PURPOSE, leader)
    first, second = {}, {}
    for title, activities in PLAN.items():
        subgoal = effort_plan.add_subgoal(db, north, title)
        for what, responsible, timing, (old, new) in activities:
            activity = effort_plan.add_activity(
                db, north, subgoal, what=what, responsible=responsible, timing=timing
            )
            first[activity], second[activity] = (old, ""), (new, "")
    who = "Lene, Mette, Jonas, Karin og Bjørn fra aktivitetsudvalget"
    for held, statuses in ((-150, first), (-60, second)):
        status_meeting.record_meeting(
            db, north, held_on=_day(held), participants=who, statuses=statuses, staff_id=leader
        )


FAELLESSKAB = "dcc6bb77-45af-4625-9c4d-7d7878307220"  # Deltage i sociale fællesskaber ...
INTERESSE = "3a748135-98a8-416a-808d-bff88a8e40ee"  # Dyrke interesse
# (resident, wish, theme, shared with the first name)
WISHES = [
    ("Karin S.", "Jeg vil gerne med på gåture i skoven om søndagen.", FAELLESSKAB, True),
    ("Bjørn", "Jeg vil gerne være med til film og spil om aftenen.", FAELLESSKAB, True),
    ("Lise M.", "Jeg vil gerne gå gåture, når det er lyst.", FAELLESSKAB, False),
    ("Yasmin A.", "Jeg vil gerne være med til madlavning i fælleskøkkenet.", INTERESSE, False),
    ("Peter J.", "Jeg vil gerne med på gåture og til fælles spisning.", FAELLESSKAB, False),
]


def _wishes(ctx, north: int) -> None:
    """Shared wishes on the board, one taken back, and an idea made from a wish."""
    db, ids = ctx.db, ctx.ids
    for name, text, theme, named in WISHES:
        staff_id = ids["demo.mette"]
        item = plan_items.add(db, ids[name], "activity", text, ffb_theme=theme,
                              share_on_board=True, share_first_name=named, staff_id=staff_id)
        _backdate_consent(db, item.id, 20)
    concerts = plan_items.add(db, ids["Karin S."], "activity", "Jeg vil gerne til koncerter.",
                              ffb_theme=INTERESSE, share_on_board=True, staff_id=ids["demo.jonas"])
    _backdate_consent(db, concerts.id, 30)
    wish_consent.withdraw(db, ids["Karin S."], concerts.id, staff_id=ids["demo.jonas"])
    wish_ideas.make_idea(db, north, "madlavning", ids["demo.jonas"])


def _backdate_consent(db, item_id: int, days: int) -> None:
    when = clock.to_iso(clock.now() - timedelta(days=days))
    db.execute("UPDATE wish_consent_events SET at = ? WHERE item_id = ?", [when, item_id])
