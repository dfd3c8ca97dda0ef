"""Point in time on both axes over real HTTP, on SQLite and PostgreSQL (ADR 0011): a head appointed,
an official placed, an assignment ended and a team dissolved with TMTs before the day they were
recorded; each as-of query asked by recorded instant, by effective day and by both, and the
typed refusals of a question that names no moment or names it twice."""

import time
from datetime import UTC, date, datetime, timedelta

from application.commands.organisation import RegisterOfficial
from infra.bootstrap import build
from tests.integration.team_world import ADMIN, _build, staffed_team
from tests.support import nip

ERR = "... on CommandError { code }"


def mutate(server, name: str, input_type: str, values: dict, token: str | None = None) -> None:
    document = f"mutation($i: {input_type}!) {{ {name}(input: $i) {{ __typename {ERR} }} }}"
    answer = server.gql(document, {"i": values}, token=token)[name]
    assert "code" not in answer, answer


def a_moment() -> datetime:
    time.sleep(0.02)  # events on either side get distinct timestamps
    moment = datetime.now(UTC)
    time.sleep(0.02)
    return moment


def now() -> str:
    return datetime.now(UTC).isoformat()


def answer(server, field: str, **variables: str) -> dict:
    declared = ", ".join(f"${name}: {'ID' if name == 'id' else 'String'}!" for name in variables)
    return server.gql(f"query({declared}) {{ {field} }}", variables)


def refusal(server, document: str) -> str:
    body = server.post({"query": document}, server.token(admin=True)).json()
    (error,) = body["errors"]
    assert error["extensions"]["pesan"] and error["message"]
    return error["extensions"]["code"]


def test_each_as_of_query_on_both_axes(settings, request):
    system = build(settings)
    world = _build(system.app)
    team = staffed_team(system.app, world)
    assignment_id = next(iter(team.members.values()))["assignment_id"]
    successor = nip()
    system.app.handle(
        ADMIN,
        RegisterOfficial(
            nip=successor,
            employee_type="PNS",
            name="Kabid Baru",
            position_type="ADMINISTRATOR",
            position_title="Kepala Bidang",
            grade=None,
            rank="IV/a",
            education="S1",
            legal_basis="SK pengangkatan",
        ),
    )
    system.close()
    w = world.w
    former = w.heads[w.a.unit]
    server = request.getfixturevalue("live_server")
    before = a_moment().isoformat()

    # Recorded today, in force since earlier days (TMT before the record).
    mutate(
        server,
        "appointHead",
        "AppointHeadInput",
        {"unitCode": w.a.unit, "nip": successor, "effectiveDate": "2025-03-01", "legalBasis": "SK mutasi"},
    )
    mutate(
        server,
        "placeOfficial",
        "PlaceOfficialInput",
        {
            "nip": w.official,
            "unitCode": w.a.subunit,
            "appraiserNip": successor,
            "effectiveDate": "2025-05-01",
        },
    )
    mutate(
        server,
        "grantDelegation",
        "GrantDelegationInput",
        {
            "grantorNip": successor,
            "delegateNip": w.bystander,
            "validFrom": "2025-04-01",
            "validUntil": "2025-12-31",
        },
        token=server.token(successor),
    )
    mutate(
        server,
        "endAssignment",
        "EndAssignmentInput",
        {"assignmentId": assignment_id, "on": date.today().isoformat()},
    )
    office = server.token(team.formed_by_nip)
    mutate(
        server,
        "removeTeamMember",
        "RemoveTeamMemberInput",
        {"teamId": str(team.id), "nip": w.second, "reason": "Mutasi"},
        token=office,
    )
    mutate(
        server,
        "dissolveTeam",
        "DissolveTeamInput",
        {"teamId": str(team.id), "on": "2025-10-01", "reason": "Selesai"},
        token=office,
    )

    def head(args: str) -> str | None:
        units = server.gql(f'{{ organisationAsOf(agencyCode: "A", {args}) {{ code head {{ nip }} }} }}')
        return next(u["head"]["nip"] for u in units["organisationAsOf"] if u["code"] == w.a.unit)

    assert head('effectiveOn: "2025-02-28"') == former
    assert head('effectiveOn: "2025-03-01"') == successor
    assert head(f'recordedAt: "{before}", effectiveOn: "2025-06-30"') == former  # not yet recorded then
    assert head(f'recordedAt: "{before}"') == head(f'asOf: "{before}"') == former  # asOf: its former name
    assert head(f'recordedAt: "{now()}"') == successor

    official = (
        "officialAsOf(nip: $nip, {}) { headOf unitCode placedSince appraiser { nip }"
        " delegationsGranted { delegateNip } }"
    )

    def ask(args: str, who: str) -> dict | None:
        return answer(server, official.replace("{}", args), nip=who)["officialAsOf"]

    assert ask('effectiveOn: "2025-02-28"', successor)["headOf"] is None
    assert ask('effectiveOn: "2025-03-01"', successor)["headOf"] == w.a.unit
    assert ask('effectiveOn: "2025-03-01"', successor)["delegationsGranted"] == [{"delegateNip": w.bystander}]
    assert ask('effectiveOn: "2025-04-30"', w.official)["appraiser"] == {"nip": former}
    assert ask('effectiveOn: "2025-05-01"', w.official) == {
        "headOf": None,
        "unitCode": w.a.subunit,
        "placedSince": "2025-05-01",
        "appraiser": {"nip": successor},
        "delegationsGranted": [],
    }
    assert ask(f'recordedAt: "{before}", effectiveOn: "2025-05-01"', w.official)["appraiser"] == {
        "nip": former
    }

    def held(args: str) -> list:
        field = "delegationsHeldAsOf(nip: $nip, {}) { grantorNip validFrom }"
        return answer(server, field.replace("{}", args), nip=w.bystander)["delegationsHeldAsOf"]

    assert held('effectiveOn: "2025-03-31"') == []
    assert held('effectiveOn: "2025-04-01"') == [{"grantorNip": successor, "validFrom": "2025-04-01"}]
    assert held(f'recordedAt: "{before}", effectiveOn: "2025-06-01"') == []
    assert held(f'recordedAt: "{now()}"') == []  # valid in 2025 only: judged on the day of recordedAt

    # That day is the government's (Kab. Serang: WIB, UTC+7): at 17:30 UTC it is already tomorrow.
    evening = (datetime.now(UTC) + timedelta(days=1)).replace(hour=17, minute=30, second=0, microsecond=0)
    local_day = (evening + timedelta(hours=7)).date().isoformat()
    one_day = {"grantorNip": successor, "delegateNip": w.bystander, "validFrom": local_day}
    mutate(
        server,
        "grantDelegation",
        "GrantDelegationInput",
        {**one_day, "validUntil": local_day},
        token=server.token(successor),
    )
    assert held(f'recordedAt: "{evening.isoformat()}"') == [{"grantorNip": successor, "validFrom": local_day}]
    assert (
        held(f'recordedAt: "{(evening - timedelta(minutes=31)).isoformat()}"') == []
    )  # 23:59 WIB the day before

    def assignment(args: str) -> dict | None:
        field = "assignmentAsOf(id: $id, {}) { status stepsTaken officials { nip } }"
        return answer(server, field.replace("{}", args), id=assignment_id)["assignmentAsOf"]

    today = f'effectiveOn: "{date.today().isoformat()}"'
    # Requested today (no TMT: in force from the day recorded), ended with TMT 2025-12-31.
    assert assignment('effectiveOn: "2025-12-30"') is None
    assert assignment(today)["status"] == "ENDED"
    assert assignment(f'recordedAt: "{before}", {today}')["status"] == "ACTIVE"
    assert assignment(f'recordedAt: "{before}"')["officials"] == [{"nip": w.official}, {"nip": w.second}]

    def team_then(args: str) -> dict | None:
        field = "teamAsOf(id: $id, {}) { status leader { nip } members { nip role } }"
        return answer(server, field.replace("{}", args), id=str(team.id))["teamAsOf"]

    assert team_then(today)["status"] == "DISSOLVED"  # on 2025-10-01, recorded today
    assert team_then(f'recordedAt: "{before}", {today}')["status"] == "ACTIVE"
    assert team_then(f'recordedAt: "{before}"')["leader"] == {"nip": world.leader}
    assert [m["nip"] for m in team_then(f'recordedAt: "{before}"')["members"]] == sorted(
        [w.official, w.second]
    )
    assert [m["nip"] for m in team_then(f'recordedAt: "{now()}"')["members"]] == [w.official]


def test_a_question_without_a_moment_or_with_two_is_refused(live_server):
    assert refusal(live_server, "{ organisationAsOf { code } }") == "AS_OF_INSTANT_REQUIRED"
    assert (
        refusal(live_server, '{ officialAsOf(nip: "199001012015031001") { nip } }')
        == "AS_OF_INSTANT_REQUIRED"
    )
    twice = 'asOf: "2025-01-01T00:00:00Z", recordedAt: "2025-01-01T00:00:00Z"'
    assert (
        refusal(
            live_server, f'{{ delegationsHeldAsOf(nip: "199001012015031001", {twice}) {{ grantorNip }} }}'
        )
        == "AS_OF_TWICE"
    )
    assert (
        refusal(live_server, '{ teamAsOf(id: "not-an-id", effectiveOn: "2025-01-01") { status } }')
        == "INVALID_ID"
    )
    assert refusal(
        live_server, '{ assignmentAsOf(id: "00000000-0000-0000-0000-000000000000") { status } }'
    ) == ("AS_OF_INSTANT_REQUIRED")
