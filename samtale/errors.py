"""The one domain error type. Core code raises it; the web layer turns it into a
Danish error page or form message, the CLI into one clean line and a non-zero exit."""

from samtale.i18n import gettext as _


class SamtaleError(Exception):
    """A refusal the user should read: `message` is already translated plain text.

    `status` is the HTTP status a view answers with: 400 bad input, 403 refused,
    404 not found (or not yours), 409 conflict."""

    status = 400

    def __init__(self, message: str, status: int | None = None):
        super().__init__(message)
        self.message = message
        if status is not None:
            self.status = status


class NotFound(SamtaleError):
    status = 404

    def __init__(self, message: str | None = None):
        super().__init__(message or _("Siden findes ikke, eller du har ikke adgang til den."))


class Forbidden(SamtaleError):
    status = 403

    def __init__(self, message: str | None = None):
        super().__init__(message or _("Du har ikke adgang til dette."))


class Conflict(SamtaleError):
    status = 409
