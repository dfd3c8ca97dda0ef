"""`GET /verify/<code>` over real HTTP (issue 12 part 4) and `sistemkerja documents verify`:
public, rate-limited; a genuine document, one altered after signing, one whose decision's event
was tampered with in the store, and an unknown code, each named as such."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

import httpx
import orjson
import psycopg
import pytest
from psycopg import sql
from typer.testing import CliRunner

from application.principal import Principal
from infra.bootstrap import build
from infra.cli import app as cli
from infra.documents.render import documents_of, render_document
from infra.documents.signed import SignedFile, sign_and_record
from infra.documents.signing import LocalSigner, generate_identity
from infra.settings import Settings
from tests.e2e.conftest import running_server
from tests.integration.team_world import _build, form
from tests.integration.test_document_signatures import letter

KIND = "KEPUTUSAN_TIM"


@dataclass
class Signed:
    settings: Settings
    position: int
    file: SignedFile
    cert: Path
    signer_nip: str


@pytest.fixture
def signed(settings: Settings, tmp_path: Path) -> Signed:
    """Kab. Serang: a team formed by the agency head, its decree signed by him (local key)."""
    settings = settings.model_copy(update={"documents_dir": tmp_path / "documents", "verify_per_minute": 6})
    system = build(settings)
    try:
        world = _build(system.app)
        team = form(system.app, world)
        (ref,) = documents_of(system, str(team.id))
        doc = render_document(system, ref)  # the Keputusan, rendered from the team's events
        position = doc.position
        key, cert = generate_identity("Kepala Badan")
        file = sign_and_record(
            system.app,
            Principal(team.formed_by_nip),
            doc.pdf,
            kind=KIND,
            position=position,
            code=doc.verify_code,
            signer=LocalSigner(key, cert),
            signer_name="Kepala Badan",
            files=settings.documents_dir,
        )
    finally:
        system.close()
    (tmp_path / "cert.pem").write_bytes(cert)
    return Signed(settings, position, file, tmp_path / "cert.pem", team.formed_by_nip)


def test_verify_answers_genuine_altered_and_unknown_publicly_and_is_rate_limited(signed):
    with running_server(signed.settings) as server:
        code = signed.file.verify_code
        genuine = httpx.get(f"{server.url}/verify/{code.lower()}")  # as typed: any case
        assert genuine.status_code == 200
        body = genuine.json()
        assert (body["status"], body["kind"], body["sha256"]) == ("GENUINE", KIND, signed.file.sha256)
        assert "signerNip" not in body and "faults" in body and body["faults"] == []
        held = httpx.get(f"{server.url}/verify/{code}", params={"sha256": "0" * 64}).json()
        assert held["status"] == "ALTERED"
        unknown = httpx.get(f"{server.url}/verify/0000-0000-0000")
        assert (unknown.status_code, unknown.json()["status"]) == (404, "UNKNOWN")
        answers = [httpx.get(f"{server.url}/verify/{code}").status_code for _ in range(4)]
        assert answers[-1] == 429  # six a minute: the seventh is refused


def tamper(settings: Settings, position: int) -> None:
    """Change the decision's stored event with raw SQL, as a database administrator could."""
    if settings.is_sqlite:
        with sqlite3.connect(settings.sqlite_path(), isolation_level=None) as raw:
            (state,) = raw.execute("SELECT state FROM stored_events WHERE rowid = ?", (position,)).fetchone()
            forged = orjson.dumps(orjson.loads(state) | {"owning_unit": "X"})
            raw.execute("UPDATE stored_events SET state = ? WHERE rowid = ?", (forged, position))
        return
    table = sql.Identifier(settings.db_schema, "sistemkerja_events")
    with psycopg.connect(settings.database_url, autocommit=True) as raw:
        query = sql.SQL("SELECT state FROM {} WHERE notification_id = %s").format(table)
        (state,) = raw.execute(query, (position,)).fetchone()
        forged = orjson.dumps(orjson.loads(bytes(state)) | {"owning_unit": "X"})
        update = sql.SQL("UPDATE {} SET state = %s WHERE notification_id = %s").format(table)
        raw.execute(update, (forged, position))


def test_documents_verify_offline_names_genuine_altered_and_a_tampered_event(signed, monkeypatch, tmp_path):
    monkeypatch.setenv("SISTEMKERJA_DATABASE_URL", signed.settings.database_url)
    monkeypatch.setenv("SISTEMKERJA_SCHEMA", signed.settings.db_schema)
    monkeypatch.setenv("SISTEMKERJA_PROFILE", signed.settings.profile)
    path = tmp_path / "files"
    path.mkdir()
    good = path / "genuine.pdf"
    good.write_bytes(signed.file.pdf)
    runner = CliRunner()
    result = runner.invoke(cli, ["documents", "verify", str(good), "--trust", str(signed.cert)])
    assert (result.exit_code, result.output.split()[0]) == (0, "GENUINE"), result.output
    pdf = signed.file.pdf
    i = pdf.index(b"stream") + 20
    bad = path / "altered.pdf"
    bad.write_bytes(pdf[:i] + bytes([pdf[i] ^ 1]) + pdf[i + 1 :])
    result = runner.invoke(cli, ["documents", "verify", str(bad)])
    assert (result.exit_code, result.output.split()[0]) == (1, "ALTERED"), result.output
    tamper(signed.settings, signed.position)
    result = runner.invoke(cli, ["documents", "verify", str(good)])
    assert (result.exit_code, result.output.split()[0]) == (1, "NOT_IN_CHAIN"), result.output
    assert "changed in the store" in result.output
    with running_server(signed.settings) as server:
        answer = httpx.get(f"{server.url}/verify/{signed.file.verify_code}").json()
        assert answer["status"] == "NOT_IN_CHAIN"


def test_documents_sign_then_verify_from_the_command_line(signed, monkeypatch, tmp_path):
    """`sistemkerja documents identity`, `sign` (recorded as the deciding official), `verify`."""
    monkeypatch.setenv("SISTEMKERJA_DATABASE_URL", signed.settings.database_url)
    monkeypatch.setenv("SISTEMKERJA_SCHEMA", signed.settings.db_schema)
    monkeypatch.setenv("SISTEMKERJA_PROFILE", signed.settings.profile)
    monkeypatch.setenv("SISTEMKERJA_DOCUMENTS_DIR", str(tmp_path / "kept"))
    runner = CliRunner()
    keys = tmp_path / "keys"
    assert (
        runner.invoke(cli, ["documents", "identity", "--name", "Kepala Badan", "--out", str(keys)]).exit_code
        == 0
    )
    source = tmp_path / "surat.pdf"
    source.write_bytes(letter("SURAT TUGAS"))
    common = ["--position", str(signed.position), "--kind", "SURAT_TUGAS", "--name", "Kepala Badan"]
    common += ["--key", str(keys / "signer-key.pem"), "--cert", str(keys / "signer-cert.pem")]
    refused = runner.invoke(cli, ["documents", "sign", str(source), "--as", "199001012015031099", *common])
    assert refused.exit_code == 1 and "NOT_YOUR_STEP" in refused.output, refused.output
    done = runner.invoke(cli, ["documents", "sign", str(source), "--as", signed.signer_nip, *common])
    assert done.exit_code == 0, done.output
    out = tmp_path / "surat.signed.pdf"
    assert len(list((tmp_path / "kept").glob("*.pdf"))) == 1
    verified = runner.invoke(
        cli, ["documents", "verify", str(out), "--trust", str(keys / "signer-cert.pem"), "--json"]
    )
    assert verified.exit_code == 0 and '"GENUINE"' in verified.output, verified.output
