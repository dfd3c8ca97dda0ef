"""A local fake of BSrE's signing API (see infra/documents/bsre.py) over real HTTP on a loopback
port: Basic authentication, a multipart form (file, nik, passphrase, tampilan), the PDF signed
with a per-NIK certificate of a fake BSrE CA into the field the adapter added, or BSrE-style
JSON errors (wrong passphrase, unknown NIK, bad credentials)."""

from __future__ import annotations

import base64
import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from email.parser import BytesParser
from email.policy import HTTP
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import BytesIO
from typing import Any

from pyhanko.pdf_utils.reader import PdfFileReader

from infra.documents.signing import FIELD_PREFIX, LocalSigner, SignRequest, generate_identity

CLIENT_ID, CLIENT_SECRET = "pemda-serang", "rahasia"


class FakeBsre:
    def __init__(self) -> None:
        self.identities: dict[str, tuple[str, str, bytes, bytes]] = {}  # nik -> name, passphrase, key, cert
        self.requests: list[dict[str, str]] = []
        self._http = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._http.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._http.server_port}"

    def enrol(self, nik: str, name: str, passphrase: str) -> bytes:
        """Issue the official's certificate; answers it (PEM), the trust root for validation."""
        key, cert = generate_identity(name, "Balai Sertifikasi Elektronik (fake)")
        self.identities[nik] = (name, passphrase, key, cert)
        return cert

    def answer(self, headers: Any, body: bytes) -> tuple[int, str, bytes]:
        expected = base64.b64encode(f"{CLIENT_ID}:{CLIENT_SECRET}".encode()).decode()
        if headers.get("authorization") != f"Basic {expected}":
            return _error(401, "Unauthorized", 401)
        form = _form(headers.get("content-type", ""), body)
        self.requests.append(
            {k: v for k, v in form.items() if k not in ("file", "passphrase")}
            | {"size": str(len(form["file"]))}
        )
        identity = self.identities.get(form.get("nik", ""))
        if identity is None:
            return _error(400, "NIK tidak terdaftar", 2021)
        name, passphrase, key, cert = identity
        if form.get("passphrase") != passphrase:
            return _error(400, "Passphrase anda salah", 2031)
        pdf = form["file"]
        fields = [s.field_name for s in PdfFileReader(BytesIO(pdf), strict=False).embedded_signatures]
        empty = _empty_field(pdf) or (fields[0] if fields else "Signature1")
        code = empty[len(FIELD_PREFIX) :] if empty.startswith(FIELD_PREFIX) else "unknown"
        signed = LocalSigner(key, cert).sign(pdf, SignRequest(code, name))
        return 200, "application/pdf", signed

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802
                body = self.rfile.read(int(self.headers.get("content-length", "0")))
                if self.path != "/api/sign/pdf":
                    status, kind, out = _error(404, "Not found", 404)
                else:
                    status, kind, out = owner.answer(self.headers, body)
                self.send_response(status)
                self.send_header("content-type", kind)
                self.send_header("content-length", str(len(out)))
                self.end_headers()
                self.wfile.write(out)

            def log_message(self, *args: Any) -> None:
                pass

        return Handler

    @contextmanager
    def running(self) -> Iterator[FakeBsre]:
        thread = threading.Thread(target=self._http.serve_forever, daemon=True)
        thread.start()
        try:
            yield self
        finally:
            self._http.shutdown()
            self._http.server_close()


def _error(status: int, message: str, code: int) -> tuple[int, str, bytes]:
    return status, "application/json", json.dumps({"error": message, "status_code": code}).encode()


def _form(content_type: str, body: bytes) -> dict[str, Any]:
    message = BytesParser(policy=HTTP).parsebytes(f"Content-Type: {content_type}\r\n\r\n".encode() + body)
    form: dict[str, Any] = {}
    for part in message.iter_parts():  # type: ignore[attr-defined]
        name = part.get_param("name", header="content-disposition")
        data = part.get_payload(decode=True)
        form[name] = data if part.get_filename() else data.decode()
    return form


def _empty_field(pdf: bytes) -> str | None:
    from pyhanko.sign.fields import enumerate_sig_fields

    reader = PdfFileReader(BytesIO(pdf), strict=False)
    for name, value, _ in enumerate_sig_fields(reader, filled_status=False):
        return str(name)
    return None
