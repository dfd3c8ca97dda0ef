"""The adapter for BSrE's signing API (Balai Sertifikasi Elektronik, BSSN): the national
e-signature service signs with the official's certificate, whose key never leaves it.

Modelled on BSrE's esign client service: `POST <base>/api/sign/pdf`, HTTP Basic authentication
with the government's client id and secret, a multipart form with the PDF (`file`), the signer's
NIK (`nik`), the signer's passphrase (`passphrase`) and `tampilan=invisible` (the letter already
prints its QR code and verification code); the answer is the signed PDF, or JSON
`{"error": …, "status_code": …}`. The empty signature field named after the verification code is
added before sending, so the service signs into it and the signed file names its decision.
Field names and error codes must be checked against the government's agreement with BSSN; the
tests run against tests/bsre_fake.py.
"""

from __future__ import annotations

import base64
import json
import urllib.error
import urllib.request
import uuid
from io import BytesIO

from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields

from infra.documents.signing import SigningError, SignRequest, field_name


class BsreSigner:
    backend = "bsre"

    def __init__(
        self,
        base_url: str,
        client_id: str,
        client_secret: str,
        nik: str,
        passphrase: str,
        *,
        timeout: float = 30.0,
    ):
        self.base_url = base_url.rstrip("/")
        self._auth = base64.b64encode(f"{client_id}:{client_secret}".encode()).decode()
        self.nik, self._passphrase, self.timeout = nik, passphrase, timeout

    def sign(self, pdf: bytes, request: SignRequest) -> bytes:
        body, boundary = _multipart(
            {"nik": self.nik, "passphrase": self._passphrase, "tampilan": "invisible"},
            ("file", f"{request.verify_code}.pdf", with_field(pdf, request.verify_code)),
        )
        http = urllib.request.Request(
            f"{self.base_url}/api/sign/pdf",
            data=body,
            method="POST",
            headers={
                "Authorization": f"Basic {self._auth}",
                "Content-Type": f"multipart/form-data; boundary={boundary}",
            },
        )
        try:
            with urllib.request.urlopen(http, timeout=self.timeout) as answer:  # noqa: S310 - configured URL
                signed = answer.read()
        except urllib.error.HTTPError as e:
            raise SigningError(f"BSrE refused to sign: {_reason(e.read())} (HTTP {e.code})") from None
        except (urllib.error.URLError, TimeoutError) as e:
            raise SigningError(f"BSrE cannot be reached at {self.base_url}: {e}") from None
        if not signed.startswith(b"%PDF"):
            raise SigningError(f"BSrE answered something other than a PDF: {_reason(signed)}")
        return signed


def with_field(pdf: bytes, verify_code: str) -> bytes:
    """The PDF with an empty, invisible signature field named after the verification code."""
    writer = IncrementalPdfFileWriter(BytesIO(pdf), strict=False)
    fields.append_signature_field(writer, fields.SigFieldSpec(sig_field_name=field_name(verify_code)))
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


def _reason(body: bytes) -> str:
    try:
        answer = json.loads(body)
        return f"{answer.get('error')} (status {answer.get('status_code')})"
    except (ValueError, AttributeError):
        return body[:120].decode("latin-1")


def _multipart(values: dict[str, str], file: tuple[str, str, bytes]) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        for name, value in values.items()
    ]
    name, filename, data = file
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
        "Content-Type: application/pdf\r\n\r\n".encode()
        + data
        + b"\r\n"
    )
    return b"".join(parts) + f"--{boundary}--\r\n".encode(), boundary
