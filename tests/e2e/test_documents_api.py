"""Documents over real HTTP (issue 12 part 6): `documents` on Assignment, Team and Report lists the
letters of the decision; GET /documents/<code>.pdf gives the PDF to those who may read the
decision (the same bytes each time), and nothing to anyone else or for an unknown code."""

import io

import httpx
import pytest
from pypdf import PdfReader

from domain.profile import load_profile
from infra.bootstrap import build
from tests.integration.assignment_walk import ADMIN, walk_to
from tests.support import build_world

pytestmark = pytest.mark.profile("pemalang-2023")

DOCS = "documents { kind number signedBy signedAt downloadUrl verifyCode }"
READ = f"query($id: ID!) {{ assignment(id: $id) {{ letterNumber {DOCS} }} }}"


@pytest.fixture
def walked(settings, request):
    """Pemalang's first route walked to its end in the store, then a live server over it."""
    system = build(settings)
    world = build_world(system.app, ADMIN)
    route = load_profile("pemalang-2023").assignment.routes[0]
    a = walk_to(system.app, world, route, len(route.steps) + 1)
    system.close()
    return world, str(a.id), request.getfixturevalue("live_server")


def _get(server, path: str, token: str | None) -> httpx.Response:
    headers = {"authorization": f"Bearer {token}"} if token else {}
    return httpx.get(f"{server.url}{path}", headers=headers, timeout=30)


def test_pemalang_pasal_10_ayat_6_the_written_assignment_letter_in_electronic_form(walked):
    """ "diberikan surat penugasan dan/atau bukti penugasan tertulis yang berbentuk fisik atau
    elektronik": the Surat Tugas as a PDF, listed on the assignment and downloadable."""
    world, assignment_id, server = walked
    data = server.gql(READ, {"id": assignment_id})["assignment"]
    docs = data["documents"]
    assert [d["kind"] for d in docs] == ["REQUEST_LETTER", "SURAT_TUGAS"]
    letter = docs[-1]
    assert letter["number"] == data["letterNumber"]
    assert letter["signedBy"] is None and letter["signedAt"] is None  # until signed
    assert letter["downloadUrl"] == f"/documents/{letter['verifyCode']}.pdf"
    got = _get(server, letter["downloadUrl"], server.token(admin=True))
    assert got.status_code == 200 and got.headers["content-type"] == "application/pdf"
    assert _get(server, letter["downloadUrl"], server.token(admin=True)).content == got.content
    text = " ".join(PdfReader(io.BytesIO(got.content)).pages[0].extract_text().split())
    assert letter["number"] in text and letter["verifyCode"] in text and world.official in text
    # The official assigned may read it; an official with no part in it, nobody unauthenticated.
    assert _get(server, letter["downloadUrl"], server.token(world.official)).status_code == 200
    assert _get(server, letter["downloadUrl"], server.token(world.b.subunit_head)).status_code == 404
    assert _get(server, letter["downloadUrl"], None).status_code == 401
    assert _get(server, "/documents/0000-0000-0000.pdf", server.token(admin=True)).status_code == 404


@pytest.fixture
def reported(settings, request):
    """A team formed, staffed and reported on in the store (Kabupaten Serang), then a live server."""
    from datetime import date

    from application.commands.reporting import SubmitReport
    from tests.integration.team_world import _build, as_, staffed_team

    system = build(settings)
    world = _build(system.app)
    team = staffed_team(system.app, world)
    period = date.today().strftime("%Y-%m")
    done = system.app.handle(
        as_(world.w.official), SubmitReport(subject_id=str(team.id), period=period, text="x")
    )
    system.close()
    return world, str(team.id), done.result["report_id"], request.getfixturevalue("live_server")


@pytest.mark.profile("kab-serang-2024")
def test_kab_serang_lampiran_b_the_team_decree_and_the_report_are_documents(reported):
    world, team_id, report_id, server = reported
    team = server.gql(f"query($id: ID!) {{ team(id: $id) {{ {DOCS} }} }}", {"id": team_id})["team"]
    [decree] = team["documents"]
    assert decree["kind"] == "KEPUTUSAN_TIM" and "/KEP/" in decree["number"]
    reports = server.gql(
        f"query($s: ID) {{ reports(subjectId: $s) {{ id {DOCS} }} }}",
        {"s": team_id},
        token=server.token(admin=True),
    )["reports"]
    [laporan] = [d for r in reports if r["id"] == report_id for d in r["documents"]]
    assert laporan["kind"] == "LAPORAN"
    # The reporter may fetch his report, an official of another agency may not; the admin the decree.
    got = _get(server, laporan["downloadUrl"], server.token(world.w.official))
    assert got.status_code == 200 and got.content.startswith(b"%PDF")
    assert _get(server, decree["downloadUrl"], server.token(admin=True)).status_code == 200
    assert _get(server, laporan["downloadUrl"], server.token(world.w.b.subunit_head)).status_code == 404
