"""GET /healthz: 200 with {"status": "ok", ...} once the database has answered."""

from __future__ import annotations

import sqlite3

from flask import Blueprint, jsonify

from samtale import migrations
from samtale.web.db import get_db

bp = Blueprint("health", __name__)


@bp.get("/healthz")
def healthz():
    try:
        db = get_db()
        db.execute("SELECT 1").fetchone()
        pending = migrations.pending(db)
    except sqlite3.Error:
        return jsonify({"status": "error", "database": "unavailable"}), 503
    status = "ok" if not pending else "migrations_pending"
    code = 200 if not pending else 503
    return jsonify({"status": status, "database": "ok", "pending_migrations": len(pending)}), code
