"""Danish labels for what the audit log stores in English codes: actions, object types,
purposes and outcomes. No Flask. An unknown code is shown as it is, so a new area's
object types appear (as codes) before anyone adds a label here.

Views give the purpose of an access with one of PURPOSES (or its Danish word, see
PURPOSE_ALIASES): `resident_or_404(resident_id, "read", purpose="planning")`.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from samtale import i18n
from samtale.i18n import gettext as _


def per_locale(build: Callable[[], dict[str, str]]) -> Callable[[], dict[str, str]]:
    """Build the labels once per locale (a long access report asks thousands of times)."""
    cache: dict[str, dict[str, str]] = {}

    @functools.wraps(build)
    def labels() -> dict[str, str]:
        locale = i18n.current_locale()
        if locale not in cache:
            cache[locale] = build()
        return cache[locale]

    return labels

# The purposes a view may give for an access (resident_or_404(..., purpose=...)).
PURPOSES = (
    "conversation",
    "follow_up",
    "planning",
    "export",
    "access_request",
    "administration",
    "supervision",
    "erasure",
)


# The Danish words for the same purposes, accepted too (shown with the same label).
PURPOSE_ALIASES = {
    "samtale": "conversation",
    "opfølgning": "follow_up",
    "planlægning": "planning",
    "eksport": "export",
    "indsigt": "access_request",
    "administration": "administration",
    "tilsyn": "supervision",
    "sletning": "erasure",
}


@per_locale
def purpose_labels() -> dict[str, str]:
    labels = _purpose_labels()
    return {**{alias: labels[code] for alias, code in PURPOSE_ALIASES.items()}, **labels}


def _purpose_labels() -> dict[str, str]:
    return {
        "conversation": _("Samtale"),
        "follow_up": _("Opfølgning"),
        "planning": _("Planlægning"),
        "export": _("Eksport"),
        "access_request": _("Indsigt (beboerens anmodning)"),
        "administration": _("Administration"),
        "supervision": _("Tilsyn og kontrol"),
        "erasure": _("Sletning"),
        # details of administrative actions (views/admin.py, audit.prune)
        "create": _("Oprettet"),
        "update": _("Ændret"),
        "rename": _("Omdøbt"),
        "disable": _("Deaktiveret"),
        "enable": _("Aktiveret"),
        "password_reset": _("Ny adgangskode"),
        "prune": _("Oprydning i loggen"),
    }


@per_locale
def action_labels() -> dict[str, str]:
    return {
        "read": _("Læst"),
        "create": _("Oprettet"),
        "update": _("Ændret"),
        "delete": _("Slettet"),
        "export": _("Eksporteret"),
        "erase": _("Alle data slettet"),
        "login": _("Logget ind"),
        "login_failed": _("Mislykket login"),
        "logout": _("Logget ud"),
        "refused": _("Adgang afvist"),
        "handover": _("Skærmen givet til beboeren"),
        "admin": _("Administration"),
    }


@per_locale
def object_labels() -> dict[str, str]:
    return {
        "resident": _("Beboer"),
        "resident_list": _("Beboerliste"),
        "resident_details": _("Beboerens oplysninger"),
        "resident_export": _("Alle data (ZIP)"),
        "staff": _("Medarbejder"),
        "unit": _("Afdeling"),
        "settings": _("Indstillinger"),
        "audit_log": _("Loggen"),
        "audit_sample": _("Stikprøve"),
        "audit_review": _("Gennemgang i stikprøve"),
        "access_report": _("Adgangsrapport"),
        "handover_start": _("Skærmen givet til beboeren"),
        "handover_end": _("Skærmen taget tilbage"),
        "page": _("Side"),
        "totp": _("To-faktor-login"),
        "pin": _("PIN-kode"),
        "conversation": _("Samtale"),
        "answer": _("Svar"),
        "goal": _("Mål"),
        "plan": _("Plan"),
        "follow_up": _("Opfølgning"),
        "followup": _("Opfølgning"),
        "followup_list": _("Opfølgninger"),
        "conversation_list": _("Samtaler"),
        "plan_item": _("Punkt i planen"),
        "plan_text_blocks": _("Tekstblokke fra planen"),
        "jegform_check": _("Tjek af jeg-form"),
        "overview": _("Oversigt"),
        "mentor_offer": _("Tilbud om mentor"),
        "mentor_guide": _("Mentorguide"),
        "trial_board_consent": _("Samtykke til tavlen"),
        "wish_consent": _("Ønske på husets tavle"),
        "house_wishes": _("Aktivitetsønsker"),
        "newcomer_checklist": _("Tjekliste for ny beboer"),
    }


@per_locale
def outcome_labels() -> dict[str, str]:
    return {
        "ok": _("OK"),
        "not_found_or_other_unit": _("Afvist: anden afdeling, eller findes ikke"),
        "wrong_credentials": _("Forkert brugernavn eller adgangskode"),
        "paused": _("Sat på pause efter for mange forsøg"),
        "wrong_code": _("Forkert kode"),
        "during_handover": _("Afvist, mens skærmen var givet til en beboer"),
        "too_many_attempts": _("For mange forkerte forsøg: logget ud"),
    }


def label(labels: dict[str, str], code: str | None) -> str:
    """The Danish label for `code`; an unknown code is shown as it is."""
    if not code:
        return "–"
    return labels.get(code, code)
