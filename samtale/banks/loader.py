"""Loading bank files from folders: the shipped banks, then the facility's own.

A later folder adds banks or replaces earlier ones with the same id. A bank with any
problem is left out (an earlier valid bank with its id stays in use) and its problems
are kept, so the app starts and the leader can see why on the admin page.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from samtale.banks.model import Bank
from samtale.banks.problems import Problem, message_id
from samtale.banks.reader import read_bank
from samtale.paths import resource_dir

_ = message_id

MAX_FILE_BYTES = 1_000_000

_UNCLOSED = _("En tekst mangler sit slut-anførselstegn. Tekst over flere linjer skal stå i tre "
              "anførselstegn: \"\"\"...\"\"\".")
_TOML_HINTS = (
    ("Illegal character '\\n'", _UNCLOSED),
    ("Unterminated string", _UNCLOSED),
    ("Expected '=' after a key", _("Der mangler et = mellem feltets navn og værdien.")),
    ("Unclosed array", _("En liste mangler sin slutklamme ].")),
    ("Unclosed inline table", _("Et { ... } mangler sin slutparentes }. Det skal stå på én "
                                "linje.")),
    ("Cannot overwrite a value", _("Det samme felt står to gange i samme blok. Slet det ene.")),
    ("Cannot declare", _("Den samme overskrift eller det samme felt står to gange. Slet den ene.")),
    ("Duplicate inline table key", _("Det samme felt står to gange i { ... }. Slet det ene.")),
    ("Expected ']", _("En overskrift mangler sin slutklamme, fx [[section.question]].")),
    ("Invalid value", _("En værdi kan ikke læses. Tekst skal stå i \"anførselstegn\", tal uden.")),
)
_TOML_FIX = _("Hver linje skal være felt = værdi, en [[overskrift]] eller en kommentar, der "
              "begynder med #.")


@dataclass
class BankSet:
    """The banks that loaded (`banks`, by id) and every problem found (`problems`)."""

    banks: dict[str, Bank] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def get(self, bank_id: str) -> Bank | None:
        return self.banks.get(bank_id)

    def by_purpose(self, purpose: str) -> list[Bank]:
        """The loaded banks with this purpose, ordered by id."""
        return [self.banks[key] for key in sorted(self.banks) if self.banks[key].purpose == purpose]

    @property
    def ok(self) -> bool:
        return not self.problems


def default_folders(banks_dir: str | Path | None = None) -> list[Path]:
    """The shipped folder, then the facility's folder (SAMTALE_BANKS_DIR) when given."""
    folders = [resource_dir("question_banks")]
    if banks_dir:
        folders.append(Path(banks_dir))
    return folders


def load_banks(folders: Iterable[str | Path]) -> BankSet:
    """Load every *.toml file in each folder, in order; later folders replace earlier
    banks by id. A folder that does not exist is skipped. Never raises."""
    return _load(folders, skip_missing=True)


def load_paths(paths: Iterable[str | Path]) -> BankSet:
    """Like load_banks, but `paths` may name files as well as folders, and a path that
    does not exist is a problem."""
    return _load(paths, skip_missing=False)


def check_paths(paths: Iterable[str | Path]) -> list[Problem]:
    """Every problem in the bank files and folders named; [] when all are valid."""
    return load_paths(paths).problems


def _files(path: Path) -> list[Path]:
    if path.is_dir():
        return sorted(p for p in path.glob("*.toml") if not p.name.startswith("."))
    return [path]


def _load(paths: Iterable[str | Path], skip_missing: bool) -> BankSet:
    result = BankSet()
    for path in (Path(p) for p in paths):
        if not path.exists():
            if not skip_missing:
                result.problems.append(Problem(str(path), _("Filen eller mappen findes ikke."),
                                               _("Ret stien, og prøv igen.")))
            continue
        seen_here: dict[str, str] = {}
        for file in _files(path):
            bank, problems = load_file(file)
            result.problems.extend(problems)
            if bank is None:
                continue
            if bank.id in seen_here:
                result.problems.append(_duplicate(file, bank, seen_here[bank.id]))
                continue
            seen_here[bank.id] = str(file)
            result.banks[bank.id] = bank
    return result


def _duplicate(file: Path, bank: Bank, other: str) -> Problem:
    return Problem(
        str(file), _("Banken '%(id)s' findes også i %(other)s."),
        _("Giv hver bank i mappen sit eget id. En bank i institutionens egen mappe må gerne "
          "have samme id som en medfølgende bank: så erstatter den den."),
        bank_id=bank.id, params={"id": bank.id, "other": other},
    )


def load_file(path: str | Path) -> tuple[Bank | None, list[Problem]]:
    """Read one bank file: (bank, []) when valid, else (None, every problem). Never raises."""
    path = Path(path)
    try:
        return _load_file(path)
    except Exception as error:  # noqa: BLE001 - a broken bank must never stop the app
        return None, [Problem(str(path), _("Banken kunne ikke læses på grund af en intern fejl "
                                           "(%(error)s)."),
                              _("Send filen til den, der driver Samtale."),
                              params={"error": type(error).__name__})]


def _load_file(path: Path) -> tuple[Bank | None, list[Problem]]:
    name = str(path)
    if path.stat().st_size > MAX_FILE_BYTES:
        return None, [Problem(name, _("Filen er for stor."),
                              _("En bank må højst fylde %(max)s kB."), params={"max": 1000})]
    try:
        source = path.read_bytes().decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError:
        return None, [Problem(name, _("Filen er ikke gemt som UTF-8."),
                              _("Gem filen igen, og vælg tegnsættet UTF-8."))]
    try:
        data = tomllib.loads(source)
    except (tomllib.TOMLDecodeError, RecursionError) as error:
        return None, [_syntax_problem(name, source, error)]
    return read_bank(data, name, source)


def _syntax_problem(file: str, source: str, error: Exception) -> Problem:
    detail = str(error)
    match = re.search(r"at line (\d+)", detail)
    line = int(match.group(1)) if match else (source.count("\n") + 1 if "end of" in detail
                                                else None)
    fix = next((hint for prefix, hint in _TOML_HINTS if detail.startswith(prefix)), _TOML_FIX)
    return Problem(file, _("Filen kan ikke læses som TOML (%(error)s)."), fix, line,
                   params={"error": detail})
