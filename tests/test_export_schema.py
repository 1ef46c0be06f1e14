"""The plan dict's JSON Schema: fixtures validate, broken plans are refused with a Danish
message that names the place, and to_json round-trips."""

import copy
import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from samtale.errors import SamtaleError
from samtale.export import SCHEMA_PATH, SCHEMA_VERSION, to_json, validate_plan

DATA = Path(__file__).parent / "data"
DOCS_SCHEMA = Path(__file__).parent.parent / "docs" / "plan.schema.json"


def load(name: str) -> dict:
    return json.loads((DATA / f"{name}.json").read_text(encoding="utf-8"))


def test_schema_is_a_valid_2020_12_schema_with_an_id():
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == "urn:samtale:schema:plan:1"


def test_docs_copy_is_identical_to_the_packaged_schema():
    assert DOCS_SCHEMA.read_bytes() == SCHEMA_PATH.read_bytes()


@pytest.mark.parametrize("name", ["plan_full", "plan_empty"])
def test_fixtures_validate(name):
    plan = load(name)
    validate_plan(plan)
    assert plan["schema_version"] == SCHEMA_VERSION


def test_full_fixture_has_what_the_exports_are_tested_with():
    plan = load("plan_full")
    assert len(plan["goals"]) == 3
    assert all(goal["subgoals"] and goal["actions"] and goal["evaluations"]
               for goal in plan["goals"])
    assert any("køkken" in dream["text"] for dream in plan["dreams"])
    everything = json.dumps(plan, ensure_ascii=False)
    assert all(letter in everything for letter in "æøåÅ")


def _set(path, value):
    def mutate(plan):
        target = plan
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value
    return mutate


def _delete(path):
    def mutate(plan):
        target = plan
        for key in path[:-1]:
            target = target[key]
        del target[path[-1]]
    return mutate


BROKEN = [
    (_delete(["goals", 0, "lifecycle"]), ["lifecycle", "goals[0]", "mangler"]),
    (_delete(["resident"]), ["resident", "mangler"]),
    (_set(["goals", 0, "lifecycle"], "done"), ["goals[0].lifecycle", "«done»"]),
    (_set(["goals", 2, "status"], "blue"), ["goals[2].status", "«blue»"]),
    (_set(["goals", 0, "goal_type"], "udvikle"), ["goals[0].goal_type", "develop"]),
    (_set(["goals", 0, "evaluations", 1, "written_by"], "robot"), ["written_by"]),
    (_set(["goals", 0, "actions", 0, "who"], "mig"), ["actions[0].who"]),
    (_set(["resident", "status"], "moved"), ["resident.status"]),
    (_set(["dreams", 0, "share_on_board"], True), ["dreams[0]", "ukendt felt: share_on_board"]),
    (_set(["cpr"], "010190-1234"), ["ukendt felt: cpr"]),
    (_set(["activity_wishes", 0, "share_on_board"], "ja"), ["share_on_board", "forkert type"]),
    (_set(["next_follow_up"], "25-11-2026"), ["next_follow_up", "ugyldig værdi «25-11-2026»"]),
    (_set(["next_follow_up"], "2026-02-30"), ["next_follow_up"]),
    (_set(["generated_at"], "2026-11-25 13:00"), ["generated_at"]),
    (_set(["schema_version"], "2.0"), ["schema_version"]),
    (_set(["dreams", 1, "text"], "   "), ["dreams[1].text"]),
    (_set(["goals", 0, "version"], 0), ["goals[0].version"]),
    (_set(["goals", 1, "dream_id"], 99), ["goals[1]", "99"]),
    (_set(["dreams", 1, "id"], 1), ["id 1", "dreams"]),
    (_set(["goals", 2, "subgoals", 0, "id"], 11), ["id 11", "subgoals"]),
]


@pytest.mark.parametrize(("mutate", "expected"), BROKEN)
def test_broken_plans_are_refused_with_a_readable_message(mutate, expected):
    plan = load("plan_full")
    mutate(plan)
    with pytest.raises(SamtaleError) as caught:
        validate_plan(plan)
    message = caught.value.message
    assert message.startswith("Planen kan ikke eksporteres")
    for fragment in expected:
        assert fragment in message


@pytest.mark.parametrize("value", [None, [], "plan", 12])
def test_a_plan_that_is_not_an_object_is_refused(value):
    with pytest.raises(SamtaleError):
        validate_plan(value)


def test_to_json_round_trips_and_keeps_danish_letters():
    plan = load("plan_full")
    content = to_json(plan)
    assert isinstance(content, bytes)
    assert json.loads(content.decode("utf-8")) == plan
    assert "køkken".encode() in content
    assert b"\\u00f8" not in content
    assert content.startswith(b'{\n  "schema_version": "1.0"')


def test_to_json_refuses_an_invalid_plan():
    plan = copy.deepcopy(load("plan_empty"))
    plan["goals"].append({"id": 1, "text": "Jeg vil noget."})
    with pytest.raises(SamtaleError):
        to_json(plan)
