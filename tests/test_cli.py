"""The `samtale` command, run as a subprocess the way an operator runs it."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys

import pytest


@pytest.fixture
def run(tmp_path):
    env = {
        **os.environ,
        "SAMTALE_DATABASE": str(tmp_path / "s.db"),
        "SAMTALE_INSTANCE_DIR": str(tmp_path),
        "SAMTALE_ARGON2_TIME_COST": "1",
        "SAMTALE_ARGON2_MEMORY_KIB": "8192",
    }

    def invoke(*args, stdin: str | None = None, extra_env: dict | None = None):
        return subprocess.run(
            [sys.executable, "-m", "samtale.cli", *args],
            input=stdin,
            capture_output=True,
            text=True,
            env={**env, **(extra_env or {})},
            timeout=120,
        )

    invoke.path = tmp_path / "s.db"
    return invoke


def test_help_lists_every_command_with_one_line(run):
    result = run("--help")
    assert result.returncode == 0
    for command in ("serve", "init", "user", "residents", "demo", "backup", "restore"):
        line = next(x for x in result.stdout.splitlines() if x.strip().startswith(command + " "))
        assert not line.rstrip().endswith("..."), f"help for {command} is cut: {line}"


def test_init_then_user_add_list_disable(run):
    assert run("init").returncode == 0
    added = run(
        "user",
        "add",
        "--username",
        "lene",
        "--name",
        "Lene Holm",
        "--role",
        "leder",
        "--unit",
        "Nord",
        "--password-stdin",
        stdin="en god lang sætning\n",
    )
    assert added.returncode == 0, added.stderr
    listed = run("user", "list").stdout
    assert "lene" in listed and "Lene Holm" in listed and "Nord" in listed
    assert run("user", "disable", "lene").returncode == 0
    assert "nej" in run("user", "list").stdout


def test_errors_are_one_clean_line_and_non_zero(run):
    result = run(
        "user", "add", "--username", "x", "--name", "X", "--password-stdin", stdin="kort\n"
    )
    assert result.returncode == 1
    assert result.stderr.strip().count("\n") == 0
    assert "Traceback" not in result.stderr and result.stderr.startswith("Fejl:")
    missing = run("user", "disable", "nobody")
    assert missing.returncode == 1 and "nobody" in missing.stderr
    assert missing.stderr.strip().count("\n") == 0


def test_common_password_is_refused(run):
    result = run(
        "user", "add", "--username", "bo", "--name", "Bo", "--password-stdin", stdin="password123\n"
    )
    assert result.returncode == 1 and "almindelig" in result.stderr


def test_demo_fills_an_empty_database_and_refuses_real_data(run, tmp_path):
    first = run("demo")
    assert first.returncode == 0, first.stderr
    assert "demo.leder" in first.stdout and "demo.mette" in first.stdout
    residents = run("residents").stdout
    assert "Karin S." in residents and "Afdeling Nord" in residents
    again = run("demo")
    assert again.returncode == 1 and "demodata" in again.stderr
    other = {"SAMTALE_DATABASE": str(tmp_path / "real.db")}
    run(
        "user",
        "add",
        "--username",
        "rigtig",
        "--name",
        "R",
        "--unit",
        "A",
        "--password-stdin",
        stdin="en god lang sætning\n",
        extra_env=other,
    )
    refused = run("demo", extra_env=other)
    assert refused.returncode == 1 and "rigtige data" in refused.stderr


def test_demo_passwords_differ_between_runs(run, tmp_path):
    first = run("demo", "--seed", "1").stdout
    second = run("demo", "--seed", "1", extra_env={"SAMTALE_DATABASE": str(tmp_path / "b.db")})
    assert first.splitlines()[2] != second.stdout.splitlines()[2]


def test_backup_and_restore(run, tmp_path):
    run("demo")
    backup = tmp_path / "backups" / "copy.db"
    result = run("backup", str(backup))
    assert result.returncode == 0 and "integrity_check: ok" in result.stdout
    assert run("backup", str(backup)).returncode == 1  # never overwrites by accident
    conn = sqlite3.connect(run.path)
    conn.execute("DELETE FROM resident_contacts")
    conn.execute("DELETE FROM residents")
    conn.commit()
    conn.close()
    assert "Karin" not in run("residents").stdout
    restored = run("restore", str(backup), "--yes")
    assert restored.returncode == 0, restored.stderr
    assert "Karin S." in run("residents").stdout


def test_restore_refuses_a_file_that_is_not_a_samtale_database(run, tmp_path):
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a database at all" * 100)
    result = run("restore", str(junk), "--yes")
    assert result.returncode == 1 and "Samtale-database" in result.stderr
    assert run("restore", str(tmp_path / "none.db"), "--yes").returncode == 1


def test_every_command_is_documented():
    from pathlib import Path

    from samtale.cli import main

    text = (Path(__file__).parent.parent / "docs" / "operations.md").read_text()
    for name, command in main.commands.items():
        assert f"samtale {name}" in text, f"`samtale {name}` is not in docs/operations.md"
        for sub in getattr(command, "commands", {}):
            assert f"samtale {name} {sub}" in text, f"`samtale {name} {sub}` is not documented"
