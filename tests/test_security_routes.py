"""Every POST route refuses a request without a CSRF token; every response carries the
security headers; pages never show a stack trace."""

from __future__ import annotations

import pytest

from tests.samples import objects_for

BASE_PARAMS = {
    "staff_id": 1,
    "unit_id": 1,
    "token": "x",
    "lang": "da",
    "bank_id": "haab-og-droemme",
}


def _urls(app, params, method):
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static" or method not in rule.methods:
            continue
        values = {**BASE_PARAMS, **params}
        yield rule, rule.build({k: values[k] for k in rule.arguments}, append_unknown=False)[1]


@pytest.fixture
def logged_in(client, helpers, db):
    house = helpers.house()
    helpers.login(client, "leder")
    return objects_for(db, house["karin"], house["mette"])


def test_every_post_route_refuses_missing_csrf_token(app, client, logged_in):
    checked = 0
    for _rule, url in _urls(app, logged_in, "POST"):
        response = client.post(url, data={"anything": "x"})
        assert response.status_code == 400, f"POST {url} without CSRF: {response.status_code}"
        assert "Traceback" not in response.get_data(as_text=True)
        checked += 1
    assert checked >= 8


def test_every_post_route_refuses_wrong_csrf_token(app, client, logged_in):
    for _rule, url in _urls(app, logged_in, "POST"):
        response = client.post(url, data={"csrf_token": "forged"})
        assert response.status_code == 400, url


def test_security_headers_on_every_get_route(app, client, logged_in):
    for _rule, url in _urls(app, logged_in, "GET"):
        response = client.get(url)
        headers = response.headers
        csp = headers["Content-Security-Policy"]
        for part in (
            "default-src 'self'",
            "object-src 'none'",
            "base-uri 'none'",
            "frame-ancestors 'none'",
            "form-action 'self'",
        ):
            assert part in csp, url
        assert "unsafe-inline" not in csp
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "no-referrer"
        assert headers["Cache-Control"] == "no-store", url


def test_no_inline_script_in_any_page(app, client, logged_in):
    import re

    for _rule, url in _urls(app, logged_in, "GET"):
        html = client.get(url).get_data(as_text=True)
        for tag in re.findall(r"<script\b[^>]*>", html):
            assert "src=" in tag, f"inline script on {url}: {tag}"
        assert not re.search(r"\son[a-z]+\s*=", html.replace("aria-", "")), url


def test_hsts_only_over_https(client):
    assert "Strict-Transport-Security" not in client.get("/log-ind").headers
    secure = client.get("/log-ind", base_url="https://localhost")
    assert secure.headers["Strict-Transport-Security"].startswith("max-age=")


def test_unexpected_error_shows_danish_page_without_trace(app, client):
    @app.get("/test-boom")
    def boom():
        raise RuntimeError("secret internal detail")

    app.config["PROPAGATE_EXCEPTIONS"] = False
    response = client.get("/test-boom")
    body = response.get_data(as_text=True)
    assert response.status_code == 500
    assert "Der skete en fejl hos os" in body
    assert "secret internal detail" not in body and "Traceback" not in body


def test_not_found_page_is_danish(client):
    response = client.get("/findes-ikke")
    assert response.status_code == 404
    assert "Siden findes ikke" in response.get_data(as_text=True)


def test_static_files_are_cacheable(client):
    response = client.get("/static/css/app.css")
    assert response.status_code == 200
    assert "no-store" not in response.headers["Cache-Control"]
