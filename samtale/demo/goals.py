"""Demo plans (all fictional): dreams, resources, network and activity wishes, goals with
delmål, actions and evaluations, follow-ups that are due, overdue and postponed, and a
resident (Peter J.) whose plan has goals but no hopes and dreams yet.

Karin's and Peter's items come from their demo conversations through the review page's
suggestions (samtale.suggestions), the rest through samtale.plan_items and samtale.goals;
evaluations through a real follow-up (samtale.followup). Times are then moved back."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from samtale import clock, conversations, followup, goals, plan_items, suggestions
from samtale.goals import Action, GoalDraft, SubGoal

KOKKEN = "685e8517-2f5c-4ef8-a7c4-fa2d008fdd9d"  # Varetage beskæftigelse
MOTION = "0b650369-258a-4d01-a811-42b306c2f89d"  # Motion
FAELLESSKAB = "dcc6bb77-45af-4625-9c4d-7d7878307220"  # Sociale fællesskaber og fritid
NETVAERK = "4c082610-b122-4019-96f2-1061e287445e"  # Varetage relationer til netværk
INTERESSE = "3a748135-98a8-416a-808d-bff88a8e40ee"  # Dyrke interesse

# name: [(kind, text, theme)]
ITEMS = {
    "Ole P.": [("dream", "Jeg drømmer om at arbejde som gartner igen.", KOKKEN),
               ("resource", "Jeg er god til planter, og jeg kan lide at være ude.", INTERESSE)],
    "Lise M.": [("dream", "Jeg håber, at jeg kan se mine børnebørn oftere.", NETVAERK),
                ("network", "Min datter Sanne, som bor i Roskilde.", NETVAERK)],
    "Henrik T.": [("dream", "Jeg drømmer om at tage på en højskole en uge.", INTERESSE),
                  ("activity", "Jeg vil gerne være med til fællesspisning om fredagen.",
                   FAELLESSKAB)],
    "Maja": [("dream", "Jeg vil gerne have min egen lejlighed en dag.", None)],
}

# name: [(goal draft, days since created, follow-up in days: negative is overdue)]
GOALS = {
    "Ole P.": [(GoalDraft(
        "Jeg arbejder i husets have to formiddage om ugen.", ffb_theme=KOKKEN,
        subgoals=[SubGoal("Jeg får mine egne arbejdshandsker.", "achieved", "green"),
                  SubGoal("Jeg møder kl. 9 tirsdag og fredag.", "active", "yellow")],
        actions=[Action("Tale med pedellen om redskaberne", "contact_person", "Ali Hassan",
                        "i næste uge", True),
                 Action("Stille vækkeuret", "me", None, "mandag og torsdag aften")]), 50, 2)],
    "Lise M.": [(GoalDraft(
        "Jeg ringer til min datter hver søndag.", ffb_theme=NETVAERK, goal_type="maintain",
        actions=[Action("Ringe til Sanne", "me", None, "søndag efter frokost")]), 80, -9)],
    "Henrik T.": [(GoalDraft("Jeg finder en højskole, der passer til mig.", ffb_theme=INTERESSE,
                             lifecycle="achieved", status="green"), 120, 0),
                  (GoalDraft("Jeg går en tur på tyve minutter hver dag.", ffb_theme=MOTION,
                             goal_type="limit_loss", status="yellow"), 100, 30)],
    "Maja": [(GoalDraft("Jeg lærer at betale mine regninger selv.", lifecycle="proposed"),
              10, 42)],
    "Peter J.": [(GoalDraft("Jeg spiller bordtennis i klubben hver onsdag.", ffb_theme=MOTION,
                            subgoals=[SubGoal("Jeg tager med Bjørn første gang.")]), 15, 4)],
}

# name: (days ago, [(goal text, status, text, written by, agrees, view, next step)])
EVALUATIONS = {
    "Ole P.": (40, [("Jeg arbejder i husets have to formiddage om ugen.", "yellow",
                     "Jeg har været i haven fire gange. Det var dejligt, men svært at stå op.",
                     "resident", True, None, "Jeg prøver at gå tidligere i seng.")]),
    "Lise M.": (50, [("Jeg ringer til min datter hver søndag.", "green",
                      "Jeg har ringet næsten hver søndag, og Sanne glæder sig til det.",
                      "staff", False, "Jeg synes, det går rigtig godt. Det er grønt.",
                      "Jeg fortsætter, og vi taler om et besøg.")]),
}


def _accept_from_conversation(ctx, name: str, picks: dict[str, dict]) -> None:
    """Accept some of the conversation's suggestions (the rest stay for the review)."""
    resident_id = ctx.ids[name]
    rows = [r for r in conversations.for_resident(ctx.db, resident_id) if r["status"] == "finished"]
    if not rows:
        return
    conv = conversations.get(ctx.db, resident_id, rows[0]["id"])
    offered = {s.question_id for s in suggestions.for_conversation(ctx.db, conv)}
    for question_id, values in picks.items():
        if question_id in offered:
            if values.get("dream_question"):  # never mutate the module-level picks
                dream_id = _dream_of(ctx, conv.id, values["dream_question"])
                values = {k: v for k, v in values.items() if k != "dream_question"}
                values["dream_id"] = dream_id
            suggestions.decide(ctx.db, conv, question_id, "accepted", values=values,
                               staff_id=ctx.ids.get("demo.mette"), staff_name="Mette Kristensen")


def _dream_of(ctx, conversation_id: int, question_id: str) -> int | None:
    row = ctx.db.execute("SELECT item_id FROM plan_suggestions WHERE conversation_id = ? AND "
                         "question_id = ?", [conversation_id, question_id]).fetchone()
    return row[0] if row else None


KARIN = {
    "droem": {"text": "Jeg drømmer om at arbejde i et køkken igen."},
    "god_til": {"text": "Jeg er god til at lave mad og til at få andre til at grine."},
    "vigtige_mennesker": {"text": "Min søster Lone og min nabo Per."},
    "foerste_skridt": {"text": "Jeg hjælper til i husets køkken en dag om ugen.",
                       "dream_question": "droem", "ffb_theme": KOKKEN},
}
PETER = {
    "proeve_nyt": {"text": "Jeg vil gerne spille bordtennis igen.", "share_on_board": True},
    "hvem_navn": {"text": "Bjørn fra gangen."},
}


def _staff(ctx, name: str) -> tuple[int | None, str]:
    row = ctx.db.execute("SELECT s.id, s.display_name FROM resident_contacts rc JOIN staff s "
                         "ON s.id = rc.staff_id WHERE rc.resident_id = ? ORDER BY s.id LIMIT 1",
                         [ctx.ids[name]]).fetchone()
    return (row[0], row[1]) if row else (None, "")


def _goal(ctx, name: str, draft: GoalDraft, days: int, due_in: int) -> None:
    staff_id, staff_name = _staff(ctx, name)
    due = (clock.today() + timedelta(days=due_in)).isoformat()
    draft = replace(draft, next_follow_up=due if draft.lifecycle != "achieved" else None)
    goal = goals.create(ctx.db, ctx.ids[name], draft, staff_id=staff_id, staff_name=staff_name)
    _backdate_goal(ctx.db, goal.id, days)


def _backdate_goal(db, goal_id: int, days: int) -> None:
    when = clock.to_iso(clock.now() - timedelta(days=days))
    db.execute("UPDATE goals SET created_at = ?, updated_at = ? WHERE id = ?",
               [when, when, goal_id])
    db.execute("UPDATE goal_versions SET created_at = ? WHERE goal_id = ?", [when, goal_id])


def _evaluate(ctx, name: str, days: int, rows) -> None:
    resident_id = ctx.ids[name]
    staff_id, staff_name = _staff(ctx, name)
    fu = followup.start(ctx.db, resident_id, staff_id)
    texts = {g.text: g for g in goals.for_resident(ctx.db, resident_id)}
    on = clock.today() - timedelta(days=days)
    for text, status, words, writer, agrees, view, next_step in rows:
        goal = texts[text]
        data = followup.EvaluationInput(
            text=words, written_by=writer, status=status, resident_agrees=agrees,
            resident_view=view, next_step=next_step, next_date=goal.next_follow_up)
        followup.evaluate(ctx.db, fu, goal.id, data, staff_id=staff_id, staff_name=staff_name,
                          resident_name=name, on=on)
    followup.finish(ctx.db, fu)
    when = clock.to_iso(clock.now() - timedelta(days=days))
    ctx.db.execute("UPDATE followups SET started_at = ?, updated_at = ?, finished_at = ? "
                   "WHERE id = ?", [when, when, when, fu.id])
    ctx.db.execute("UPDATE plan_events SET date = ? WHERE resident_id = ? AND event = "
                   "'evaluation'", [on.isoformat(), resident_id])


def _postpone(ctx, name: str, reason: str, retry_days: int) -> None:
    staff_id, _name = _staff(ctx, name)
    fu = followup.start(ctx.db, ctx.ids[name], staff_id)
    followup.postpone(ctx.db, fu, reason, clock.days_from_today(retry_days))


def seed(ctx) -> None:
    _accept_from_conversation(ctx, "Karin S.", KARIN)
    _accept_from_conversation(ctx, "Peter J.", PETER)
    for name, items in ITEMS.items():
        for kind, text, theme in items:
            plan_items.add(ctx.db, ctx.ids[name], kind, text, ffb_theme=theme,
                           share_on_board=kind == "activity", staff_id=_staff(ctx, name)[0])
    for name, rows in GOALS.items():
        for draft, days, due_in in rows:
            _goal(ctx, name, draft, days, due_in)
    # Karin's goal from her conversation: overdue since three days
    for goal in goals.for_resident(ctx.db, ctx.ids["Karin S."]):
        goals.save(ctx.db, goal.resident_id, goal.id, replace(
            goal.draft(), next_follow_up=(clock.today() - timedelta(days=3)).isoformat(),
            actions=[Action("Spørge køkkenlederen om en prøvedag", "contact_person",
                            "Mette Kristensen", "inden næste opfølgning")]),
            base_version=goal.version, staff_id=None, staff_name="Demo")
    for name, (days, rows) in EVALUATIONS.items():
        _evaluate(ctx, name, days, rows)
    _postpone(ctx, "Lise M.", "Lise var træt og ville hellere tale en anden dag.", 5)
