"""Signed documents (issue 12 parts 3-4) on a real SQLite store: the team's Keputusan rendered from
its events (infra.documents.render), a PAdES signature by a local key
or BSrE's API (a local fake), recorded as an event, validated with pyHanko's validator, and
verified against the ledger: genuine, altered after signing, or its event tampered in the store.
Tampering is done with raw SQL, as a database administrator would (cf. test_hash_chain)."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import Any

import orjson
import pytest
from fpdf import FPDF
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from application.principal import Principal
from domain.errors import Forbidden
from infra.audit.chain import GENESIS, ChainEvent, link
from infra.audit.checkpoint import generate_keypair, load_private_key
from infra.audit.signing import sign_checkpoint
from infra.bootstrap import System
from infra.documents.bsre import BsreSigner
from infra.documents.render import documents_of, render_document
from infra.documents.signed import SignedFile, code_for, sign_and_record
from infra.documents.signing import LocalSigner, SigningError, SignRequest, generate_identity
from infra.documents.verify import ALTERED, GENUINE, NOT_IN_CHAIN, UNKNOWN, _der, verify_document
from projections.documents.view import signature_of
from tests.bsre_fake import CLIENT_ID, CLIENT_SECRET, FakeBsre
from tests.integration.team_world import form, world_for

KIND = "KEPUTUSAN_TIM"


def letter(text: str = "KEPUTUSAN KEPALA BADAN tentang Pembentukan Tim Kerja") -> bytes:
    """Until the render feature lands: any PDF made with fpdf2."""
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(text=text)
    return bytes(pdf.output())


@dataclass
class Signed:
    system: System
    db: Path
    position: int
    code: str
    signer_nip: str
    cert: bytes
    file: SignedFile

    def verify(self, **kwargs: Any):
        row = signature_of(self.system.store, self.code)
        return verify_document(self.system.app.recorder, self.system.app.profile.id, self.code, row, **kwargs)

    def raw(self, statement: str, *params: Any) -> list[Any]:
        with sqlite3.connect(self.db, isolation_level=None) as raw:
            return raw.execute(statement, params).fetchall()


@pytest.fixture
def signed(tmp_path, tmp_path_factory):
    system, world = world_for("kab-serang-2024", tmp_path, tmp_path_factory)
    team = form(system.app, world)
    (ref,) = documents_of(system, str(team.id))  # the team's Keputusan, rendered from its events
    doc = render_document(system, ref)
    position, code = doc.position, doc.verify_code
    assert (doc.kind, code, doc.signer_nip) == (
        KIND,
        code_for(system.app, KIND, position),
        team.formed_by_nip,
    )
    key, cert = generate_identity("Kepala Badan")
    file = sign_and_record(
        system.app,
        Principal(team.formed_by_nip),
        doc.pdf,
        kind=KIND,
        position=position,
        code=code,
        signer=LocalSigner(key, cert),
        signer_name="Kepala Badan",
        files=tmp_path / "documents",
    )
    yield Signed(system, tmp_path / "store.db", position, code, team.formed_by_nip, cert, file)
    system.close()


def test_the_signature_validates_with_pyhankos_validator(signed):
    reader = PdfFileReader(BytesIO(signed.file.pdf))
    status = validate_pdf_signature(
        reader.embedded_signatures[0], ValidationContext(trust_roots=[_der(signed.cert)])
    )
    assert (status.intact, status.valid, status.trusted) == (True, True, True)
    assert status.coverage == SignatureCoverageLevel.ENTIRE_FILE
    assert signed.file.path.read_bytes() == signed.file.pdf


def test_the_signature_is_recorded_with_who_when_and_the_hash(signed):
    row = signature_of(signed.system.store, signed.code)
    assert row is not None
    assert (row["kind"], row["position"], row["signer_nip"], row["sha256"], row["signer_backend"]) == (
        KIND,
        signed.position,
        signed.signer_nip,
        signed.file.sha256,
        "local",
    )
    assert row["signed_at"]


def test_a_genuine_document_is_genuine_and_under_the_latest_checkpoint(signed, tmp_path):
    private = load_private_key(generate_keypair(tmp_path / "keys")[0])
    sign_checkpoint(signed.system.app.recorder, private)
    verdict = signed.verify(pdf=signed.file.pdf, trust_roots=[signed.cert], public_key=private.public_key())
    assert (verdict.status, verdict.faults) == (GENUINE, [])
    assert verdict.checkpoint["coversDecision"] and verdict.checkpoint["signatureChecked"]


def test_a_document_altered_after_signing_is_named_altered(signed):
    pdf = signed.file.pdf
    i = pdf.index(b"stream") + 20
    altered = pdf[:i] + bytes([pdf[i] ^ 1]) + pdf[i + 1 :]
    verdict = signed.verify(pdf=altered)
    assert verdict.status == ALTERED
    assert any("altered after signing" in f for f in verdict.faults)
    assert signed.verify(presented_sha256="00" * 32).status == ALTERED


def test_a_decision_event_tampered_in_the_store_is_named_not_in_chain(signed):
    (state,) = signed.raw("SELECT state FROM stored_events WHERE rowid = ?", signed.position)[0]
    forged = orjson.loads(state) | {"owning_unit": "X"}
    signed.raw("UPDATE stored_events SET state = ? WHERE rowid = ?", orjson.dumps(forged), signed.position)
    verdict = signed.verify(pdf=signed.file.pdf)
    assert verdict.status == NOT_IN_CHAIN
    assert any("decision's event" in f and "changed in the store" in f for f in verdict.faults)


def test_a_signature_event_tampered_in_the_store_is_named_not_in_chain(signed):
    at = signature_of(signed.system.store, signed.code)["event_position"]
    (state,) = signed.raw("SELECT state FROM stored_events WHERE rowid = ?", at)[0]
    forged = orjson.loads(state) | {"sha256": "00" * 32}
    signed.raw("UPDATE stored_events SET state = ? WHERE rowid = ?", orjson.dumps(forged), at)
    verdict = signed.verify(pdf=signed.file.pdf)
    assert verdict.status == NOT_IN_CHAIN
    assert any("signature's event" in f for f in verdict.faults)


def test_an_unknown_code_is_unknown(signed):
    verdict = verify_document(signed.system.app.recorder, "kab-serang-2024", "0000-0000-0000", None)
    assert verdict.status == UNKNOWN


def test_only_the_holder_of_the_deciding_role_signs(signed, tmp_path):
    """Refused before the signer is even asked: no signed file, nothing recorded."""

    class Refuses(LocalSigner):
        def sign(self, pdf: bytes, request: SignRequest) -> bytes:
            raise AssertionError("the signer was asked to sign for someone without the role")

    key, cert = generate_identity("Orang Lain")
    before = signed.system.app.recorder.max_notification_id()
    with pytest.raises(Forbidden):
        sign_and_record(
            signed.system.app,
            Principal("199001012015031099"),
            letter("another"),
            kind="SURAT_TUGAS",
            position=signed.position,
            code=code_for(signed.system.app, "SURAT_TUGAS", signed.position),
            signer=Refuses(key, cert),
            signer_name="Orang Lain",
            files=tmp_path / "others",
        )
    assert signed.system.app.recorder.max_notification_id() == before
    assert not (tmp_path / "others").exists()


def test_bsre_signs_through_its_api_and_the_document_verifies(signed, tmp_path):
    fake = FakeBsre()
    cert = fake.enrol("3604010101800001", "Kepala Badan", "rahasia-pribadi")
    code = code_for(signed.system.app, "SURAT_TUGAS", signed.position)
    with fake.running():
        bsre = BsreSigner(fake.url, CLIENT_ID, CLIENT_SECRET, "3604010101800001", "rahasia-pribadi")
        file = sign_and_record(
            signed.system.app,
            Principal(signed.signer_nip),
            letter("SURAT TUGAS"),
            kind="SURAT_TUGAS",
            position=signed.position,
            code=code,
            signer=bsre,
            signer_name="Kepala Badan",
            files=tmp_path / "documents",
        )
        wrong = BsreSigner(fake.url, CLIENT_ID, CLIENT_SECRET, "3604010101800001", "salah")
        with pytest.raises(SigningError, match="Passphrase anda salah"):
            wrong.sign(letter(), SignRequest(code, "x"))
    row = signature_of(signed.system.store, code)
    assert row["signer_backend"] == "bsre"
    verdict = verify_document(
        signed.system.app.recorder, "kab-serang-2024", code, row, pdf=file.pdf, trust_roots=[cert]
    )
    assert (verdict.status, verdict.faults) == (GENUINE, [])
    assert "passphrase" not in str(fake.requests)


def test_a_rewritten_chain_no_longer_yields_the_code_nor_matches_the_checkpoint(signed, tmp_path):
    """The decision's event changed and the whole chain recomputed after it, as a careful forger
    would: the chain is self-consistent again, but the printed code no longer derives from it,
    and the signed checkpoint no longer matches."""
    private = load_private_key(generate_keypair(tmp_path / "keys")[0])
    sign_checkpoint(signed.system.app.recorder, private)
    (state,) = signed.raw("SELECT state FROM stored_events WHERE rowid = ?", signed.position)[0]
    forged = orjson.dumps(orjson.loads(state) | {"owning_unit": "X"})
    signed.raw("UPDATE stored_events SET state = ? WHERE rowid = ?", forged, signed.position)
    previous = GENESIS
    rows = signed.raw(
        "SELECT rowid, originator_id, originator_version, topic, state FROM stored_events ORDER BY rowid"
    )
    for seq, (nid, oid, version, topic, state) in enumerate(rows, start=1):
        previous = link(previous, ChainEvent(nid, str(oid), version, topic, bytes(state)))
        signed.raw("UPDATE event_chain SET hash = ? WHERE seq = ?", previous, seq)
    verdict = signed.verify(pdf=signed.file.pdf, public_key=private.public_key())
    assert verdict.status == NOT_IN_CHAIN
    assert any("no longer derives" in f for f in verdict.faults)
    assert any("rewritten since the checkpoint" in f for f in verdict.faults)
