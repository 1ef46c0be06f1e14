"""The house: /huset (the unit's house page, the mentor guide, prøvehandlinger and the
board, the activity committee's wishes, the indsatsplan and its status meetings), the
resident-scoped mentor routes under /beboere/<resident_id>/mentor/, and the newcomer's
checklist and the wishes' consents under /beboere/<resident_id>/ (`resident_bp`, which
registers itself with the house blueprint). Views are thin: parse the form, call
samtale.house."""

from samtale.views.house import effort_plan, home, residents, trials, wishes  # noqa: F401
from samtale.views.house.common import bp
from samtale.views.house.mentor import bp as mentor_bp
from samtale.views.house.residents import resident_bp

__all__ = ["bp", "mentor_bp", "resident_bp"]
