"""A team's life over real HTTP (GraphQL), on SQLite and PostgreSQL: formation by the right and a
wrong authority (Kota Serang Pasal 13 ayat (2) huruf b), the leader's owning-unit warning confirmed
(Pasal 13 ayat (1)) after the unit head's proposal (Pasal 12 ayat (4)), members through a fixed
assignment, a member's report, an ad-hoc request and the obligations it creates (Pasal 16), an
escalation, and the evaluation chain to completion (Lampiran angka 3). The organisation and the
fixed assignment are set up through the application beforehand (their own API is tested
elsewhere)."""

from datetime import date

import pytest

from infra.bootstrap import build
from tests.integration.team_world import _build, fixed_team_assignment, staffed_team

ERR = "... on CommandError { code message pesan }"
TEAM = (
    "id status leaderNip leaderWarningsConfirmed unitsSpanned targets { code description measure } "
    "members { nip role unitCode official { name } } leader { nip }"
)
FORM = (
    f"mutation($i: FormTeamInput!) {{ formTeam(input: $i) {{ ... on TeamSuccess {{ team {{ {TEAM} }} }} {ERR}"
    f" }} }}"
)
LEAD = (
    "mutation($i: AppointTeamLeaderInput!) { appointTeamLeader(input: $i) { ... on TeamSuccess { team { "
    f"{TEAM} }} }} ... on ConfirmationNeeded {{ warnings {{ code legalBasis message }} }} {ERR} }} }}"
)
PROPOSE = (
    f"mutation($i: ProposeTeamLeaderInput!) {{ proposeTeamLeader(input: $i) {{ ... on TeamSuccess {{ team {{"
    f" id }} }} {ERR} }} }}"
)
PROPOSE_MEMBERS = (
    "mutation($i: ProposeTeamMembersInput!) { proposeTeamMembers(input: $i) { ... on TeamSuccess { team {"
    f" id }} }} {ERR} }} }}"
)
REMOVE = (
    f"mutation($i: RemoveTeamMemberInput!) {{ removeTeamMember(input: $i) {{ ... on TeamSuccess {{ team {{"
    f" members {{ nip }} }} }} {ERR} }} }}"
)
ROLE = (
    f"mutation($i: ChangeTeamMemberRoleInput!) {{ changeTeamMemberRole(input: $i) {{ ... on TeamSuccess {{"
    f" team {{ members {{ nip role }} }} }} {ERR} }} }}"
)
ADMIT = (
    f"mutation($i: AdmitTeamMembersInput!) {{ admitTeamMembers(input: $i) {{ ... on TeamSuccess {{ team {{"
    f" {TEAM} }} }} {ERR} }} }}"
)
REPORT = (
    "mutation($i: SubmitReportInput!) { submitReport(input: $i) { ... on ReportSuccess { report { id line "
    f"recipients {{ nip role }} legalBasis }} }} {ERR} }} }}"
)
REQUEST = (
    f"mutation($i: RequestReportInput!) {{ requestReport(input: $i) {{ ... on ReportRequestSuccess {{ request"
    f" {{ id status }} }} {ERR} }} }}"
)
OWED = (
    "query($p: String!) { reportObligations(period: $p) { kind reporterNip recipientNips since requestId } }"
)
RAISE = (
    f"mutation($i: RaiseEscalationInput!) {{ raiseEscalation(input: $i) {{ ... on EscalationSuccess {{"
    f" escalation {{ id status addressees {{ unitCode }} }} }} {ERR} }} }}"
)
DECIDE = (
    f"mutation($i: DecideEscalationInput!) {{ decideEscalation(input: $i) {{ ... on EscalationSuccess {{"
    f" escalation {{ status addressees {{ unitCode decidedBy reason }} }} }} {ERR} }} }}"
)
EVAL = (
    "evaluation { status level round reviewingUnit chain { unitCode } steps { action actorNip legalBasis } }"
)
SUBMIT = (
    f"mutation($i: SubmitResultsInput!) {{ submitResults(input: $i) {{ ... on EvaluationSuccess {{ {EVAL} }}"
    f" {ERR} }} }}"
)
APPROVE = (
    f"mutation($i: ReviewResultsInput!) {{ approveResults(input: $i) {{ ... on EvaluationSuccess {{ {EVAL} }}"
    f" {ERR} }} }}"
)
PERIOD = date.today().strftime("%Y-%m")


@pytest.fixture
def world(live_server):
    setup = build(live_server.settings, migrate=False)
    try:
        world = _build(setup.app)
        assignment = fixed_team_assignment(
            setup.app, owning_unit="A.U1", nips=[world.w.official, world.w.second]
        )
    finally:
        setup.close()
    return world, str(assignment.id)


@pytest.mark.profile("kota-serang-2023")
def test_a_team_from_formation_to_a_completed_evaluation_over_graphql(live_server, world):
    w, assignment_id = world
    as_ = lambda nip: {"token": live_server.token(nip)}  # noqa: E731
    form = {
        "i": {
            "owningUnit": "A.U1",
            "scope": "CROSS_UNIT",
            "name": "Tim Stunting",
            "tasks": ["Peta"],
            "targets": [{"description": "Peta stunting", "measure": "1 dokumen"}],
            "plannedMembers": [
                {"nip": w.w.official, "role": "Analis"},
                {"nip": w.w.second, "role": "Surveyor"},
            ],
            "periodStart": "2025-01-01",
            "periodEnd": "2025-12-31",
        }
    }
    wrong = live_server.gql(FORM, form, **as_(w.heads["A.U1"]))["formTeam"]
    assert (
        wrong["code"] == "NOT_YOUR_STEP" and w.heads["SETDA"] in wrong["message"]
    )  # names whose decision it is
    incomplete = live_server.gql(FORM, {"i": {**form["i"], "targets": []}}, **as_(w.heads["SETDA"]))[
        "formTeam"
    ]
    assert incomplete["code"] == "TEAM_DECISION_INCOMPLETE" and "Pasal 13 ayat (4)" in incomplete["message"]
    team = live_server.gql(FORM, form, **as_(w.heads["SETDA"]))["formTeam"]["team"]
    # Pasal 8 ayat (6): the PPK's Keputusan, recorded by the administrator (the PPK has no NIP).
    letter = {"reference": "Kep. Wali Kota 800/7/2025", "signatory": "Wali Kota Serang", "date": "2025-01-03"}
    lead = {"i": {"teamId": team["id"], "nip": w.outsider_leader, "letter": letter}}
    unproposed = live_server.gql(LEAD, lead)["appointTeamLeader"]
    assert unproposed["code"] == "LEADER_NOT_PROPOSED"  # Pasal 12 ayat (4): the unit head designates
    assert (
        live_server.gql(PROPOSE, lead, **as_(w.heads["A.U1"]))["proposeTeamLeader"]["team"]["id"]
        == team["id"]
    )
    warned = live_server.gql(LEAD, lead)["appointTeamLeader"]
    assert (
        warned["warnings"][0]["code"] == "LEADER_NOT_FROM_OWNING_UNIT"
        and "Pasal 13 ayat (1)" in warned["warnings"][0]["legalBasis"]
    )
    led = live_server.gql(LEAD, {"i": {**lead["i"], "confirmWarnings": True}})["appointTeamLeader"]["team"]
    assert led["leader"]["nip"] == w.outsider_leader and led["leaderWarningsConfirmed"] == [
        "LEADER_NOT_FROM_OWNING_UNIT"
    ]
    admit = {"i": {"teamId": team["id"], "assignmentId": assignment_id}}
    by_leader = live_server.gql(ADMIT, admit, **as_(w.outsider_leader))["admitTeamMembers"]
    assert by_leader["code"] == "MEMBERSHIP_NOT_THE_LEADERS" and "Pasal 13 ayat (2)" in by_leader["message"]
    unproposed = live_server.gql(ADMIT, admit, **as_(w.heads["SETDA"]))["admitTeamMembers"]
    assert unproposed["code"] == "MEMBER_NOT_PROPOSED" and "Pasal 12 ayat (5)" in unproposed["message"]
    proposal = {
        "teamId": team["id"],
        "members": [{"nip": n, "role": "Anggota"} for n in (w.w.official, w.w.second)],
    }
    proposed = live_server.gql(PROPOSE_MEMBERS, {"i": proposal}, **as_(w.outsider_leader))
    assert proposed["proposeTeamMembers"]["team"]["id"] == team["id"]
    admitted = live_server.gql(ADMIT, admit, **as_(w.heads["SETDA"]))["admitTeamMembers"]["team"]
    assert {m["nip"]: m["role"] for m in admitted["members"]} == {
        w.w.official: "Analis",
        w.w.second: "Surveyor",
    }
    assert admitted["unitsSpanned"] == ["A.U1", "A.U1.S1"]

    report_input = {
        "subjectId": team["id"],
        "period": PERIOD,
        "text": "12 desa",
        "idempotencyKey": "lap-1",
        "progress": [{"target": "T1", "progress": "40%"}],
    }
    report = live_server.gql(REPORT, {"i": report_input}, **as_(w.w.official))["submitReport"]["report"]
    assert report["line"] == "MEMBER" and report["recipients"] == [
        {"nip": w.outsider_leader, "role": "TEAM_LEADER"}
    ]
    retried = live_server.gql(REPORT, {"i": report_input}, **as_(w.w.official))["submitReport"]["report"]
    assert retried["id"] == report["id"]  # a retry answers with the first report and records nothing
    reused = live_server.gql(REPORT, {"i": {**report_input, "text": "lain"}}, **as_(w.w.official))[
        "submitReport"
    ]
    assert reused["code"] == "IDEMPOTENCY_KEY_REUSED"
    request = live_server.gql(
        REQUEST,
        {"i": {"officialNip": w.w.second, "subjectId": team["id"], "about": "Progres"}},
        **as_(w.heads["A.U1"]),
    )["requestReport"]["request"]
    owed = live_server.gql(OWED, {"p": PERIOD})["reportObligations"]
    assert {(o["kind"], o["reporterNip"]) for o in owed} == {
        ("MEMBER", w.w.second),
        ("LEADER", w.outsider_leader),
        ("ON_REQUEST", w.w.second),
    }
    assert next(o for o in owed if o["kind"] == "ON_REQUEST")["requestId"] == request["id"]

    raised = live_server.gql(
        RAISE,
        {
            "i": {
                "subjectId": team["id"],
                "problems": "Data B belum ada",
                "alternatives": ["Minta ke B"],
                "otherUnits": ["B.U1"],
            }
        },
        **as_(w.w.second),
    )["raiseEscalation"]["escalation"]
    for unit in ("A.U1", "B.U1"):
        decided = live_server.gql(
            DECIDE,
            {
                "i": {
                    "escalationId": raised["id"],
                    "unitCode": unit,
                    "decision": "Setuju",
                    "reason": "Data resmi",
                    "choice": "A1",
                }
            },
            **as_(w.heads[unit]),
        )["decideEscalation"]["escalation"]
    assert decided["status"] == "DECIDED"

    submitted = live_server.gql(
        SUBMIT,
        {
            "i": {
                "subjectId": team["id"],
                "summary": "Selesai",
                "results": [{"target": "T1", "achieved": "Peta 120 desa"}],
            }
        },
        **as_(w.outsider_leader),
    )["submitResults"]["evaluation"]
    assert [c["unitCode"] for c in submitted["chain"]] == ["A.U1", "A"] and submitted[
        "reviewingUnit"
    ] == "A.U1"
    not_yours = live_server.gql(APPROVE, {"i": {"subjectId": team["id"], "level": 1}}, **as_(w.heads["A"]))[
        "approveResults"
    ]
    assert not_yours["code"] == "NOT_YOUR_STEP"
    live_server.gql(APPROVE, {"i": {"subjectId": team["id"], "level": 1}}, **as_(w.heads["A.U1"]))
    done = live_server.gql(APPROVE, {"i": {"subjectId": team["id"], "level": 2}}, **as_(w.heads["A"]))[
        "approveResults"
    ]
    assert done["evaluation"]["status"] == "COMPLETE"
    assert done["evaluation"]["steps"][-1]["action"] == "DECLARED_COMPLETE"
    assert "Lampiran angka 3" in done["evaluation"]["steps"][-1]["legalBasis"]


@pytest.fixture
def staffed(live_server):
    """A team formed by the profile's office, led, and staffed with two members."""
    setup = build(live_server.settings, migrate=False)
    try:
        world = _build(setup.app)
        team = staffed_team(setup.app, world)
    finally:
        setup.close()
    return world, str(team.id), team.formed_by_nip


def leader_divides_roles_but_only_the_office_removes(live_server, staffed, article: str) -> None:
    w, team_id, office = staffed
    as_ = lambda nip: {"token": live_server.token(nip)}  # noqa: E731
    remove = {"i": {"teamId": team_id, "nip": w.w.second, "reason": "Mutasi"}}
    refused = live_server.gql(REMOVE, remove, **as_(w.leader))["removeTeamMember"]
    assert refused["code"] == "MEMBERSHIP_NOT_THE_LEADERS" and article in refused["message"]
    role = {"i": {"teamId": team_id, "nip": w.w.second, "role": "Verifikator"}}
    divided = live_server.gql(ROLE, role, **as_(w.leader))["changeTeamMemberRole"]["team"]
    assert {m["nip"]: m["role"] for m in divided["members"]}[w.w.second] == "Verifikator"
    removed = live_server.gql(REMOVE, remove, **as_(office))["removeTeamMember"]["team"]
    assert [m["nip"] for m in removed["members"]] == [w.w.official]


@pytest.mark.profile("kab-serang-2024")
def test_kab_serang_lampiran_b_the_agency_head_removes_members_the_leader_divides_roles(live_server, staffed):
    leader_divides_roles_but_only_the_office_removes(live_server, staffed, "Lampiran B (penugasan kepada tim")


@pytest.mark.profile("banjarnegara-2024")
def test_banjarnegara_pasal_23_ayat_8_the_unit_head_removes_members_the_leader_divides_roles(
    live_server, staffed
):
    leader_divides_roles_but_only_the_office_removes(live_server, staffed, "Pasal 23 ayat (8)")


@pytest.mark.profile("pemalang-2023")
def test_pemalang_pasal_13_ayat_4_the_unit_head_removes_members_the_leader_divides_roles(
    live_server, staffed
):
    leader_divides_roles_but_only_the_office_removes(live_server, staffed, "Pasal 13 ayat (4)")


@pytest.mark.profile("banyumas-2024")
def test_banyumas_b3_huruf_c_the_unit_head_removes_members_the_leader_divides_roles(live_server, staffed):
    leader_divides_roles_but_only_the_office_removes(live_server, staffed, "B.3 huruf c")
