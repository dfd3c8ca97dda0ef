"""PAdES signatures on the rendered letters, by a pluggable signer.

A `DocumentSigner` turns the rendered PDF into the signed one. Two exist: `LocalSigner` (a key
and certificate on disk: development, tests, or a government's own CA) and `BsreSigner`
(infra/documents/bsre.py: BSrE's signing API, where the key never leaves the national service).
Either way the signature is an incremental update over the rendered bytes, so the letter as
rendered stays byte for byte inside the signed file.

The signature field is named after the document's verification code (`field_name`), so a signed
file names its own decision without parsing the page: `code_of(pdf)` reads it back.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from io import BytesIO
from pathlib import Path
from typing import Protocol

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers
from pyhanko.sign.signers.pdf_signer import PdfSignatureMetadata
from pyhanko_certvalidator.registry import SimpleCertificateStore

FIELD_PREFIX = "sistemkerja_"  # + the verification code


@dataclass(frozen=True)
class SignRequest:
    """What a signer needs besides the PDF: the code (naming the field), who signs (for BSrE: the
    signer's NIK and passphrase are the service's business, given to the adapter), why and where."""

    verify_code: str
    signer_name: str
    reason: str = "Ditandatangani secara elektronik"
    location: str | None = None


class DocumentSigner(Protocol):
    backend: str  # recorded on the signature event: "local", "bsre"

    def sign(self, pdf: bytes, request: SignRequest) -> bytes: ...


class SigningError(Exception):
    """The signer refused or could not be reached; the message says which and why."""


def field_name(verify_code: str) -> str:
    return FIELD_PREFIX + verify_code


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def code_of(pdf: bytes) -> str | None:
    """The verification code a signed document names in its signature field, if any."""
    try:
        reader = PdfFileReader(BytesIO(pdf), strict=False)
        for sig in reader.embedded_signatures:
            if sig.field_name.startswith(FIELD_PREFIX):
                return sig.field_name[len(FIELD_PREFIX) :]
    except Exception:  # noqa: BLE001 - anything unreadable simply names no code
        return None
    return None


def metadata(request: SignRequest) -> PdfSignatureMetadata:
    return PdfSignatureMetadata(
        field_name=field_name(request.verify_code),
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        reason=request.reason,
        location=request.location,
        name=request.signer_name,
    )


class LocalSigner:
    """A key and certificate held by this server (PEM files)."""

    backend = "local"

    def __init__(self, key_pem: bytes, cert_pem: bytes, chain_pem: list[bytes] | None = None):
        cert = _asn1_cert(cert_pem)
        key = asn1_keys.PrivateKeyInfo.load(
            serialization.load_pem_private_key(key_pem, password=None).private_bytes(
                serialization.Encoding.DER,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            )
        )
        others = [_asn1_cert(pem) for pem in chain_pem or []]
        self._signer = signers.SimpleSigner(
            signing_cert=cert,
            signing_key=key,
            cert_registry=SimpleCertificateStore.from_certs([cert, *others]),
        )

    @classmethod
    def from_files(cls, key_path: str | Path, cert_path: str | Path) -> LocalSigner:
        return cls(Path(key_path).read_bytes(), Path(cert_path).read_bytes())

    def sign(self, pdf: bytes, request: SignRequest) -> bytes:
        writer = IncrementalPdfFileWriter(BytesIO(pdf), strict=False)
        out = signers.sign_pdf(writer, metadata(request), signer=self._signer)
        return out.getvalue()


def _asn1_cert(pem: bytes) -> asn1_x509.Certificate:
    der = x509.load_pem_x509_certificate(pem).public_bytes(serialization.Encoding.DER)
    return asn1_x509.Certificate.load(der)


def generate_identity(
    common_name: str,
    organisation: str = "sistemkerja (development)",
    *,
    days: int = 3650,
    now: datetime | None = None,
) -> tuple[bytes, bytes]:
    """A key and self-signed certificate (PEM) for development and tests: never for real letters,
    which a government signs through BSrE or with a certificate from its own CA."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation),
            x509.NameAttribute(NameOID.COUNTRY_NAME, "ID"),
        ]
    )
    start = (now or datetime.now(UTC)) - timedelta(days=1)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(start + timedelta(days=days))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,  # non-repudiation: what a signature on a letter claims
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .sign(key, hashes.SHA256())
    )
    key_pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    return key_pem, cert.public_bytes(serialization.Encoding.PEM)
