"""Staff members who save answers and goals against the real server, and a ledger of
what each of them was told is saved (value and revision) and what they only sent."""

from __future__ import annotations

import json
import re
import threading
import time
from collections import defaultdict
from dataclasses import dataclass

from tests.server.harness import NETWORK_ERRORS, Browserless, Server

AUTOSAVED = "godt_lige_nu"  # long_text, saved with the JSON autosave
FORM_SAVED = "god_til"  # long_text, saved with the question form
GOAL_ID_RE = re.compile(r"/plan/maal/(\d+)$")
BASE_VERSION_RE = re.compile(r'name="base_version" value="(\d+)"')
LOCK = threading.Lock()


@dataclass(frozen=True)
class Person:
    username: str
    resident_id: int
    conversation_id: int


class Writer:
    """One logged-in staff member saving over and over, recording every save sent
    (`sent`: key -> {revision: value}) and the newest one acknowledged (`acked`)."""

    def __init__(self, server: Server, person: Person):
        self.person = person
        self.client = Browserless(server, person.username)
        self.sent: dict[tuple, dict[int, str]] = defaultdict(dict)
        self.acked: dict[tuple, tuple[int, str]] = {}
        self.revision = int(time.time() * 1000)  # like the page script: a growing clock
        self.goal_id: int | None = None
        self.goal_version = 0
        self.acks = 0
        self.attempts = 0
        self.refused = 0  # the server was down
        self.cut_off = 0  # the server died while the request was under way
        self.unexpected: list[str] = []

    # --- bookkeeping ---------------------------------------------------------------

    def _next(self) -> int:
        self.revision += 1
        return self.revision

    def _send(self, key: tuple, revision: int, value: str) -> None:
        with LOCK:
            self.sent[key][revision] = value

    def _ack(self, key: tuple, revision: int, value: str) -> None:
        with LOCK:
            self.acks += 1
            if key not in self.acked or self.acked[key][0] < revision:
                self.acked[key] = (revision, value)

    def acknowledged(self) -> int:
        """How many saves got a success response."""
        with LOCK:
            return self.acks

    def snapshot(self) -> dict[tuple, tuple[int, str]]:
        with LOCK:
            return dict(self.acked)

    def _odd(self, what: str, status: int, body: str) -> None:
        self.unexpected.append(f"{self.person.username} {what}: {status} {body[:200]}")

    # --- the saves -----------------------------------------------------------------

    def question_path(self, question_id: str) -> str:
        p = self.person
        return f"/beboere/{p.resident_id}/samtaler/{p.conversation_id}/spoergsmaal/{question_id}"

    def start(self) -> None:
        self.client.login()
        self.client.token_from(self.question_path(AUTOSAVED))

    def autosave(self) -> None:
        key, revision = ("answer", self.person.conversation_id, AUTOSAVED), self._next()
        value = f"{self.person.username} skriver, udgave {revision} (autosave)"
        self._send(key, revision, value)
        status, _h, body = self.client.request(
            "POST", self.question_path(AUTOSAVED) + "/gem",
            payload={"value": value, "written_by": "resident", "revision": revision},
            headers={"X-CSRFToken": self.client.csrf},
        )
        reply = json.loads(body) if status == 200 else {}
        if reply.get("saved") and reply.get("revision") == revision:
            self._ack(key, revision, value)
        else:
            self._odd("autosave", status, body)

    def form_save(self) -> None:
        key, revision = ("answer", self.person.conversation_id, FORM_SAVED), self._next()
        value = f"{self.person.username} er god til noget, udgave {revision}"
        self._send(key, revision, value)
        status, _h, body = self.client.request(
            "POST", self.question_path(FORM_SAVED),
            form={"csrf_token": self.client.csrf, "answer": value, "written_by": "staff",
                  "revision": str(revision), "action": "next"},
        )
        if status in (302, 303):
            self._ack(key, revision, value)
        else:
            self._odd("form save", status, body)

    def _goal_form(self, text: str) -> dict:
        return {"csrf_token": self.client.csrf, "text": text, "goal_type": "develop",
                "lifecycle": "active", "status": "", "dream_id": "", "ffb_theme": "",
                "next_follow_up": ""}

    def goal_save(self) -> None:
        revision = self._next()
        text = f"Jeg går en tur hver dag, sagt som nummer {revision}."
        base = f"/beboere/{self.person.resident_id}/plan/maal"
        if self.goal_id is None:
            status, headers, body = self.client.request("POST", f"{base}/ny",
                                                        form=self._goal_form(text))
            found = GOAL_ID_RE.search(headers.get("Location") or "") if status == 302 else None
            if not found:
                return self._odd("goal create", status, body)
            self.goal_id, self.goal_version = int(found.group(1)), 1
            self._send(("goal", self.goal_id), revision, text)
            return self._ack(("goal", self.goal_id), revision, text)
        key = ("goal", self.goal_id)
        self._send(key, revision, text)
        form = self._goal_form(text) | {"base_version": str(self.goal_version)}
        status, _h, body = self.client.request("POST", f"{base}/{self.goal_id}/rediger", form=form)
        if status == 302:
            self.goal_version += 1
            self._ack(key, revision, text)
        elif status == 409:  # an earlier edit was stored, but its answer was lost in a kill
            self.goal_version = int(BASE_VERSION_RE.search(body).group(1))
        else:
            self._odd("goal edit", status, body)

    def run(self, stop: threading.Event, rng) -> None:
        actions = (self.autosave, self.autosave, self.form_save, self.goal_save)
        while not stop.is_set():
            self.attempts += 1
            try:
                rng.choice(actions)()
            except NETWORK_ERRORS as error:
                if isinstance(getattr(error, "reason", error), ConnectionRefusedError):
                    self.refused += 1
                else:
                    self.cut_off += 1
                stop.wait(0.1)  # the server is down: try again shortly
