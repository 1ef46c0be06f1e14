"""`make bench`: seed, serve, measure, report. See docs/performance.md.

Environment: BENCH_SCALE (default 1; 0.1 for a quick run), BENCH_SECONDS per scenario
(default 10), BENCH_WARMUP (default 3), BENCH_KEEP=1 keeps the temporary folder."""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from bench import report, seed
from bench.measure import Figures, Scenario, measure
from bench.servers import Session, app_server, floor_server
from samtale import audit, flow
from samtale.banks.model import TEXT_TYPES
from samtale.db import open_db

TITLES = {"floor": "Floor (Flask + Jinja, no database)", "question": "Question page",
          "save": "Answer save (JSON autosave)", "plan": "Min plan",
          "mine": "Contact person's overview (/)", "leader": "Leader's overview (/oversigt)",
          "pdf": "PDF export"}
SIZE_TOLERANCE = 0.2
METHOD = (
    "Method: wrk with 2 threads and 8 connections, {runs} runs of {seconds} s per "
    "scenario after a {warmup} s warm-up, and the run with the median throughput is "
    "reported (the PDF export: 1 thread, 1 connection); wrk runs on the same machine as "
    "the server. The server is `samtale serve --workers 2` (gunicorn gthread, 2 workers "
    "× 4 threads), the floor a one-template Flask app under the same gunicorn settings. "
    "Eight connections keep both workers busy without queueing far beyond their threads; "
    "a run in which the kernel gave one worker more than five of them is run again. One "
    "connection for the PDF, because an export keeps a core busy for most of a second "
    "and a person waits for one export at a time (two at once on one worker would share "
    "its core and each take twice as long). Paths are picked at random from the "
    "benchmark staff's own residents and open conversations; saves cycle through them "
    "with strictly increasing revisions. Any non-2xx response voids a figure. Latency is "
    "per request under that load (closed loop), so it includes waiting for a free "
    "worker.")


def _rows(db, sql: str, params=()) -> list[tuple]:
    return db.execute(sql, list(params)).fetchall()


def workload(path: Path, contact_id: int, unit_id: int) -> dict[str, list[str]]:
    """The request lines of each scenario, from the seeded database."""
    db = open_db(path)
    residents = [r[0] for r in _rows(db, "SELECT resident_id FROM resident_contacts WHERE "
                                         "staff_id = ? ORDER BY resident_id", [contact_id])]
    marks = ",".join("?" * len(residents))
    open_rows = _rows(db, "SELECT c.id, c.resident_id, c.current_question_id, s.snapshot FROM "
                          "conversations c JOIN bank_snapshots s ON s.id = c.snapshot_id WHERE "
                          f"c.status = 'in_progress' AND c.resident_id IN ({marks}) "
                          "ORDER BY c.id", residents)
    db.close()
    questions, saves, banks = [], [], {}
    for cid, rid, qid, snapshot in open_rows:
        bank = banks.setdefault(snapshot, flow.bank_from_snapshot(json.loads(snapshot)))
        base = f"/beboere/{rid}/samtaler/{cid}/spoergsmaal/"
        questions.append(base + qid)
        saves += [f"{base}{line}" for line in save_lines(bank)]
    return {"question": questions, "save": saves,
            "plan": [f"/beboere/{r}/plan" for r in residents], "mine": ["/"],
            "leader": [f"/oversigt?afdeling={unit_id}"],
            "pdf": [f"/beboere/{r}/plan/eksport?format=pdf" for r in residents]}


def save_lines(bank) -> list[str]:
    """"<question id>/gem<TAB><value>" for every question an open conversation may save
    (many paths, so that a path comes round again only long after its last save). Text
    answers change; choices keep the seeded value, so no question hides another."""
    lines = []
    for n, question in enumerate(bank.questions):
        value = seed.value_for(question, n if question.type in TEXT_TYPES else 0)
        lines.append(f"{question.id}/gem\t{json.dumps(value, ensure_ascii=False)}")
    return lines


def _page_sizes(session: Session, lines: dict, keys: tuple[str, ...]) -> dict[str, int]:
    sizes = {}
    for key in keys:
        status, body = session.get(lines[key][0])
        if status != 200:
            raise RuntimeError(f"{lines[key][0]} answered {status}")
        sizes[key] = len(body.encode("utf-8"))
    return sizes


def scenarios(app_url, floor_url, lines, contact: Session, leader: Session, csrf) -> list:
    mine = contact.cookie()
    return [
        Scenario("floor", TITLES["floor"], floor_url, ("/",)),
        Scenario("question", TITLES["question"], app_url, tuple(lines["question"]), cookie=mine),
        Scenario("save", TITLES["save"], app_url, tuple(lines["save"]), "save.lua", mine, csrf),
        Scenario("plan", TITLES["plan"], app_url, tuple(lines["plan"]), cookie=mine),
        Scenario("mine", TITLES["mine"], app_url, ("/",), cookie=mine),
        Scenario("leader", TITLES["leader"], app_url, tuple(lines["leader"]),
                 cookie=leader.cookie()),
        Scenario("pdf", TITLES["pdf"], app_url, tuple(lines["pdf"]), cookie=mine, threads=1,
                 connections=1),
    ]


def check_floor_size(floor_url: str, question_bytes: int) -> int:
    status, body = Session(floor_url).get("/")
    size = len(body.encode("utf-8"))
    if status != 200 or abs(size - question_bytes) > SIZE_TOLERANCE * question_bytes:
        raise RuntimeError(f"the floor page is {size} bytes, the question page {question_bytes}")
    return size


def chain_checks(path: Path, before: int) -> str:
    """After the run: the audit chain still verifies, and it grew by at least one entry
    per measured request to resident data (every access is audited)."""
    db = open_db(path)
    result = audit.verify(db)
    count = db.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    db.close()
    if not result.ok:
        raise RuntimeError(f"the audit chain broke at entry {result.first_bad_id}")
    return (f"Checks after the run: the audit chain verifies ({result.checked:,} entries, "
            f"{count - before:,} written during the run).")


def measure_all(work: Path, seeded: seed.Seeded, seconds: int, warmup: int):
    lines = workload(seeded.path, seeded.contact.staff_id, seeded.bench_unit_id)
    app = app_server(work / "instance", seeded.path, work / "samtale.log")
    app.start("/healthz")
    floor = None
    try:
        contact, leader = Session(app.url), Session(app.url)
        contact.login(seeded.contact.username, seeded.contact.password)
        leader.login(seeded.leader.username, seeded.leader.password)
        sizes = _page_sizes(contact, lines, ("question", "plan", "mine")) | _page_sizes(
            leader, lines, ("leader",))
        csrf = contact.csrf_token(lines["question"][0])
        floor = floor_server(sizes["question"], work / "floor.log")
        floor.start("/")
        sizes["floor"] = check_floor_size(floor.url, sizes["question"])
        results: dict[str, Figures] = {}
        for scenario in scenarios(app.url, floor.url, lines, contact, leader, csrf):
            master = (floor if scenario.key == "floor" else app).process.pid
            wait_for_quiet()
            figures, spread, every = measure(scenario, seconds, warmup, master, RUNS)
            results[scenario.key] = figures
            SPREAD[scenario.key] = spread
            RUNS_SEEN[scenario.key] = every
            print(f"  {scenario.title}: {figures.rps:.0f} req/s, p50 {figures.p50_ms:.2f} ms, "
                  f"p95 {figures.p95_ms:.2f} ms, non-2xx {figures.non2xx}, connections per "
                  f"worker {'/'.join(map(str, spread))}, load {os.getloadavg()[0]:.2f} "
                  f"(p95 of each run: {', '.join(f'{f.p95_ms:.1f}' for f in every)})",
                  flush=True)
    finally:
        app.stop()
        if floor is not None:
            floor.stop()
    return results, sizes


SPREAD: dict[str, list[int]] = {}
RUNS_SEEN: dict[str, list[Figures]] = {}
RUNS = int(os.environ.get("BENCH_RUNS", "3"))
LOADS: list[float] = []


def wait_for_quiet() -> None:
    """Wait (up to BENCH_QUIET_WAIT seconds, default 120) until the machine's one-minute
    load average is under BENCH_QUIET_LOAD (default 1.5): on a shared machine other
    programs' load would be measured too. The load seen is reported."""
    limit = float(os.environ.get("BENCH_QUIET_LOAD", "1.5"))
    deadline = time.monotonic() + float(os.environ.get("BENCH_QUIET_WAIT", "120"))
    while os.getloadavg()[0] >= limit and time.monotonic() < deadline:
        time.sleep(5)
    LOADS.append(os.getloadavg()[0])


def main() -> int:
    began = time.monotonic()
    scale = seed.scale_from_env()
    seconds = int(os.environ.get("BENCH_SECONDS", "10"))
    warmup = int(os.environ.get("BENCH_WARMUP", "3"))
    if shutil.which("wrk") is None:
        print("wrk is missing: apt-get install wrk (make bench does it as root)")
        return 2
    work = Path(tempfile.mkdtemp(prefix="samtale-bench-"))
    try:
        print(f"Seeding (scale {scale:g}) in {work} ...", flush=True)
        seeded = seed.seed(work / "bench.db", seed.Sizes.from_scale(scale))
        print(f"Seeded in {seeded.seconds:.1f} s: " + ", ".join(
            f"{v:,} {k}" for k, v in seeded.counts.items()), flush=True)
        before = _audit_count(seeded.path)
        results, sizes = measure_all(work, seeded, seconds, warmup)
        checks = chain_checks(seeded.path, before)
    finally:
        if os.environ.get("BENCH_KEEP") != "1":
            shutil.rmtree(work, ignore_errors=True)
    context = {"date": report.clock.now().strftime("%Y-%m-%d"), "seed": seeded.seconds,
               "total": time.monotonic() - began, "counts": seeded.counts, "checks": checks,
               "method": METHOD.format(seconds=seconds, warmup=warmup, runs=RUNS)
               + " One-minute load average when each scenario began: "
               + ", ".join(f"{load:.2f}" for load in LOADS) + ".", "spreads": SPREAD,
               "runs": RUNS_SEEN}
    section = report.markdown(results, TITLES, sizes, context)
    print("\n" + section)
    if scale == 1:
        report.write_doc(section)
        print(f"\nWritten to {report.DOC}")
    return 0 if all(t.met for t in report.targets(results)) else 1


def _audit_count(path: Path) -> int:
    db = open_db(path)
    count = db.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    db.close()
    return count


if __name__ == "__main__":
    sys.exit(main())
