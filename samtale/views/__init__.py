"""Blueprints, one per area. Views are thin: parse the form, call the core, render."""

from flask import Flask

from samtale.views import (
    admin,
    audit,
    auth,
    banks_admin,
    conversation,
    followup,
    gdpr,
    handover,
    health,
    house,
    overview,
    plan,
    preferences,
    residents,
    security,
    settings_page,
    setup,
    start,
)

BLUEPRINTS = [
    auth.bp,
    handover.bp,  # its guard runs before every other blueprint's hooks
    security.bp,
    setup.bp,
    start.bp,
    admin.bp,
    residents.bp,
    health.bp,
    conversation.bp,
    banks_admin.bp,
    audit.bp,
    gdpr.bp,
    settings_page.bp,
    house.bp,
    house.mentor_bp,
    plan.bp,
    followup.bp,
    overview.bp,
    preferences.bp,
]


def register(app: Flask) -> None:
    for blueprint in BLUEPRINTS:
        app.register_blueprint(blueprint)
    app.context_processor(_globals)


def _globals():
    from flask import current_app, g
    from flask_babel import get_locale

    return {
        "current_locale": str(get_locale() or "da"),
        "current_staff": g.get("staff"),
        "facility_name": current_app.config["FACILITY_NAME"],
    }
