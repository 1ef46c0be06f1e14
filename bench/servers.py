"""Starting the two servers of a benchmark run, and a staff member's session that logs in
through the real login form (urllib with a cookie jar, no automatic redirects)."""

from __future__ import annotations

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
from dataclasses import dataclass, field
from http.cookiejar import CookieJar
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CSRF_FORM_RE = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
CSRF_META_RE = re.compile(r'<meta name="csrf-token" content="([^"]+)"')
WORKERS = 2
THREADS = 4  # as samtale.server runs gunicorn: gthread, 2 workers x 4 threads


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def app_environment(instance: Path, database: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SAMTALE_")}
    return env | {"SAMTALE_DATABASE": str(database), "SAMTALE_INSTANCE_DIR": str(instance),
                  "SAMTALE_LOG_LEVEL": "WARNING", "SAMTALE_FACILITY_NAME": "Benchhuset"}


@dataclass
class Process:
    """A server in its own process group, stopped with SIGTERM to the group."""

    name: str
    command: list[str]
    env: dict[str, str]
    log: Path
    port: int = field(default_factory=free_port)
    process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, probe: str = "/", seconds: float = 60) -> None:
        with self.log.open("a") as log:
            self.process = subprocess.Popen(
                [*self.command, *self._bind()], env=self.env, cwd=ROOT, stdout=log,
                stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                break
            try:
                with urllib.request.urlopen(self.url + probe, timeout=2) as response:
                    if response.status == 200:
                        return
            except (OSError, urllib.error.URLError):
                time.sleep(0.1)
        raise RuntimeError(f"{self.name} did not start; see {self.log}")

    def _bind(self) -> list[str]:
        if self.name == "floor":
            return ["-b", f"127.0.0.1:{self.port}"]
        return ["--port", str(self.port)]

    def stop(self) -> None:
        if self.process is None:
            return
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=30)
        except ProcessLookupError:
            pass
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)
        self.process = None


def app_server(instance: Path, database: Path, log: Path) -> Process:
    command = [sys.executable, "-m", "samtale.cli", "serve", "--workers", str(WORKERS)]
    return Process("samtale", command, app_environment(instance, database), log)


def floor_server(page_bytes: int, log: Path) -> Process:
    command = [sys.executable, "-m", "gunicorn", "-w", str(WORKERS), "-k", "gthread",
               "--threads", str(THREADS), "--preload", "--reuse-port", "bench.floor:app"]
    env = dict(os.environ, BENCH_FLOOR_BYTES=str(page_bytes), PYTHONPATH=str(ROOT))
    return Process("floor", command, env, log)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Session:
    """One staff member logged in through the real form."""

    def __init__(self, base_url: str):
        self.base_url = base_url
        self.jar = CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), NoRedirect())

    def get(self, path: str) -> tuple[int, str]:
        try:
            with self.opener.open(self.base_url + path, timeout=60) as response:
                return response.status, response.read().decode("utf-8")
        except urllib.error.HTTPError as error:
            with error:
                return error.code, error.read().decode("utf-8", "replace")

    def login(self, username: str, password: str) -> None:
        status, page = self.get("/log-ind")
        token = CSRF_FORM_RE.search(page).group(1)
        data = urllib.parse.urlencode(
            {"csrf_token": token, "username": username, "password": password}).encode()
        try:
            self.opener.open(self.base_url + "/log-ind", data, timeout=60)
        except urllib.error.HTTPError as error:
            with error:
                if error.code != 302 or error.headers["Location"].endswith("/log-ind"):
                    raise RuntimeError(f"login as {username} failed: {error.code}") from None
        if not self.cookie():
            raise RuntimeError(f"login as {username} gave no session cookie")

    def cookie(self) -> str:
        return "; ".join(f"{c.name}={c.value}" for c in self.jar)

    def csrf_token(self, path: str) -> str:
        """The token a page carries in <meta name="csrf-token"> (for the JSON saves)."""
        status, page = self.get(path)
        if status != 200:
            raise RuntimeError(f"{path} answered {status}")
        return CSRF_META_RE.search(page).group(1)
