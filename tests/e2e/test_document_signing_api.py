"""Signed letters over real HTTP (issue 12 parts 3, 4, 6): the Surat Tugas rendered from the events
is signed by the official who issued it, `documents { signedBy signedAt }` shows it, the download
answers the signed file, its PAdES signature validates with pyHanko, and `GET /verify/<code>`
finds it genuine."""

import hashlib
import io

import httpx
import pytest
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext
from pypdf import PdfReader

from application.principal import Principal
from domain.profile import load_profile
from infra.bootstrap import build
from infra.documents.render import documents_of, render_document
from infra.documents.signed import code_for, sign_and_record
from infra.documents.signing import LocalSigner, generate_identity
from infra.documents.verify import _der
from tests.e2e.conftest import running_server
from tests.integration.assignment_walk import ADMIN, walk_to
from tests.support import build_world

pytestmark = pytest.mark.profile("pemalang-2023")

READ = (
    "query($id: ID!) { assignment(id: $id) { documents { kind signedBy signedAt downloadUrl verifyCode } } }"
)


def test_pemalang_pasal_10_ayat_6_the_surat_tugas_signed_by_its_issuer_verifies(settings, tmp_path):
    settings = settings.model_copy(update={"documents_dir": tmp_path / "documents"})
    system = build(settings)
    try:
        world = build_world(system.app, ADMIN)
        route = load_profile("pemalang-2023").assignment.routes[0]
        a = walk_to(system.app, world, route, len(route.steps) + 1)
        (ref,) = [r for r in documents_of(system, str(a.id)) if r.kind.value == "SURAT_TUGAS"]
        doc = render_document(system, ref)
        assert doc.verify_code == code_for(system.app, doc.kind, doc.position)  # one derivation
        key, cert = generate_identity("Kepala Unit")
        signed = sign_and_record(
            system.app,
            Principal(doc.signer_nip),
            doc.pdf,
            kind=doc.kind,
            position=doc.position,
            code=doc.verify_code,
            signer=LocalSigner(key, cert),
            signer_name="Kepala Unit",
            files=settings.documents_dir,
        )
    finally:
        system.close()
    with running_server(settings) as server:
        docs = server.gql(READ, {"id": str(a.id)})["assignment"]["documents"]
        (letter,) = [d for d in docs if d["kind"] == "SURAT_TUGAS"]
        assert letter["signedBy"] == doc.signer_nip and letter["signedAt"]
        got = httpx.get(
            f"{server.url}{letter['downloadUrl']}",
            headers={"authorization": f"Bearer {server.token(admin=True)}"},
            timeout=30,
        )
        assert got.content == signed.pdf and got.content.startswith(doc.pdf)  # the letter, then its signature
        digest = hashlib.sha256(got.content).hexdigest()
        verdict = httpx.get(f"{server.url}/verify/{letter['verifyCode']}", params={"sha256": digest}).json()
        assert (verdict["status"], verdict["kind"], verdict["faults"]) == ("GENUINE", "SURAT_TUGAS", [])
    status = validate_pdf_signature(
        PdfFileReader(io.BytesIO(got.content)).embedded_signatures[0],
        ValidationContext(trust_roots=[_der(cert)]),
    )
    assert (status.intact, status.valid, status.trusted, status.coverage) == (
        True,
        True,
        True,
        SignatureCoverageLevel.ENTIRE_FILE,
    )
    text = " ".join(PdfReader(io.BytesIO(got.content)).pages[0].extract_text().split())
    assert letter["verifyCode"] in text


def test_documents_sign_by_code_renders_signs_and_records(settings, tmp_path, monkeypatch):
    """`sistemkerja documents sign --code …`: the letter rendered from the events, then signed."""
    from typer.testing import CliRunner

    from infra.cli import app as cli

    system = build(settings)
    try:
        world = build_world(system.app, ADMIN)
        route = load_profile("pemalang-2023").assignment.routes[0]
        a = walk_to(system.app, world, route, len(route.steps) + 1)
        (ref,) = [r for r in documents_of(system, str(a.id)) if r.kind.value == "SURAT_TUGAS"]
        doc = render_document(system, ref)
    finally:
        system.close()
    for name, value in (
        ("DATABASE_URL", settings.database_url),
        ("SCHEMA", settings.db_schema),
        ("PROFILE", settings.profile),
        ("DOCUMENTS_DIR", str(tmp_path / "kept")),
    ):
        monkeypatch.setenv(f"SISTEMKERJA_{name}", value)
    runner = CliRunner()
    keys = tmp_path / "keys"
    assert (
        runner.invoke(cli, ["documents", "identity", "--name", "Kepala Unit", "--out", str(keys)]).exit_code
        == 0
    )
    out = tmp_path / "st.pdf"
    signing = [
        "--key",
        str(keys / "signer-key.pem"),
        "--cert",
        str(keys / "signer-cert.pem"),
        "--out",
        str(out),
    ]
    done = runner.invoke(
        cli,
        [
            "documents",
            "sign",
            "--code",
            doc.verify_code,
            "--as",
            doc.signer_nip,
            "--name",
            "Kepala Unit",
            *signing,
        ],
    )
    assert done.exit_code == 0, done.output
    assert out.read_bytes().startswith(doc.pdf)
    verified = runner.invoke(cli, ["documents", "verify", str(out), "--trust", str(keys / "signer-cert.pem")])
    assert verified.exit_code == 0 and verified.output.startswith("GENUINE"), verified.output
