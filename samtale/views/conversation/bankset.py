"""The question banks for this process: loaded once, reloaded when a bank file changes.

A facility edits its banks in the instance folder without restarting. Each call stats
the bank folders and their *.toml files (a handful of stat calls, well under a
millisecond) and loads the banks again only when a file was added, removed or changed.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

from flask import current_app

from samtale.banks import BankSet, default_folders, load_banks

_lock = threading.Lock()
_cache: dict[tuple[str, ...], tuple[tuple, BankSet]] = {}


def _signature(folders: list[Path]) -> tuple:
    """What the folders hold now: each bank file's path, mtime and size."""
    parts: list[tuple] = []
    for folder in folders:
        try:
            entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
        except OSError:
            parts.append((str(folder), None))
            continue
        for entry in entries:
            if entry.name.endswith(".toml") and not entry.name.startswith("."):
                try:
                    info = entry.stat()
                except OSError:
                    continue
                parts.append((entry.path, info.st_mtime_ns, info.st_size))
    return tuple(parts)


def bank_set(banks_dir: str | Path | None) -> BankSet:
    """The BankSet of the shipped banks and the facility's folder, fresh as of now."""
    folders = default_folders(banks_dir)
    key = tuple(str(folder) for folder in folders)
    signature = _signature(folders)
    cached = _cache.get(key)
    if cached and cached[0] == signature:
        return cached[1]
    with _lock:
        cached = _cache.get(key)
        if cached and cached[0] == signature:
            return cached[1]
        loaded = load_banks(folders)
        _cache[key] = (signature, loaded)
        return loaded


def current_banks() -> BankSet:
    """The banks for the running app (SAMTALE_BANKS_DIR after the shipped ones)."""
    return bank_set(current_app.config["BANKS_DIR"])


def is_shipped(source: str) -> bool:
    """Whether a bank file is one of the banks that ship with Samtale."""
    shipped = default_folders(None)[0].resolve()
    try:
        return Path(source).resolve().is_relative_to(shipped)
    except (OSError, ValueError):
        return False
