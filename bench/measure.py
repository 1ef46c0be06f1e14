"""One wrk run per scenario: a warm-up, then the measured run; the figures come from the
Lua script's done() as JSON (bench/wrk/common.lua)."""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

WRK_DIR = Path(__file__).resolve().parent / "wrk"
MARK = "BENCH_JSON "


@dataclass(frozen=True)
class Scenario:
    key: str
    title: str
    url: str  # the server's base URL
    lines: tuple[str, ...]  # paths (or "path<TAB>json value" for saves)
    script: str = "get.lua"
    cookie: str = ""
    csrf: str = ""
    threads: int = 2
    connections: int = 8


@dataclass(frozen=True)
class Figures:
    requests: int
    seconds: float
    rps: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    max_ms: float
    non2xx: int
    first_bad_status: int
    socket_errors: int
    bytes: int

    @property
    def void(self) -> bool:
        """A run with a failed response or a broken connection proves nothing."""
        return self.non2xx > 0 or self.socket_errors > 0 or self.requests == 0


def run_wrk(scenario: Scenario, seconds: int, probe=None) -> tuple[Figures, object]:
    """One wrk run; `probe()` is called once the connections are open (its result is
    returned with the figures)."""
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as listing:
        listing.write("\n".join(scenario.lines) + "\n")
    env = dict(os.environ, BENCH_PATHS=listing.name, BENCH_THREADS=str(scenario.threads),
               BENCH_COOKIE=scenario.cookie, BENCH_CSRF=scenario.csrf,
               BENCH_WRK_DIR=str(WRK_DIR))
    command = ["wrk", "-t", str(scenario.threads), "-c", str(scenario.connections),
               "-d", f"{seconds}s", "--timeout", "10s", "--latency",
               "-s", str(WRK_DIR / scenario.script), scenario.url]
    try:
        with subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True) as wrk:
            time.sleep(min(1.5, seconds / 3))
            seen = probe() if probe else None
            stdout, stderr = wrk.communicate(timeout=seconds + 60)
    finally:
        Path(listing.name).unlink()
    for line in stdout.splitlines():
        if line.startswith(MARK):
            return Figures(**json.loads(line[len(MARK):])), seen
    raise RuntimeError(f"wrk gave no figures for {scenario.key}:\n{stdout}\n{stderr}")


def connections_per_worker(master_pid: int) -> list[int]:
    """Open client connections of each gunicorn worker (its sockets but its listener)."""
    counts = []
    children = Path(f"/proc/{master_pid}/task/{master_pid}/children")
    for pid in children.read_text().split() if children.exists() else []:
        try:
            links = [os.readlink(f"/proc/{pid}/fd/{fd}") for fd in os.listdir(f"/proc/{pid}/fd")]
        except OSError:
            continue
        counts.append(max(sum(link.startswith("socket:") for link in links) - 1, 0))
    return sorted(counts, reverse=True)


def balanced(counts: list[int], connections: int) -> bool:
    """No worker holds more than five eighths of the connections (5 of 8): the kernel
    spreads them by a hash, so now and then one worker gets 6, 7 or all 8 of them, and
    measures queueing on one core while the other idles."""
    return not counts or max(counts) <= max(1, -(-connections * 5 // 8))


def _balanced_run(scenario: Scenario, seconds: int, master_pid: int | None,
                  tries: int) -> tuple[Figures, list[int]]:
    """One measured run; a run where one worker got too many connections is run again
    (at most `tries` times in all)."""
    probe = (lambda: connections_per_worker(master_pid)) \
        if master_pid and scenario.connections > 1 else None
    for _attempt in range(tries):
        figures, counts = run_wrk(scenario, seconds, probe)
        if counts is None or balanced(counts, scenario.connections):
            break
    return figures, counts or []


def measure(scenario: Scenario, seconds: int, warmup: int, master_pid: int | None = None,
            runs: int = 3, tries: int = 3) -> tuple[Figures, list[int], list[Figures]]:
    """Warm up (figures thrown away), then `runs` measured runs; the run with the median
    throughput is the result (a shared machine makes single runs noisy). Returns it,
    the connections each worker held in it, and every run."""
    if warmup:
        run_wrk(scenario, warmup)
    done = [_balanced_run(scenario, seconds, master_pid, tries) for _run in range(runs)]
    ordered = sorted(done, key=lambda run: run[0].rps)
    median = ordered[len(ordered) // 2]
    return median[0], median[1], [figures for figures, _counts in done]
