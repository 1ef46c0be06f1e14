"""Samtale: guided conversations, goals in jeg-form and plans for residential facilities."""

from __future__ import annotations

import logging
from pathlib import Path

from flask import Flask

from samtale.paths import resource_dir


def _configure(app: Flask, test_config: dict | None) -> None:
    from samtale.config import from_environment, secret_key

    app.config.update(from_environment())
    if test_config:
        app.config.update(test_config)
    instance = Path(app.config["INSTANCE_DIR"])
    if not app.config["SECRET_KEY"]:
        app.config["SECRET_KEY"] = secret_key(instance)
    if not app.config["BANKS_DIR"]:
        app.config["BANKS_DIR"] = str(instance / "question_banks")
    app.config.setdefault("SECURE_COOKIES", str(app.config["BASE_URL"]).startswith("https"))
    app.config.setdefault("MAX_CONTENT_LENGTH", 2 * 1024 * 1024)
    logging.basicConfig(level=app.config["LOG_LEVEL"])


def create_app(test_config: dict | None = None) -> Flask:
    """Build the app: configuration, database, security, sessions, i18n, errors, views."""
    from samtale import views
    from samtale.web import access, db, errors, i18n, security, sessions, templating

    app = Flask(
        __name__,
        template_folder=str(resource_dir("templates")),
        static_folder=str(resource_dir("static")),
    )
    _configure(app, test_config)
    db.init_app(app)
    security.init_app(app)
    sessions.init_app(app)
    app.before_request(access.load_current_staff)
    i18n.init_app(app)
    templating.init_app(app)
    errors.init_app(app)
    views.register(app)
    return app
