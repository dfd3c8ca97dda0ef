"""GET /documents/<verify_code>.pdf: the document, for those who may read its decision.

Who may read is not decided here: the caller's token runs the decision's own GraphQL query
(assignment, team, or the reports on the report's subject), so the download follows exactly the
read permissions of the type that lists the document. A signed document is answered as signed
(the file kept when it was signed); an unsigned one as rendered.
"""

from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request, Response
from starlette.concurrency import run_in_threadpool

from api.context import Context
from infra.documents.kinds import DocumentKind

_READS = {
    "Assignment": ("query($id: ID!) { assignment(id: $id) { id } }", "assignment"),
    "Team": ("query($id: ID!) { team(id: $id) { id } }", "team"),
}
# A report is read through `reports`, by its subject, its reporter or a recipient: any will do.
_REPORTS = (
    ("query($v: ID) { reports(subjectId: $v) { id } }", "subject"),
    ("query($v: String) { reports(reporterNip: $v) { id } }", "me"),
    ("query($v: String) { reports(recipientNip: $v) { id } }", "me"),
)


def _not_found() -> Response:
    return Response(
        b'{"errors":[{"message":"No such document.","extensions":{"code":"NOT_FOUND"}}]}',
        status_code=404,
        media_type="application/json",
    )


async def _may_read(schema: Any, context: Context, aggregate_type: str, aggregate_id: str, app: Any) -> bool:
    if aggregate_type == "Report":
        report = await run_in_threadpool(app.repo.report, aggregate_id)
        values = {"subject": report.subject_id, "me": context.principal.nip}
        for query, value in _REPORTS:
            result = await schema.execute(query, {"v": values[value]}, context_value=context)
            if (
                not result.errors
                and result.data
                and any(r["id"] == aggregate_id for r in result.data["reports"])
            ):
                return True
        return False
    query, field = _READS[aggregate_type]
    result = await schema.execute(query, {"id": aggregate_id}, context_value=context)
    return not result.errors and bool(result.data and result.data[field])


def _signed_file(store: Any, documents_dir: Path | None, code: str) -> bytes | None:
    """The signed PDF once the document is signed (kept by its SHA-256), else None."""
    if documents_dir is None:
        return None
    rows = store.query("SELECT sha256 FROM document_signatures WHERE verify_code = :c", {"c": code})
    path = documents_dir / f"{rows[0]['sha256']}.pdf" if rows else None
    return path.read_bytes() if path and path.is_file() else None


def add_document_routes(
    api: FastAPI, schema: Any, tenants: Any, verifier: Any, documents_dir: Path | None = None
) -> None:
    from api.app import serve
    from infra.documents.render import find_document, render_document

    @api.get("/documents/{code}.pdf")
    async def download(code: str, request: Request) -> Response:
        principal = await verifier.verify_async(request.headers.get("authorization"))
        system = await serve(tenants, principal.tenant)  # what infra.documents reads: app and store
        app, store = system.app, system.store
        context = Context(app, store, principal, request.state.request_id)
        ref = await run_in_threadpool(find_document, system, code[:40])
        if ref is None:
            return _not_found()
        owner = {DocumentKind.KEPUTUSAN_TIM: "Team", DocumentKind.LAPORAN: "Report"}.get(
            ref.kind, "Assignment"
        )
        if not await _may_read(schema, context, owner, ref.aggregate_id, app):
            return _not_found()  # as if absent: the code says nothing to who may not read it
        doc = await run_in_threadpool(render_document, system, ref)
        signed = await run_in_threadpool(_signed_file, store, documents_dir, doc.verify_code)
        return Response(
            signed or doc.pdf,
            media_type="application/pdf",
            headers={"content-disposition": f'inline; filename="{doc.kind}-{doc.verify_code}.pdf"'},
        )
