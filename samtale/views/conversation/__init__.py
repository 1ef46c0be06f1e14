"""The conversation screens: choosing a bank, one question per screen with autosave,
"Ikke i dag", the review page, finishing, and the read-only view.

Routes (all under /beboere/<resident_id>/samtaler):

    GET  /ny                                   choose a bank (or resume an unfinished one)
    POST /ny                                   start with bank_id, go to the first question
    GET  /<conversation_id>                    continue (open) or read-only (finished/postponed)
    POST /<conversation_id>/genoptag           take a postponed conversation up again
    GET  /<conversation_id>/spoergsmaal/<qid>  the question screen (?til=gennemse: edit)
    POST /<conversation_id>/spoergsmaal/<qid>  save and move (action=next|back|skip|pause)
    POST /<conversation_id>/spoergsmaal/<qid>/gem   JSON autosave (see question.py)
    GET/POST /<conversation_id>/ikke-i-dag     postpone with reason and date
    GET  /<conversation_id>/gennemse           review every answer
    POST /<conversation_id>/afslut             finish
"""

from flask import Blueprint

bp = Blueprint("conversation", __name__, url_prefix="/beboere/<int:resident_id>/samtaler")

from samtale.views.conversation import pages, question, review  # noqa: E402,F401
