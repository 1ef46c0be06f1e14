"""Security on every response: CSP without inline script, no sniffing, no referrer,
no caching of pages, HSTS over https; CSRF protection on every POST (Flask-WTF)."""

from __future__ import annotations

import secrets

from flask import Flask, g, request
from flask_wtf.csrf import CSRFProtect
from werkzeug.middleware.proxy_fix import ProxyFix

CSP = (
    "default-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
    "form-action 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'"
)

csrf = CSRFProtect()


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
    app.after_request(_set_headers)
