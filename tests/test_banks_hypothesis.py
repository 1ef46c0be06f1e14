"""Property tests: whatever a bank file holds, the loader accepts it or reports problems;
it never raises. Likewise conditions and answers."""

from __future__ import annotations

import copy
import datetime as dt
import json
import math
import tomllib
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from samtale import flow
from samtale.banks import Problem, load_file, load_paths
from samtale.banks.conditions import ConditionError, evaluate, parse
from samtale.banks.reader import read_bank
from samtale.errors import SamtaleError
from samtale.paths import resource_dir

VALID_FILES = sorted(resource_dir("question_banks").glob("*.toml")) + sorted(
    (Path(__file__).parent / "data" / "banks" / "good").glob("*.toml"))
VALID = [(path.read_text(encoding="utf-8"), tomllib.loads(path.read_text(encoding="utf-8")))
         for path in VALID_FILES]
SETTINGS = settings(max_examples=300, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])
INTERNAL = "intern fejl"


def assert_accepts_or_reports(bank, found: list[Problem]) -> None:
    assert (bank is None) == bool(found)
    for problem in found:
        assert isinstance(problem, Problem)
        assert INTERNAL not in problem.message, problem.params
        assert str(problem)  # every problem can be shown
    if bank is not None:
        assert flow.bank_from_snapshot(json.loads(json.dumps(flow.snapshot(bank)))) == bank


# --- TOML values and a small writer, to turn mutated dicts back into files ---------------

scalars = (st.text(max_size=12) | st.integers(-5, 2**40) | st.booleans()
           | st.floats(allow_nan=True, allow_infinity=True) | st.dates()
           | st.datetimes() | st.times())
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4)
                      | st.dictionaries(st.text(max_size=8), inner, max_size=4), max_leaves=12)


def quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007f")


def toml_value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return "nan" if math.isnan(value) else ("inf" if value > 0 else "-inf") \
            if math.isinf(value) else repr(value)
    if isinstance(value, dt.date | dt.time | dt.datetime):
        return value.isoformat()
    if isinstance(value, str):
        return quoted(value)
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{quoted(k)} = {toml_value(v)}" for k, v in value.items()) + "}"
    return str(value)


def toml_document(data: dict) -> str:
    return "".join(f"{quoted(key)} = {toml_value(value)}\n" for key, value in data.items())


def test_the_writer_keeps_valid_banks_valid(tmp_path):
    for path, (_source, parsed) in zip(VALID_FILES, VALID, strict=True):
        copy_path = tmp_path / path.name
        copy_path.write_text(toml_document(parsed), encoding="utf-8")
        bank, found = load_file(copy_path)
        assert found == [] and bank == load_file(path)[0]


# --- mutations of valid banks -------------------------------------------------------------

def paths(node, prefix=()):
    """Every (container path, key) in a nested dict/list."""
    found = []
    items = node.items() if isinstance(node, dict) else enumerate(node) \
        if isinstance(node, list) else []
    for key, child in items:
        found.append(prefix + (key,))
        found.extend(paths(child, prefix + (key,)))
    return found


def mutate(data: dict, draw) -> dict:
    data = copy.deepcopy(data)
    for _ in range(draw(st.integers(1, 4))):
        targets = paths(data)
        if not targets:
            break
        path = draw(st.sampled_from(targets))
        parent = data
        for key in path[:-1]:
            parent = parent[key]
        key = path[-1]
        operation = draw(st.sampled_from(["delete", "rename", "retype"]))
        if operation == "delete":
            del parent[key]
        elif operation == "rename" and isinstance(parent, dict):
            parent[draw(st.text(min_size=1, max_size=10))] = parent.pop(key)
        else:
            parent[key] = draw(values)
    return data


@SETTINGS
@given(st.data())
def test_mutated_valid_banks_are_accepted_or_reported(data):
    source, parsed = data.draw(st.sampled_from(VALID))
    mutated = mutate(parsed, data.draw)
    bank, found = read_bank(mutated, "mutated.toml", source)
    assert_accepts_or_reports(bank, found)


@SETTINGS
@given(st.data())
def test_mutated_banks_written_as_files_are_accepted_or_reported(tmp_path, data):
    _source, parsed = data.draw(st.sampled_from(VALID))
    path = tmp_path / "mutated.toml"
    path.write_text(toml_document(mutate(parsed, data.draw)), encoding="utf-8")
    assert_accepts_or_reports(*load_file(path))


lines = st.sampled_from([
    'id = "x"', "version = 1", 'title = "T"', 'purpose = "andet"', "[[section]]",
    "[[section.question]]", 'type = "yes_no"', 'text = "Hvad?"', "[[choice_list]]",
    'choices = [{ id = "a", da = "A" }, { id = "b", da = "B" }]', 'show_if = "x == \'ja\'"',
    'template = "Jeg {svar}"', "[section]", "= 3", '"""', "[[", 'text.da = "', "id = 1",
]) | st.text(max_size=30)


@SETTINGS
@given(st.lists(lines, max_size=25) | st.text(max_size=300))
def test_random_text_is_accepted_or_reported(tmp_path, content):
    text = "\n".join(content) if isinstance(content, list) else content
    path = tmp_path / "random.toml"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    assert_accepts_or_reports(*load_file(path))


@SETTINGS
@given(st.binary(max_size=200))
def test_random_bytes_are_accepted_or_reported(tmp_path, content):
    path = tmp_path / "bytes.toml"
    path.write_bytes(content)
    result = load_paths([path])
    assert result.banks == {} or list(result.banks) == ["x"]
    assert all(INTERNAL not in p.message for p in result.problems)


# --- conditions ------------------------------------------------------------------------------

tokens = st.sampled_from(["bolig", "farve", "trivsel", "droem", "x", "==", "!=", "<", "<=",
                          ">", ">=", "=", "and", "or", "not", "in", "og", "(", ")", "[", "]",
                          ",", "'ja'", "'roed'", '"nej"', "2", "-1", "99", "'", "é"])
conditions = st.lists(tokens, min_size=0, max_size=15).map(" ".join) | st.text(max_size=40)
answers = st.dictionaries(st.sampled_from(["bolig", "farve", "trivsel", "x"]),
                          st.none() | st.text(max_size=5) | st.integers(-3, 9)
                          | st.lists(st.text(max_size=3), max_size=3) | st.booleans())


@settings(max_examples=500, deadline=None, database=None)
@given(conditions, answers)
def test_any_condition_parses_or_raises_condition_error(condition, given_answers):
    try:
        node = parse(condition)
    except ConditionError as error:
        assert error.message
        return
    assert isinstance(evaluate(node, given_answers), bool)


BASE = (Path(__file__).parent / "test_banks.py").read_text(encoding="utf-8").split("'''")[1]


@SETTINGS
@given(conditions)
def test_any_show_if_in_a_bank_is_accepted_or_reported(tmp_path, condition):
    text = BASE.replace("show_if = \"bolig == 'ja'\"", f"show_if = {json.dumps(condition)}")
    path = tmp_path / "bank.toml"
    path.write_text(text, encoding="utf-8")
    bank, found = load_file(path)
    assert_accepts_or_reports(bank, found)
    if bank is not None:
        flow.describe_condition(bank.question("farve"), bank)


# --- answers -------------------------------------------------------------------------------

SHIPPED = [bank for bank in load_paths([resource_dir("question_banks")]).banks.values()]
raw_answers = (st.none() | st.text(max_size=300) | st.integers() | st.booleans() | st.floats()
               | st.lists(st.text(max_size=40) | st.integers(), max_size=5))


@SETTINGS
@given(st.data(), raw_answers)
def test_any_raw_answer_is_stored_or_refused_with_a_samtale_error(data, raw):
    bank = data.draw(st.sampled_from(SHIPPED))
    question = data.draw(st.sampled_from(bank.questions))
    try:
        value = flow.validate_answer(question, raw)
    except SamtaleError as error:
        assert error.message
        return
    assert value is None or flow.validate_answer(question, value) == value  # stable
    assert isinstance(flow.answer_label(question, value, "da"), str)
    flow.statement(question, value, "da")
