"""The figures as a table, the targets and whether each is met, the machine; written to
the console and between the markers in docs/performance.md (the text around the markers,
what was found and fixed, is written by hand and kept)."""

from __future__ import annotations

import os
import platform
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path

from bench.measure import Figures
from samtale import clock

DOC = Path(__file__).resolve().parent.parent / "docs" / "performance.md"
BEGIN, END = "<!-- bench:begin -->", "<!-- bench:end -->"
RATIO_LIMIT = 2.0
PAGE_P95_MS = 50.0
PDF_MS = 1000.0
SAVES_PER_SECOND = 1000.0


@dataclass(frozen=True)
class Target:
    text: str
    figure: str
    met: bool


def _ratio(figures: Figures, floor: Figures) -> tuple[float, float]:
    return figures.p50_ms / floor.p50_ms, figures.p95_ms / floor.p95_ms


def targets(results: dict[str, Figures]) -> list[Target]:
    floor, out = results["floor"], []
    for key, name in (("question", "Question page"), ("save", "Answer save")):
        p50, p95 = _ratio(results[key], floor)
        out.append(Target(f"{name} within {RATIO_LIMIT:g}× the floor's latency (p50 and p95)",
                          f"{p50:.2f}× / {p95:.2f}×",
                          p50 <= RATIO_LIMIT and p95 <= RATIO_LIMIT and not results[key].void))
    for key, name in (("plan", "Min plan"), ("mine", "Contact person's overview (/)"),
                      ("leader", "Leader's overview (/oversigt)")):
        figures = results[key]
        out.append(Target(f"{name} p95 under {PAGE_P95_MS:g} ms", f"{figures.p95_ms:.1f} ms",
                          figures.p95_ms < PAGE_P95_MS and not figures.void))
    pdf = results["pdf"]
    out.append(Target(f"PDF export under {PDF_MS:g} ms (p95)", f"{pdf.p95_ms:.0f} ms",
                      pdf.p95_ms < PDF_MS and not pdf.void))
    save = results["save"]
    out.append(Target(f"Answer saves ≥ {SAVES_PER_SECOND:g}/s with two workers",
                      f"{save.rps:.0f}/s", save.rps >= SAVES_PER_SECOND and not save.void))
    return out


def _cpu() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _ram() -> str:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                return f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    return "unknown"


def _wrk_version() -> str:
    done = subprocess.run(["wrk", "-v"], capture_output=True, text=True, check=False)
    return (done.stdout or done.stderr).splitlines()[0].strip() if done.stdout or done.stderr \
        else "wrk"


def machine() -> list[tuple[str, str]]:
    return [("Date", clock.now().strftime("%Y-%m-%d %H:%M UTC")), ("CPU", _cpu()),
            ("Cores", str(os.cpu_count())), ("RAM", _ram()),
            ("OS", f"{platform.system()} {platform.release()}"),
            ("Python", platform.python_version()), ("SQLite", sqlite3.sqlite_version),
            ("Load generator", _wrk_version())]


def _row(title: str, figures: Figures, floor: Figures, page_bytes: int | None,
         spread: list[int], every: list[Figures]) -> str:
    p50, p95 = _ratio(figures, floor)
    void = " **void**" if figures.void else ""
    size = f"{page_bytes / 1024:.1f}" if page_bytes else "–"
    runs = ", ".join(f"{run.rps:.0f}/{run.p95_ms:.1f}" for run in every) or "–"
    return (f"| {title}{void} | {figures.requests} | {figures.rps:.0f} | {figures.p50_ms:.2f} | "
            f"{figures.p95_ms:.2f} | {figures.p99_ms:.2f} | {p50:.2f}× / {p95:.2f}× | "
            f"{figures.non2xx} | {size} | {'/'.join(map(str, spread)) or '–'} | {runs} |")


def table(results: dict[str, Figures], titles: dict[str, str], sizes: dict[str, int],
          spreads: dict[str, list[int]], runs: dict[str, list[Figures]]) -> str:
    floor = results["floor"]
    lines = ["| Scenario | Requests | Req/s | p50 ms | p95 ms | p99 ms | vs floor p50 / p95 | "
             "Non-2xx | KB | Conn. per worker | Every run: req/s / p95 ms |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|:---:|---|"]
    lines += [_row(titles[key], results[key], floor, sizes.get(key), spreads.get(key, []),
                   runs.get(key, [])) for key in results]
    return "\n".join(lines)


def markdown(results, titles, sizes, context: dict) -> str:
    goals = targets(results)
    parts = [f"Measured by `make bench` on {context['date']}; the whole run took "
             f"{context['total']:.0f} s (seeding {context['seed']:.1f} s).", "",
             "| Machine | |", "|---|---|"]
    parts += [f"| {name} | {value} |" for name, value in machine()]
    parts += ["", "Data: " + ", ".join(f"{v:,} {k.replace('_', ' ')}"
                                       for k, v in context["counts"].items()) + ".", "",
              context["method"], "",
              table(results, titles, sizes, context["spreads"], context["runs"]), "",
              "| Target | Measured | Met |", "|---|---:|:---:|"]
    parts += [f"| {t.text} | {t.figure} | {'yes' if t.met else '**no**'} |" for t in goals]
    parts += ["", context["checks"]]
    return "\n".join(parts)


def write_doc(section: str) -> None:
    """Replace the generated section of docs/performance.md (create the file if needed)."""
    text = DOC.read_text(encoding="utf-8") if DOC.exists() else \
        f"# Performance\n\n## The latest run\n\n{BEGIN}\n{END}\n"
    if BEGIN not in text or END not in text:
        text += f"\n## The latest run\n\n{BEGIN}\n{END}\n"
    head, rest = text.split(BEGIN, 1)
    tail = rest.split(END, 1)[1]
    DOC.write_text(f"{head}{BEGIN}\n{section}\n{END}{tail}", encoding="utf-8")
