"""Every route that concerns a resident refuses staff of another unit, whatever the
URL says: resident ids of another unit, and object ids that belong to another
unit's resident under one's own resident's URL. The routes come from app.url_map,
so a new route is covered the day it is added."""

from __future__ import annotations

import pytest

from tests.conftest import csrf_from
from tests.samples import NON_RESIDENT_PARAMS, UNIT_PARAMS, objects_for

REFUSED = {403, 404}


def resident_rules(app):
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static":
            continue
        if rule.arguments - NON_RESIDENT_PARAMS:
            yield rule


def build(rule, params: dict) -> str:
    missing = rule.arguments - set(params)
    assert not missing, (
        f"{rule.rule}: add a sampler in tests/sample_areas.py that fills {sorted(missing)}"
    )
    return rule.build({k: params[k] for k in rule.arguments}, append_unknown=False)[1]


@pytest.fixture
def setup(app, client, helpers, db):
    house = helpers.house()
    own = objects_for(db, house["karin"], house["mette"])
    other = objects_for(db, house["sara"], house["ali"])
    helpers.login(client, "mette")
    token = csrf_from(client.get("/").get_data(as_text=True))
    return own, other, token


def test_every_int_parameter_route_is_a_resident_route(app):
    for rule in resident_rules(app):
        if rule.arguments <= UNIT_PARAMS:  # house-level objects: checked against the unit
            continue
        assert "resident_id" in rule.arguments, (
            f"{rule.rule} takes {sorted(rule.arguments)} but no resident_id: resident data "
            "must live under /beboere/<resident_id>/ so the unit check applies"
        )


def _request(client, rule, url, token):
    responses = []
    if "GET" in rule.methods:
        responses.append(client.get(url))
    if "POST" in rule.methods:
        responses.append(client.post(url, data={"csrf_token": token}))
    return responses


def test_other_units_resident_is_refused_on_every_route(app, client, setup):
    own, other, token = setup
    checked = 0
    for rule in resident_rules(app):
        url = build(rule, other)
        for response in _request(client, rule, url, token):
            assert response.status_code in REFUSED, f"{rule.methods} {url}: {response.status_code}"
            checked += 1
    assert checked >= 1


def test_other_units_objects_under_own_resident_are_refused(app, client, setup):
    own, other, token = setup
    for rule in resident_rules(app):
        if rule.arguments == {"resident_id"} or "resident_id" not in rule.arguments:
            continue
        params = {**other, "resident_id": own["resident_id"]}
        url = build(rule, params)
        for response in _request(client, rule, url, token):
            assert response.status_code in REFUSED, f"{rule.methods} {url}: {response.status_code}"


def test_anonymous_is_sent_to_login_everywhere(app, client, helpers, db):
    house = helpers.house()
    params = objects_for(db, house["karin"], house["mette"])
    for rule in resident_rules(app):
        url = build(rule, params)
        if "GET" in rule.methods:
            response = client.get(url)
            assert response.status_code in (302, 401), url
            if response.status_code == 302:
                assert "/log-ind" in response.headers["Location"]


def test_own_resident_is_reachable(client, helpers):
    house = helpers.house()
    helpers.login(client, "mette")
    assert client.get(f"/beboere/{house['karin']}").status_code == 200
    assert client.get(f"/beboere/{house['bo']}").status_code == 200  # same unit, not own
