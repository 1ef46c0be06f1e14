"""The request's database connection: each worker thread keeps one open between requests.

Opening a connection costs more than most requests: SQLite reads the whole schema again
on the first statement, and when the last connection to a WAL database closes, SQLite
checkpoints and removes the -wal file, which the next request then creates again. So a
thread keeps its connection (for one database path; another path closes it and opens
that one) and hands it to each request with no transaction open: teardown rolls back
whatever a failed request left open. Connections are never shared between threads."""

from __future__ import annotations

import threading

from flask import Flask, current_app, g
from sqlite_utils import Database

from samtale.db import open_db

_local = threading.local()


def thread_connection(path: str) -> Database:
    """This thread's open connection to `path` (opened on first use)."""
    held = getattr(_local, "held", None)
    if held is not None and held[0] == path:
        return held[1]
    if held is not None:
        held[1].close()
    _local.held = (path, open_db(path))
    return _local.held[1]


def release_thread_connection() -> None:
    """Close this thread's connection, if it holds one."""
    held = getattr(_local, "held", None)
    _local.held = None
    if held is not None:
        held[1].close()


def get_db() -> Database:
    if "db" not in g:
        g.db = thread_connection(str(current_app.config["DATABASE"]))
    return g.db


def close_db(_error=None) -> None:
    """Teardown: leave the connection as the next request expects it, no transaction open."""
    db = g.pop("db", None)
    if db is not None and db.conn.in_transaction:
        db.conn.rollback()


def init_app(app: Flask) -> None:
    app.teardown_appcontext(close_db)
