"""The plan as a FHIR R4 Bundle (type collection) of Goal resources following KL's
KLCommonCareSocialGoal profile (kl.dk.fhir.core 1.2.0, canonical http://fhir.kl.dk/core).

One Goal per dream ("FFB borgers mål og ønsker"), per goal ("FFB indsatsmål") and per
delmål ("FFB delmål", linked to its goal by the goal-relationship extension "based-on"),
all pointing at one Patient that carries the resident's display name only (no CPR).
docs/exports.md holds the mapping table and the sources of each rule.

fullUrls are urn:uuid (or base_url/Type/id) with uuid5 ids derived from the facility
name, the resident id and the object id, so that exporting again gives the same ids.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass

from samtale import ffb
from samtale.export import labels as lb
from samtale.i18n import gettext as _

KL_CORE = "http://fhir.kl.dk/core"
GOAL_PROFILE = f"{KL_CORE}/StructureDefinition/KLCommonCareSocialGoal"
INFORMER_EXTENSION = f"{KL_CORE}/StructureDefinition/MatterOfInterestInformer"
GOAL_RELATIONSHIP = "http://hl7.org/fhir/StructureDefinition/goal-relationship"
GOAL_RELATIONSHIP_TYPE = "http://terminology.hl7.org/CodeSystem/goal-relationship-type"
GOAL_ACHIEVEMENT = "http://terminology.hl7.org/CodeSystem/goal-achievement"
MEASURE_GOAL_TYPE = "90c48f03-f194-4b2f-ad7d-6cba1069ae48"  # CareSocialCodes "måltype"
INFORMER_RESIDENT = "25b4e705-2e9a-47a2-b11a-c829316b9d3a"  # Kilde: Borger
INFORMER_SUPPORTED = "12428e48-7df8-441f-9a89-d92bb7874066"  # Borger støttet af medarbejder
INFORMER_STAFF = "8fe80acb-2c2a-4f10-b2b8-ddb77d2f69dc"  # Medarbejder alene
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:samtale:fhir")

LIFECYCLE = {
    "proposed": "proposed", "active": "active", "achieved": "completed", "abandoned": "cancelled",
}
ACHIEVEMENT = {
    "improving": "Improving", "sustaining": "Sustaining", "in-progress": "In Progress",
    "no-progress": "No Progress", "achieved": "Achieved",
}


@dataclass(frozen=True)
class _Context:
    plan: dict
    facility_name: str
    base_url: str

    def uid(self, kind: str, object_id: object) -> str:
        name = f"{self.facility_name}|resident/{self.plan['resident']['id']}/{kind}/{object_id}"
        return str(uuid.uuid5(NAMESPACE, name))

    def full_url(self, resource_type: str, uid: str) -> str:
        if self.base_url == "urn:uuid":
            return f"urn:uuid:{uid}"
        return f"{self.base_url.rstrip('/')}/{resource_type}/{uid}"

    def goal_url(self, kind: str, object_id: int) -> str:
        return self.full_url("Goal", self.uid(kind, object_id))

    def patient(self) -> dict:
        url = self.full_url("Patient", self.uid("patient", "self"))
        return {"reference": url, "display": self.plan["resident"]["display_name"]}


def to_fhir(plan: dict, *, facility_name: str = "", base_url: str = "urn:uuid") -> dict:
    """The plan (assumed valid) as a FHIR R4 Bundle dict."""
    ctx = _Context(plan, facility_name, base_url)
    with lb.in_plan_language(plan):
        entries = [_patient(ctx)]
        entries += [_dream(ctx, dream) for dream in plan["dreams"]]
        for goal in plan["goals"]:
            entries.append(_goal(ctx, goal))
            entries += [_subgoal(ctx, goal, sub) for sub in goal["subgoals"]]
    return {
        "resourceType": "Bundle",
        "id": ctx.uid("bundle", plan["generated_at"]),
        "type": "collection",
        "timestamp": plan["generated_at"],
        "entry": entries,
    }


def to_fhir_json(plan: dict, *, facility_name: str = "", base_url: str = "urn:uuid") -> bytes:
    bundle = to_fhir(plan, facility_name=facility_name, base_url=base_url)
    return (json.dumps(bundle, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _entry(ctx: _Context, resource: dict) -> dict:
    return {"fullUrl": ctx.full_url(resource["resourceType"], resource["id"]), "resource": resource}


def _patient(ctx: _Context) -> dict:
    patient = {
        "resourceType": "Patient",
        "id": ctx.uid("patient", "self"),
        "name": [{"text": ctx.plan["resident"]["display_name"]}],
    }
    if ctx.facility_name:
        patient["managingOrganization"] = {"display": ctx.facility_name}
    return _entry(ctx, patient)


def _coding(system: str, code: str, display: str) -> dict:
    return {"coding": [{"system": system, "code": code, "display": display}]}


def _base_goal(ctx: _Context, uid: str, category: str, item: dict, lifecycle: str) -> dict:
    goal = {
        "resourceType": "Goal",
        "id": uid,
        "meta": {"profile": [GOAL_PROFILE]},
        "language": ctx.plan["language"],
        "lifecycleStatus": LIFECYCLE[lifecycle],
        "category": [
            _coding(ffb.CARE_SOCIAL_SYSTEM, category, ffb.care_social()[category].display)
        ],
        "description": {"text": item["text"]},
        "subject": ctx.patient(),
    }
    if item.get("ffb_theme"):
        goal["addresses"] = [{"type": "Condition", "display": item["ffb_theme"]["display"]}]
    return goal


def _dream(ctx: _Context, dream: dict) -> dict:
    uid = ctx.uid("dream", dream["id"])
    goal = _base_goal(ctx, uid, ffb.CATEGORY_DREAM, dream, "active")
    goal["expressedBy"] = ctx.patient()
    return _entry(ctx, goal)


def _goal(ctx: _Context, item: dict) -> dict:
    goal = _base_goal(ctx, ctx.uid("goal", item["id"]), ffb.CATEGORY_GOAL, item, item["lifecycle"])
    code = ffb.GOAL_TYPES[item["goal_type"]]
    goal["target"] = [{
        "measure": _coding(
            ffb.CARE_SOCIAL_SYSTEM, MEASURE_GOAL_TYPE,
            ffb.care_social()[MEASURE_GOAL_TYPE].display,
        ),
        "detailCodeableConcept": _coding(ffb.FFB_SYSTEM, code, ffb.display(code)),
    }]
    _add_achievement(goal, item["lifecycle"], item["status"], item["goal_type"])
    if item["dream_id"] is not None:
        goal["extension"] = [_based_on(ctx.goal_url("dream", item["dream_id"]))]
    if item["evaluations"]:
        goal["note"] = [_note(evaluation) for evaluation in item["evaluations"]]
        if item["lifecycle"] in ("achieved", "abandoned"):
            goal["outcomeCode"] = [_outcome(item["evaluations"][-1])]
    return _entry(ctx, goal)


def _subgoal(ctx: _Context, parent: dict, sub: dict) -> dict:
    item = {**sub, "ffb_theme": parent["ffb_theme"]}
    goal = _base_goal(ctx, ctx.uid("subgoal", sub["id"]), ffb.CATEGORY_SUBGOAL, item,
                      sub["lifecycle"])
    _add_achievement(goal, sub["lifecycle"], sub["status"], None)
    goal["extension"] = [_based_on(ctx.goal_url("goal", parent["id"]))]
    return _entry(ctx, goal)


def _based_on(target_url: str) -> dict:
    """KL: goalRelationship with type.text "based-on" (coded as 'other') and the target."""
    return {
        "url": GOAL_RELATIONSHIP,
        "extension": [
            {
                "url": "type",
                "valueCodeableConcept": {
                    "coding": [{"system": GOAL_RELATIONSHIP_TYPE, "code": "other"}],
                    "text": "based-on",
                },
            },
            {"url": "target", "valueReference": {"reference": target_url}},
        ],
    }


def _achievement_code(lifecycle: str, colour: str | None, goal_type: str | None) -> str | None:
    if lifecycle == "achieved":
        return "achieved"
    if colour == "green":
        return "sustaining" if goal_type in ("maintain", "limit_loss") else "improving"
    return {"yellow": "in-progress", "red": "no-progress"}.get(colour or "")


def _add_achievement(goal: dict, lifecycle: str, colour: str | None, goal_type: str | None):
    code = _achievement_code(lifecycle, colour, goal_type)
    if code is None:
        return
    concept = _coding(GOAL_ACHIEVEMENT, code, ACHIEVEMENT[code])
    if colour:
        concept["text"] = lb.colour_word(colour)
    goal["achievementStatus"] = concept


def _note(evaluation: dict) -> dict:
    """An evaluation as an Annotation: the resident's words first, verbatim."""
    lines = [evaluation["text"]]
    if evaluation["what_happened"]:
        lines.append(_("Hvad skete der: %(text)s", text=evaluation["what_happened"]))
    if evaluation["status"]:
        lines.append(_("Status: %(status)s", status=lb.colour_word(evaluation["status"])))
    if evaluation["next_step"]:
        lines.append(_("Næste skridt: %(text)s", text=evaluation["next_step"]))
    if evaluation["resident_agrees"] is not None:
        lines.append(lb.agrees_text(evaluation, first_person=False))
    if evaluation["resident_view"]:
        lines.append(_("Beboerens egen mening: %(text)s", text=evaluation["resident_view"]))
    return {
        "authorString": lb.written_by_text(evaluation),
        "time": evaluation["date"],
        "text": "\n\n".join(lines),
    }


def _outcome(evaluation: dict) -> dict:
    """målvurdering: the last evaluation, with who it comes from (KL 'Kilde')."""
    if evaluation["written_by"] == "resident":
        informer = INFORMER_RESIDENT
    elif evaluation["resident_agrees"]:
        informer = INFORMER_SUPPORTED
    else:
        informer = INFORMER_STAFF
    return {
        "text": evaluation["text"],
        "extension": [{
            "url": INFORMER_EXTENSION,
            "valueCodeableConcept": _coding(
                ffb.CARE_SOCIAL_SYSTEM, informer, ffb.care_social()[informer].display
            ),
        }],
    }
