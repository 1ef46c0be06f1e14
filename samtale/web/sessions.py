"""Flask session interface backed by samtale.sessions (server-side store).

The cookie carries only an opaque random token. A session row is written only once
something is stored in it (for example the CSRF token of the login form), and a new
token is issued at login (`regenerate`), so a token seen before login is worthless
after it."""

from __future__ import annotations

from flask import Flask
from flask.sessions import SessionInterface, SessionMixin
from werkzeug.datastructures import CallbackDict

from samtale import sessions as store
from samtale.web.db import get_db


class ServerSession(CallbackDict, SessionMixin):
    def __init__(self, initial=None, token: str | None = None):
        def on_update(_self):
            self.modified = True

        super().__init__(initial or {}, on_update)
        self.token = token
        self.modified = False
        self.regenerate = False


def regenerate(session: ServerSession) -> None:
    """Give the session a new token when it is next saved (at login and logout)."""
    session.regenerate = True
    session.modified = True


def cookie_name(app: Flask) -> str:
    return "__Host-samtale" if app.config["SECURE_COOKIES"] else "samtale"


class DatabaseSessionInterface(SessionInterface):
    def open_session(self, app: Flask, request) -> ServerSession:
        token = request.cookies.get(cookie_name(app))
        if token:
            data = store.load(
                get_db(), token, app.config["IDLE_MINUTES"], app.config["SESSION_HOURS"]
            )
            if data is not None:
                return ServerSession(data, token)
        return ServerSession()

    def save_session(self, app: Flask, session: ServerSession, response) -> None:
        name = cookie_name(app)
        db = get_db()
        if session.token and (session.regenerate or not session):
            store.delete(db, session.token)
            if not session:
                response.delete_cookie(name, path="/", secure=app.config["SECURE_COOKIES"],
                                       httponly=True, samesite="Lax")
                return
            session.token = None
        if not session or not (session.modified or session.token is None):
            return
        created = session.token is None
        token = session.token or store.new_token()
        store.save(db, token, dict(session), created=created)
        if created:
            response.set_cookie(
                name,
                token,
                httponly=True,
                samesite="Lax",
                path="/",
                secure=app.config["SECURE_COOKIES"],
            )
        response.vary.add("Cookie")


def init_app(app: Flask) -> None:
    app.session_interface = DatabaseSessionInterface()
