"""One place that turns every error into a Danish page (or JSON for our scripts).
No stack trace ever reaches a user; unexpected errors are logged with the request id."""

from __future__ import annotations

from flask import Flask, g, jsonify, render_template, request
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from samtale.errors import SamtaleError


def _titles() -> dict[int, str]:
    return {
        400: _("Noget i forespørgslen var forkert"),
        401: _("Du er ikke logget ind"),
        403: _("Du har ikke adgang"),
        404: _("Siden findes ikke"),
        405: _("Det kan man ikke her"),
        409: _("Nogen har ændret det samme imens"),
        413: _("Det sendte var for stort"),
        429: _("For mange forsøg"),
        500: _("Der skete en fejl hos os"),
    }


def _default_message(status: int) -> str:
    return {
        401: _("Log ind igen for at fortsætte. Det, du har skrevet og gemt, er ikke tabt."),
        403: _("Du har ikke adgang til denne side."),
        404: _("Siden findes ikke, eller du har ikke adgang til den."),
        413: _("Det sendte var for stort. Prøv med mindre tekst."),
        500: _("Prøv igen om lidt. Hvis det sker igen, så giv besked og nævn koden herunder."),
    }.get(status, _("Gå tilbage og prøv igen."))


def wants_json() -> bool:
    return request.is_json or request.accept_mimetypes.best == "application/json"


def render_error(status: int, message: str | None = None):
    message = message or _default_message(status)
    title = _titles().get(status, _titles()[400] if status < 500 else _titles()[500])
    if wants_json():
        return jsonify({"error": message, "status": status}), status
    template = f"errors/{status}.html" if status in (403, 404, 500) else "errors/error.html"
    return render_template(
        template, status=status, title=title, message=message, request_id=g.get("request_id")
    ), status


def _http_error(error: HTTPException):
    status = error.code or 500
    return render_error(status)


def _csrf_error(_error: CSRFError):
    return render_error(
        400, _("Siden var for gammel til at blive gemt. Gå tilbage, opdater siden og prøv igen.")
    )


def _domain_error(error: SamtaleError):
    return render_error(error.status, error.message)


def _number_too_large(_error: OverflowError):
    """A number in the request that the database cannot hold (SQLite integers are 64-bit;
    Python's are not), or a date past year 9999: the input's fault, not ours."""
    return render_error(400, _("Et tal eller en dato i formularen er for stor. Gå tilbage, "
                               "ret det, og prøv igen."))


def _unexpected(error: Exception):
    from flask import current_app

    current_app.logger.exception("Unexpected error (request %s)", g.get("request_id"))
    return render_error(500)


def init_app(app: Flask) -> None:
    app.register_error_handler(CSRFError, _csrf_error)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(SamtaleError, _domain_error)
    app.register_error_handler(OverflowError, _number_too_large)
    app.register_error_handler(Exception, _unexpected)
