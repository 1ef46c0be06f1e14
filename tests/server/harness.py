"""The real server as a process, and HTTP clients that log in through the real form.

`Server` runs `python -m samtale.cli serve` in its own process group (so SIGKILL reaches
gunicorn's master and workers at once) on a free port of 127.0.0.1, and restarts it on
the same database. `Browserless` is one staff member's session: urllib with a cookie jar,
no automatic redirects, CSRF token taken from a page like a browser would."""

from __future__ import annotations

import http.client
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path

from tests.conftest import PASSWORD

NETWORK_ERRORS = (OSError, http.client.HTTPException, urllib.error.URLError)
CSRF_RE = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
BOOT_SECONDS = 30


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def listening(port: int) -> bool:
    """Whether something answers on the port (gunicorn binds with SO_REUSEPORT, so a
    bind would not tell: two servers could share the port)."""
    with socket.socket() as probe:
        probe.settimeout(0.5)
        return probe.connect_ex(("127.0.0.1", port)) == 0


def environment(instance: Path, database: Path) -> dict[str, str]:
    """The server's environment: its own instance folder, cheap argon2, quiet log."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("SAMTALE_")}
    return env | {
        "SAMTALE_DATABASE": str(database),
        "SAMTALE_INSTANCE_DIR": str(instance),
        "SAMTALE_ARGON2_TIME_COST": "1",
        "SAMTALE_ARGON2_MEMORY_KIB": "8192",
        "SAMTALE_LOG_LEVEL": "WARNING",
        "SAMTALE_FACILITY_NAME": "Nedbrudshuset",
    }


def cli(env: dict, *args: str, timeout: float = 60) -> subprocess.CompletedProcess:
    """Run `samtale ARGS` as a process with `env`."""
    return subprocess.run(
        [sys.executable, "-m", "samtale.cli", *args],
        env=env, capture_output=True, text=True, timeout=timeout, check=False,
    )


class Server:
    """`samtale serve --workers 2` as a process group; `start` returns the seconds until
    /healthz answered 200."""

    def __init__(self, env: dict, log: Path):
        self.env, self.log = env, log
        self.process: subprocess.Popen | None = None
        self.port = free_port()
        self.output: list[str] = []

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> float:
        for _attempt in range(5):
            if listening(self.port):  # taken by someone else meanwhile
                self.port = free_port()
            began = time.monotonic()
            self._spawn()
            if self._wait_healthy():
                return time.monotonic() - began
            self.kill()  # the port was taken meanwhile: take another
            self.port = free_port()
        raise AssertionError(f"the server did not start; log:\n{self.log.read_text()[-3000:]}")

    def _spawn(self) -> None:
        with self.log.open("a") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "samtale.cli", "serve", "--port", str(self.port),
                 "--workers", "2"],
                env=self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
            )

    def _wait_healthy(self) -> bool:
        deadline = time.monotonic() + BOOT_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                return False
            try:
                with urllib.request.urlopen(f"{self.url}/healthz", timeout=2) as response:
                    if response.status == 200 and json.load(response)["status"] == "ok":
                        return True
            except NETWORK_ERRORS:
                time.sleep(0.05)
        return False

    def kill(self) -> None:
        """SIGKILL to the whole process group: master and workers die mid-request."""
        if self.process is None:
            return
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.process.wait(timeout=10)
        self._wait_group_gone(self.process.pid)
        self.process = None

    @staticmethod
    def _wait_group_gone(group: int) -> None:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                os.killpg(group, 0)
            except ProcessLookupError:
                return
            time.sleep(0.02)
        raise AssertionError(f"process group {group} survived SIGKILL")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browserless:
    """One staff member's session against `server` (whose port may change on restart)."""

    def __init__(self, server: Server, username: str):
        self.server, self.username = server, username
        self.jar = CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), NoRedirect()
        )
        self.csrf = ""

    def request(self, method: str, path: str, *, form: dict | None = None,
                payload: object = None, headers: dict | None = None, timeout: float = 15):
        """(status, headers, body text). Network errors propagate (the server died)."""
        data, sent = None, dict(headers or {})
        if form is not None:
            data = urllib.parse.urlencode(form).encode("utf-8")
            sent["Content-Type"] = "application/x-www-form-urlencoded"
        elif payload is not None:
            data = json.dumps(payload).encode("utf-8")
            sent |= {"Content-Type": "application/json", "Accept": "application/json"}
        request = urllib.request.Request(self.server.url + path, data, sent, method=method)
        try:
            with self.opener.open(request, timeout=timeout) as response:
                return response.status, response.headers, response.read().decode("utf-8")
        except urllib.error.HTTPError as error:
            with error:
                return error.code, error.headers, error.read().decode("utf-8", "replace")

    def token_from(self, path: str) -> str:
        status, _headers, body = self.request("GET", path)
        assert status == 200, (path, status)
        self.csrf = CSRF_RE.search(body).group(1)
        return self.csrf

    def login(self, password: str = PASSWORD) -> None:
        self.token_from("/log-ind")
        status, headers, body = self.request(
            "POST", "/log-ind",
            form={"csrf_token": self.csrf, "username": self.username, "password": password},
        )
        assert status == 302, (self.username, status, body[:300])
        assert not headers["Location"].endswith("/log-ind"), headers["Location"]
