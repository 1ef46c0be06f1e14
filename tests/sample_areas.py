"""Area samplers for tests/samples.py: one function per area, decorated with @sampler."""

from tests.samples import sampler, unit_sampler  # noqa: F401


@sampler
def conversation(db, resident_id: int, staff_id: int) -> dict:
    """A conversation with one answer (conversation screens)."""
    from samtale import conversations
    from samtale.views.conversation.bankset import bank_set

    bank = bank_set(None).get("haab-og-droemme")
    question = next(q for q in bank.questions if q.type == "long_text" and not q.show_if)
    conversation_id = conversations.start(db, resident_id, bank, staff_id)
    conversations.save_answer(db, conversations.get(db, resident_id, conversation_id),
                              question.id, "Et svar", written_by="staff", staff_id=staff_id)
    return {"conversation_id": conversation_id, "question_id": question.id}


@sampler
def mentor_match(db, resident_id: int, staff_id: int) -> dict:
    """A mentor match for the resident (a new mentor in the same unit) with one agreement."""
    from samtale import clock, residents
    from samtale.house import mentor

    unit_id = residents.get(db, resident_id).unit_id
    mentor_id = residents.create(
        db, display_name="Mentor M.", unit_id=unit_id, moved_in="2024-01-01"
    )
    match_id = mentor.create_match(
        db, resident_id=resident_id, mentor_id=mentor_id, started_on=clock.today(),
        staff_id=staff_id,
    )
    agreement_id = mentor.add_agreement(db, match_id, resident_id, "Jeg drikker kaffe med M.")
    return {"match_id": match_id, "agreement_id": agreement_id}


@unit_sampler
def house(db, unit_id: int, staff_id: int) -> dict:
    """A prøvehandling, a delmål and an activity of the unit's indsatsplan."""
    from samtale.house import effort_plan, trials

    trial_id = trials.create_idea(db, unit_id, title="Gåtur", staff_id=staff_id)
    subgoal_id = effort_plan.add_subgoal(db, unit_id, "Flere deltager i fællesskaber")
    activity_id = effort_plan.add_activity(
        db, unit_id, subgoal_id, what="Undersøg tilbud", responsible="Mette", timing="Forår"
    )
    return {"trial_id": trial_id, "subgoal_id": subgoal_id, "activity_id": activity_id}


@sampler
def plan(db, resident_id: int, staff_id: int) -> dict:
    """A dream, a goal serving it, and a follow-up of that goal (goals and plan)."""
    from samtale import followup, goals, plan_items

    dream = plan_items.add(db, resident_id, "dream", "Jeg drømmer om en have.", staff_id=staff_id)
    goal = goals.create(db, resident_id, goals.GoalDraft(text="Jeg sår gulerødder.",
                                                         dream_id=dream.id),
                        staff_id=staff_id, staff_name="Test")
    started = followup.start(db, resident_id, staff_id)
    return {"item_id": dream.id, "goal_id": goal.id, "followup_id": started.id}


@sampler
def house_wish(db, resident_id: int, staff_id: int) -> dict:
    """An activity wish shared on the board with the first name (house wishes)."""
    from samtale import plan_items

    item = plan_items.add(db, resident_id, "activity", "Jeg vil gerne gå gåture.",
                          share_on_board=True, share_first_name=True, staff_id=staff_id)
    return {"wish_id": item.id}
