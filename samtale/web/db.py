"""One database connection per request, opened lazily and closed at teardown."""

from flask import Flask, current_app, g
from sqlite_utils import Database

from samtale.db import open_db


def get_db() -> Database:
    if "db" not in g:
        g.db = open_db(current_app.config["DATABASE"])
    return g.db


def close_db(_error=None) -> None:
    db = g.pop("db", None)
    if db is not None:
        db.close()


def init_app(app: Flask) -> None:
    app.teardown_appcontext(close_db)
