"""The FHIR R4 Bundle, checked with fhir.resources' R4B models (R4-compatible for Goal,
Bundle and Patient; the default R5 models renamed Goal.outcomeCode)."""

import json
from collections import Counter
from pathlib import Path

import pytest
from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.goal import Goal
from fhir.resources.R4B.patient import Patient

from samtale import ffb
from samtale.export import to_fhir, to_fhir_json

DATA = Path(__file__).parent / "data"
PROFILE = "http://fhir.kl.dk/core/StructureDefinition/KLCommonCareSocialGoal"
RELATIONSHIP = "http://hl7.org/fhir/StructureDefinition/goal-relationship"


def load(name: str) -> dict:
    return json.loads((DATA / f"{name}.json").read_text(encoding="utf-8"))


@pytest.fixture
def plan():
    return load("plan_full")


@pytest.fixture
def bundle(plan):
    return to_fhir(plan, facility_name="Botilbuddet Lunden")


def goals(bundle: dict, category: str | None = None) -> list[dict]:
    found = [e for e in bundle["entry"] if e["resource"]["resourceType"] == "Goal"]
    if category is None:
        return found
    return [e for e in found if e["resource"]["category"][0]["coding"][0]["code"] == category]


def by_text(bundle: dict, text: str) -> dict:
    (entry,) = [e for e in goals(bundle) if e["resource"]["description"]["text"] == text]
    return entry


def based_on(goal: dict) -> str:
    (relationship,) = [x for x in goal.get("extension", []) if x["url"] == RELATIONSHIP]
    parts = {x["url"]: x for x in relationship["extension"]}
    assert parts["type"]["valueCodeableConcept"]["text"] == "based-on"
    return parts["target"]["valueReference"]["reference"]


def test_the_whole_bundle_parses_as_fhir_r4(bundle):
    parsed = Bundle.model_validate(bundle)
    assert parsed.type == "collection"
    assert len(parsed.entry) == len(bundle["entry"])
    assert sum(isinstance(e.resource, Goal) for e in parsed.entry) == len(goals(bundle))


def test_every_goal_parses_on_its_own_and_claims_the_kl_profile(bundle):
    for entry in goals(bundle):
        goal = Goal.model_validate(entry["resource"])
        assert goal.meta.profile == [PROFILE]
        assert goal.subject.reference == bundle["entry"][0]["fullUrl"]
        assert len(goal.category) == 1
        assert goal.category[0].coding[0].system == ffb.CARE_SOCIAL_SYSTEM


def test_one_goal_per_dream_goal_and_delmaal(plan, bundle):
    counts = Counter(e["resource"]["category"][0]["coding"][0]["display"] for e in goals(bundle))
    assert counts == {
        "FFB borgers mål og ønsker": len(plan["dreams"]),
        "FFB indsatsmål": len(plan["goals"]),
        "FFB delmål": sum(len(goal["subgoals"]) for goal in plan["goals"]),
    }


def test_the_residents_own_words_are_kept_verbatim(plan, bundle):
    texts = {e["resource"]["description"]["text"] for e in goals(bundle)}
    assert {dream["text"] for dream in plan["dreams"]} <= texts
    assert {goal["text"] for goal in plan["goals"]} <= texts
    assert "Jeg tager selv trappen til første sal hver dag, så mine ben holder sig stærke." in texts
    assert "Jeg gemmer Åses nummer som favorit i min telefon." in texts


def test_patient_has_the_display_name_only(bundle):
    first = bundle["entry"][0]
    patient = Patient.model_validate(first["resource"])
    assert patient.name[0].text == "Karin S."
    assert patient.identifier is None
    assert patient.managingOrganization.display == "Botilbuddet Lunden"
    assert first["fullUrl"] == f"urn:uuid:{patient.id}"


def test_delmaal_are_based_on_their_goal(plan, bundle):
    urls = {e["fullUrl"] for e in bundle["entry"]}
    for goal in plan["goals"]:
        parent = by_text(bundle, goal["text"])
        for sub in goal["subgoals"]:
            target = based_on(by_text(bundle, sub["text"])["resource"])
            assert target in urls
            assert target == parent["fullUrl"]


def test_goals_that_serve_a_dream_are_based_on_it(plan, bundle):
    kitchen = by_text(bundle, plan["goals"][0]["text"])["resource"]
    assert based_on(kitchen) == by_text(bundle, plan["dreams"][0]["text"])["fullUrl"]
    stairs = by_text(bundle, plan["goals"][2]["text"])["resource"]
    assert "extension" not in stairs


def test_goal_type_is_in_target_with_the_maaltype_measure(plan, bundle):
    stairs = Goal.model_validate(by_text(bundle, plan["goals"][2]["text"])["resource"])
    (target,) = stairs.target
    assert target.measure.coding[0].code == "90c48f03-f194-4b2f-ad7d-6cba1069ae48"
    detail = target.detailCodeableConcept.coding[0]
    assert (detail.system, detail.code) == (ffb.FFB_SYSTEM, ffb.GOAL_TYPES["limit_loss"])
    assert detail.display == "Begrænse tab af funktionsevne"
    for entry in goals(bundle, ffb.CATEGORY_DREAM) + goals(bundle, ffb.CATEGORY_SUBGOAL):
        assert "target" not in entry["resource"]


def test_evaluations_are_notes_with_time_and_author(plan, bundle):
    kitchen = Goal.model_validate(by_text(bundle, plan["goals"][0]["text"])["resource"])
    assert [str(n.time) for n in kitchen.note] == ["2026-10-14", "2026-11-25"]
    assert [n.authorString for n in kitchen.note] == ["Karin S. (beboer)", "Mette K. (medarbejder)"]
    second = kitchen.note[1].text
    assert second.startswith(plan["goals"][0]["evaluations"][1]["text"])
    assert "Beboeren er ikke enig." in second
    assert "Beboerens egen mening: Jeg synes, det går bedre end gult." in second


def test_status_colour_becomes_achievement_status_with_the_danish_word(plan, bundle):
    kitchen = by_text(bundle, plan["goals"][0]["text"])["resource"]
    phone = by_text(bundle, plan["goals"][1]["text"])["resource"]
    stairs = by_text(bundle, plan["goals"][2]["text"])["resource"]
    assert kitchen["achievementStatus"]["coding"][0]["code"] == "in-progress"
    assert kitchen["achievementStatus"]["text"] == "Gul"
    assert phone["achievementStatus"]["coding"][0]["code"] == "sustaining"
    assert stairs["achievementStatus"]["coding"][0]["code"] == "no-progress"
    proposed = by_text(bundle, plan["goals"][0]["subgoals"][2]["text"])["resource"]
    assert "achievementStatus" not in proposed


@pytest.mark.parametrize(
    ("lifecycle", "expected"),
    [("proposed", "proposed"), ("active", "active"), ("achieved", "completed"),
     ("abandoned", "cancelled")],
)
def test_lifecycle_maps_to_lifecycle_status(plan, lifecycle, expected):
    plan["goals"][0]["lifecycle"] = lifecycle
    plan["goals"][0]["subgoals"][0]["lifecycle"] = lifecycle
    bundle = to_fhir(plan)
    Bundle.model_validate(bundle)
    assert by_text(bundle, plan["goals"][0]["text"])["resource"]["lifecycleStatus"] == expected
    sub = by_text(bundle, plan["goals"][0]["subgoals"][0]["text"])["resource"]
    assert sub["lifecycleStatus"] == expected


def test_a_finished_goal_carries_the_last_evaluation_as_outcome(plan):
    plan["goals"][1]["lifecycle"] = "achieved"
    bundle = to_fhir(plan)
    goal = Goal.model_validate(by_text(bundle, plan["goals"][1]["text"])["resource"])
    assert goal.achievementStatus.coding[0].code == "achieved"
    (outcome,) = goal.outcomeCode
    assert outcome.text == plan["goals"][1]["evaluations"][-1]["text"]
    informer = outcome.extension[0]
    assert informer.url == "http://fhir.kl.dk/core/StructureDefinition/MatterOfInterestInformer"
    assert informer.valueCodeableConcept.coding[0].display == "Borger"
    active = by_text(bundle, plan["goals"][0]["text"])["resource"]
    assert "outcomeCode" not in active


def test_theme_is_named_in_addresses(plan, bundle):
    kitchen = by_text(bundle, plan["goals"][0]["text"])["resource"]
    assert kitchen["addresses"] == [{"type": "Condition", "display": "Varetage beskæftigelse"}]
    bornholm = by_text(bundle, plan["dreams"][3]["text"])["resource"]
    assert "addresses" not in bornholm


def test_ids_are_stable_unique_and_depend_on_the_facility(plan, bundle):
    again = to_fhir(plan, facility_name="Botilbuddet Lunden")
    urls = [e["fullUrl"] for e in bundle["entry"]]
    assert urls == [e["fullUrl"] for e in again["entry"]]
    assert len(set(urls)) == len(urls)
    assert all(url.startswith("urn:uuid:") for url in urls)
    other = to_fhir(plan, facility_name="Hedebo")
    assert not set(urls) & {e["fullUrl"] for e in other["entry"]}


def test_a_base_url_gives_resolvable_full_urls(plan):
    bundle = to_fhir(plan, base_url="https://fhir.example.dk/r4/")
    Bundle.model_validate(bundle)
    urls = {e["fullUrl"] for e in bundle["entry"]}
    first_goal = goals(bundle)[0]
    assert first_goal["fullUrl"] == (
        f"https://fhir.example.dk/r4/Goal/{first_goal['resource']['id']}"
    )
    for entry in goals(bundle, ffb.CATEGORY_SUBGOAL):
        assert based_on(entry["resource"]) in urls


def test_fhir_json_is_utf8_and_parses(plan):
    content = to_fhir_json(plan, facility_name="Botilbuddet Lunden")
    assert "Jeg ringer til min søster Åse hver søndag.".encode() in content
    assert Bundle.model_validate_json(content).type == "collection"


def test_an_empty_plan_gives_a_bundle_with_the_patient_only():
    bundle = to_fhir(load("plan_empty"))
    Bundle.model_validate(bundle)
    assert [e["resource"]["resourceType"] for e in bundle["entry"]] == ["Patient"]


def test_codes_come_from_the_r4_value_sets(plan):
    # fhir.resources checks structure, not required bindings: check those here.
    lifecycle = {"proposed", "planned", "accepted", "active", "on-hold", "completed",
                 "cancelled", "entered-in-error", "rejected"}
    achievement = {"in-progress", "improving", "worsening", "no-change", "achieved",
                   "sustaining", "not-achieved", "no-progress", "not-attainable"}
    plan["goals"][0]["lifecycle"] = "achieved"
    plan["goals"][2]["lifecycle"] = "abandoned"
    for entry in goals(to_fhir(plan)):
        goal = entry["resource"]
        assert goal["lifecycleStatus"] in lifecycle
        if "achievementStatus" in goal:
            assert goal["achievementStatus"]["coding"][0]["code"] in achievement
        assert goal["category"][0]["coding"][0]["code"] in {
            ffb.CATEGORY_DREAM, ffb.CATEGORY_GOAL, ffb.CATEGORY_SUBGOAL,
        }
