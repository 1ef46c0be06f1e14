"""Security on every response: CSP without inline script, no sniffing, no referrer,
no caching of pages, HSTS over https; CSRF protection on every POST (Flask-WTF); and
request bodies of the shape each view expects: form fields, JSON only for the views our
own scripts call (JSON_ENDPOINTS), no file uploads anywhere."""

from __future__ import annotations

import secrets

from flask import Flask, abort, g, request
from flask_wtf.csrf import CSRFProtect
from werkzeug.middleware.proxy_fix import ProxyFix

CSP = (
    "default-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
    "form-action 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'"
)

csrf = CSRFProtect()

# The views that read a JSON body (static/js calls them); every other view takes form
# fields only. Flask-WTF would otherwise read a JSON body as the form, and a list or an
# object where a form field holds text reaches code that expects text.
JSON_ENDPOINTS = frozenset({"conversation.autosave", "plan.jegform_check"})


def _set_headers(response):
    headers = response.headers
    headers["Content-Security-Policy"] = CSP
    headers["X-Content-Type-Options"] = "nosniff"
    headers["Referrer-Policy"] = "no-referrer"
    headers["X-Frame-Options"] = "DENY"
    headers["Cross-Origin-Opener-Policy"] = "same-origin"
    headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()"
    if request.endpoint != "static":
        headers["Cache-Control"] = "no-store"
        headers["Pragma"] = "no-cache"
    else:
        headers["Cache-Control"] = "public, max-age=3600"
    if request.is_secure:
        headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains"
    if "request_id" in g:
        headers["X-Request-Id"] = g.request_id
    return response


def _start_request():
    g.request_id = secrets.token_hex(8)


def _refuse_unexpected_body():
    """400 for a JSON body sent to a form view, and for any file upload."""
    if request.method != "POST":
        return
    if request.is_json and request.endpoint not in JSON_ENDPOINTS:
        abort(400)
    if request.mimetype == "multipart/form-data" and request.files:
        abort(400)


def init_app(app: Flask) -> None:
    if app.config["TRUST_PROXY"]:
        hops = app.config["TRUST_PROXY"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)
    app.config.setdefault("WTF_CSRF_TIME_LIMIT", None)  # valid for the session's life
    # Every page sends Referrer-Policy: no-referrer, so browsers send no Referer (and
    # "Origin: null" on POST); Flask-WTF's strict https Referer check would refuse every
    # form. The synchronizer token kept in the server-side session, plus SameSite=Lax
    # cookies, is the CSRF defence (OWASP CSRF Prevention Cheat Sheet).
    app.config.setdefault("WTF_CSRF_SSL_STRICT", False)
    csrf.init_app(app)
    app.before_request(_start_request)
    app.before_request(_refuse_unexpected_body)
    app.after_request(_set_headers)
