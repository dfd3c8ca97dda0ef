"""Issue 8, defect 10: `audit checkpoint >> archive.jsonl`, as its help says, must build an
archive that `audit verify --archive` accepts. The real command runs in a subprocess with its
stdout appended to the archive file, on both stores; before the fix it printed a human line
before the JSON and verify failed with "Expecting value: line 1 column 1" and a traceback."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from infra.audit.checkpoint import generate_keypair
from infra.bootstrap import System
from tests.support import build_agency

CLI = str(Path(sys.executable).parent / "sistemkerja")  # the installed entry point


@pytest.fixture
def keys(tmp_path: Path) -> tuple[Path, Path]:
    return generate_keypair(tmp_path / "keys")


@pytest.fixture
def cli_env(system: System, keys: tuple[Path, Path]) -> dict[str, str]:
    env = {name: value for name, value in os.environ.items() if not name.startswith("SISTEMKERJA_")}
    return env | {
        "SISTEMKERJA_DATABASE_URL": system.settings.database_url,
        "SISTEMKERJA_SCHEMA": system.settings.db_schema,
        "SISTEMKERJA_SIGNING_KEY": str(keys[0]),
    }


def _audit(
    args: list[str], env: dict[str, str], cwd: Path, stdout=subprocess.PIPE
) -> subprocess.CompletedProcess:
    # cwd: a directory without a .env, so only the environment above configures the command.
    return subprocess.run(
        [CLI, "audit", *args],
        env=env,
        cwd=cwd,
        stdout=stdout,
        stderr=subprocess.PIPE,
        text=True,
        timeout=120,
        check=False,
    )


def _checkpoint_into(archive: Path, env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess:
    with archive.open("a") as appended:  # the shell's `>> archive`
        return _audit(["checkpoint"], env, cwd, stdout=appended)


def test_checkpoints_appended_to_an_archive_verify(system, admin, keys, cli_env, tmp_path):
    archive = tmp_path / "checkpoints.jsonl"
    build_agency(system.app, admin, code="DINKES")
    first = _checkpoint_into(archive, cli_env, tmp_path)
    assert first.returncode == 0, first.stderr
    build_agency(system.app, admin, code="DISDIK")
    second = _checkpoint_into(archive, cli_env, tmp_path)
    assert second.returncode == 0, second.stderr

    lines = archive.read_text().splitlines()
    assert len(lines) == 2 and all(json.loads(line)["signature"] for line in lines)
    assert json.loads(lines[0])["seq"] < json.loads(lines[1])["seq"]
    verified = _audit(["verify", "--public-key", str(keys[1]), "--archive", str(archive)], cli_env, tmp_path)
    assert verified.returncode == 0, verified.stdout + verified.stderr
    assert "Intact" in verified.stdout
    assert f"position {json.loads(lines[1])['seq']}" in verified.stdout
    assert "Signed checkpoint" in first.stderr  # the message for people, on stderr


def test_a_bad_archive_line_is_reported_with_its_number(system, admin, keys, cli_env, tmp_path):
    archive = tmp_path / "checkpoints.jsonl"
    build_agency(system.app, admin)
    assert _checkpoint_into(archive, cli_env, tmp_path).returncode == 0
    good = archive.read_text().strip()
    verify = ["verify", "--public-key", str(keys[1]), "--archive", str(archive)]
    corruptions = {
        "Signed checkpoint: position 12, at 2026-01-01": "not JSON",  # what the old command wrote
        '{"seq": 3, "head_hash": "ab"}': "signature",
        "[1, 2, 3]": "not a checkpoint",
        json.dumps(json.loads(good) | {"signature": "not hex"}): "not a valid checkpoint",
    }
    for line, reason in corruptions.items():
        archive.write_text(f"{good}\n\n{line}\n")
        refused = _audit(verify, cli_env, tmp_path)
        assert refused.returncode == 2, refused.stdout + refused.stderr
        assert f"{archive}, line 3" in refused.stderr and reason in refused.stderr, refused.stderr
        assert "Traceback" not in refused.stdout + refused.stderr


def test_a_missing_archive_is_a_clear_error(system, keys, cli_env, tmp_path):
    missing = tmp_path / "nowhere.jsonl"
    refused = _audit(["verify", "--public-key", str(keys[1]), "--archive", str(missing)], cli_env, tmp_path)
    assert refused.returncode == 2 and "Cannot read the archive" in refused.stderr
    assert "Traceback" not in refused.stderr


def test_a_missing_or_wrong_key_file_is_a_clear_error(system, keys, cli_env, tmp_path):
    not_a_key = tmp_path / "not-a-key.pem"
    not_a_key.write_text("hello\n")
    for args in (
        ["verify", "--public-key", str(tmp_path / "none.pub")],
        ["verify", "--public-key", str(not_a_key)],
        ["checkpoint", "--key", str(not_a_key)],
    ):
        refused = _audit(args, cli_env, tmp_path)
        assert refused.returncode == 2 and "Cannot use the key" in refused.stderr, refused.stderr
        assert refused.stdout == "" and "Traceback" not in refused.stderr
