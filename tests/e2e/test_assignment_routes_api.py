"""Assignment routes over real HTTP, read back through the GraphQL types a front-end uses.

Every profile route with a step that sends copies (tembusan) is requested over GraphQL and read
back three ways: the mutation's answer, `assignment(id)`, and the inbox of whoever must act next
(`awaitingLetters` when that is another government, or the PPK by letter). Before RouteStep knew
`copies` every such answer was INTERNAL (issue 9). Then every allowed route of every profile is
walked to its end over HTTP, each step's answer read back the same way (issue 9 part 6).

Store: SQLite for all (a world per profile is built once and copied, as in
tests/integration/assignment_walk.py); on PostgreSQL, the first route with copies of each profile
that has one is requested and walked the same way.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from domain.profile import Action, Mode, Profile, Role, Route, Scope, cite, list_profiles, load_profile
from infra.bootstrap import build
from infra.settings import Settings
from tests.e2e.conftest import LiveServer, running_server
from tests.integration.assignment_walk import (
    ADMIN,
    EXTERNAL,
    LETTER,
    REQUEST_LETTER,
    designates,
    names_later,
    owning_unit,
    world_system,
)
from tests.support import World, build_world, nip, spelled

SECRET = "test-secret-of-at-least-32-bytes-long"
STEP = "number role action citation copies { role citation }"
ASSIGNMENT = f"id status route {{ {STEP} }} openStep {{ {STEP} }} letterNumber waitingFor {{ nip via }}"
RESULT = (
    f"... on AssignmentSuccess {{ assignment {{ {ASSIGNMENT} }} }} ... on CommandError {{ code message }}"
)
MUTATIONS = {
    "requestAssignment": "RequestAssignmentInput",
    "approveStep": "StepInput",
    "designateUnit": "DesignateUnitInput",
    "rejectStep": "RejectStepInput",
    "nameOfficials": "NameOfficialsInput",
    "issueLetter": "StepInput",
    "acceptAssignment": "StepInput",
    "recordExternalStep": "RecordExternalStepInput",
}
READ = f"query($id: ID!) {{ assignment(id: $id) {{ {ASSIGNMENT} }} }}"
INBOX = f"{{ myInbox(first: 5) {{ nodes {{ {ASSIGNMENT} via }} }} }}"
LISTED = f"{{ assignments(first: 5) {{ nodes {{ {ASSIGNMENT} }} }} }}"
MINE = f"{{ myRequests(first: 5) {{ nodes {{ {ASSIGNMENT} }} }} }}"
WORKLOAD = f"query($nip: String!) {{ workload(nip: $nip) {{ {ASSIGNMENT} }} }}"
HISTORY = "query($id: ID!) { assignment(id: $id) { history { step role legalBasis } } }"
AWAITING = f"{{ awaitingLetters(first: 5) {{ nodes {{ {ASSIGNMENT} }} }} }}"
LETTER_QUERY = (
    "query($id: ID!) { assignment(id: $id) { letterNumber letterIssuedOn letter { issuedAtStep citation"
    " copiesRequired { role citation } number issuedOn issuerNip copies { role nip name government vacant } }"
    " } }"
)
LETTER_INPUT = {**LETTER, "date": LETTER["date"].isoformat()}  # as a client sends it (JSON)
# The mutation that takes an open step, by the step's action.
TAKES = {
    Action.APPROVE: "approveStep",
    Action.RECOMMEND: "approveStep",
    Action.PROPOSE: "approveStep",
    Action.NAME_OFFICIALS: "nameOfficials",
    Action.ISSUE_LETTER: "issueLetter",
    Action.FIX: "issueLetter",
    Action.ACCEPT: "acceptAssignment",
}


def sides(route: Route) -> tuple[str, ...]:
    """Which side this government stands on: both for a cross-institution route."""
    return ("OWNING", "OFFICIAL") if route.scope is Scope.CROSS_INSTITUTION else ("OWNING",)


def case_id(profile: str, route: Route, side: str) -> str:
    return f"{profile}-{route.mode.value}-{route.scope.value}-tenant-{side}-{route.citation}"


def has_copies(route: Route) -> bool:
    return any(step.copies for step in route.steps)


ALL = [(p, r, side) for p in list_profiles() for r in load_profile(p).assignment.routes for side in sides(r)]
WITH_COPIES = [(p, r, side) for p, r, side in ALL if has_copies(r)]
# PostgreSQL: the first route with copies of each profile.
POSTGRES_SUBSET = list({p: (p, r, side) for p, r, side in reversed(WITH_COPIES)}.values())


def params(cases, store: str) -> list:
    return [pytest.param(p, r, side, store, id=f"{store}-{case_id(p, r, side)}") for p, r, side in cases]


@pytest.fixture(scope="session")
def template_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("http-worlds")


@contextmanager
def serving(
    request, tmp_path: Path, template_dir: Path, profile: str, store: str
) -> Iterator[tuple[World, LiveServer]]:
    """A live server over a store that holds the profile's world (tests/support.py)."""
    if store == "sqlite":
        system, world = world_system(tmp_path, template_dir, profile)
        system.close()
        settings = Settings(
            database_url=f"sqlite:///{tmp_path / 'store.db'}", profile=profile, jwt_secret=SECRET
        )
    else:
        settings = Settings(
            database_url=request.getfixturevalue("postgres_url"),
            profile=profile,
            jwt_secret=SECRET,
            SISTEMKERJA_SCHEMA=request.getfixturevalue("postgres_schema"),
        )
        system = build(settings)
        world = build_world(system.app, ADMIN)
        system.close()
    with running_server(settings) as server:
        yield world, server


def expected_route(profile: Profile, route: Route) -> list[dict]:
    """The route as the profile gives it: each copy named by role, under the step's article."""
    return [
        {
            "number": n,
            "role": s.role.value,
            "action": s.action.value,
            "citation": cite(profile, s.citation),
            "copies": [{"role": c.value, "citation": cite(profile, s.citation)} for c in s.copies],
        }
        for n, s in enumerate(route.steps, start=1)
    ]


def mutate(server: LiveServer, name: str, variables: dict, token: str | None = None) -> dict:
    query = f"mutation($i: {MUTATIONS[name]}!) {{ {name}(input: $i) {{ {RESULT} }} }}"
    answer = server.gql(query, {"i": variables}, token=token)[name]
    assert "assignment" in answer, answer  # a CommandError here means the walk went wrong
    return answer["assignment"]


def request_input(world: World, route: Route, side: str) -> tuple[dict, str | None]:
    """The request's input and who sends it (None: the administrator, from the other government's
    letter), as tests/integration/assignment_walk.open_request does through the application."""
    owning = owning_unit(world, route.scope)
    body: dict = {
        "mode": route.mode.value,
        "scope": route.scope.value,
        "owningUnitCode": owning,
        "work": "Penyusunan peta stunting",
        "periodStart": "2025-01-01",
        "periodEnd": "2025-06-30",
        "requestLetter": {
            "purpose": REQUEST_LETTER["purpose"],
            "competencies": REQUEST_LETTER["competencies"],
            "expectedTarget": REQUEST_LETTER["expected_target"],
        },
    }
    if route.scope is Scope.CROSS_INSTITUTION:
        body["counterpart"] = {
            "government": "Kabupaten Tegal",
            "tenantSide": side,
            "unit": "Dinas Kesehatan Kabupaten Tegal",
        }
    external_official = route.scope is Scope.CROSS_INSTITUTION and side == "OWNING"
    if route.mode is Mode.VOLUNTARY and external_official:  # their official applies: from the letter
        body.update(externalOfficials=EXTERNAL, externalLetter=LETTER_INPUT)
        return body, None
    if route.mode is Mode.VOLUNTARY:
        return body, world.official
    if names_later(route):
        # The target agency's head chooses the unit where a step designates it: name the agency.
        target = world.a.agency if designates(route) else world.a.subunit
        body.update(
            criteria="Pelaksana dengan keahlian analisis data",
            officialUnitCode=None if external_official else target,
        )
    elif external_official:
        body["externalOfficials"] = EXTERNAL
    else:
        body["officialNips"] = [world.official]
    if route.scope is Scope.CROSS_INSTITUTION and side == "OFFICIAL":
        body["externalLetter"] = LETTER_INPUT
        return body, None
    return body, world.heads[owning if route.steps[0].role is Role.OWNING_UNIT_HEAD else owning.split(".")[0]]


def token_of(server: LiveServer, nip: str | None) -> str | None:
    return server.token(nip) if nip else None  # None: the administrator's token (LiveServer.gql)


def holder(answer: dict) -> str | None:
    """The NIP who takes the open step, or None when the administrator records it from a letter."""
    nips = [w["nip"] for w in answer["waitingFor"] if w["nip"]]
    return nips[0] if nips else None


def read_back(server: LiveServer, answer: dict) -> None:
    """The answer is what `assignment(id)` and the next actor's inbox (or awaitingLetters) say."""
    shown = dict(answer)
    assert server.gql(READ, {"id": answer["id"]})["assignment"] == shown
    if answer["openStep"] is None:
        return
    nip = holder(answer)
    if nip:
        nodes = server.gql(INBOX, token=server.token(nip))["myInbox"]["nodes"]
        found = [{k: v for k, v in n.items() if k != "via"} for n in nodes if n["id"] == answer["id"]]
    else:
        nodes = server.gql(AWAITING)["awaitingLetters"]["nodes"]
        found = [n for n in nodes if n["id"] == answer["id"]]
    assert found == [shown], f"step {answer['openStep']['number']} not waiting for {nip or 'a letter'}"


def take(server: LiveServer, world: World, route: Route, answer: dict) -> dict:
    """Take the open step as whoever holds it now (waitingFor), approving."""
    n = answer["openStep"]["number"]
    action = route.steps[n - 1].action
    nip = holder(answer)
    if nip is None:
        body = {
            "assignmentId": answer["id"],
            "step": n,
            "approved": True,
            "letter": LETTER_INPUT,
            "letterNumber": "800/77/ST/2025",
            "officials": EXTERNAL if action is Action.NAME_OFFICIALS else None,
        }
        return mutate(server, "recordExternalStep", body)
    body = {"assignmentId": answer["id"], "step": n}
    if route.steps[n - 1].designates_unit:  # the unit whose head appraises the official
        return mutate(server, "designateUnit", {**body, "unitCode": world.a.unit}, token=server.token(nip))
    if action is Action.NAME_OFFICIALS:
        body["nips"] = [world.official]
    return mutate(server, TAKES[action], body, token=server.token(nip))


@pytest.mark.parametrize(
    ("profile", "route", "side", "store"), params(WITH_COPIES, "sqlite") + params(POSTGRES_SUBSET, "postgres")
)
def test_a_route_with_copies_is_answered_and_read_back_with_its_copies(
    request, tmp_path, template_dir, profile, route, side, store
):
    with serving(request, tmp_path, template_dir, profile, store) as (world, server):
        body, requester = request_input(world, route, side)
        made = mutate(server, "requestAssignment", body, token=token_of(server, requester))
        assert made["route"] == expected_route(load_profile(profile), route)
        assert any(step["copies"] for step in made["route"])
        assert made["openStep"] == made["route"][1]
        read_back(server, made)
        assert server.gql(LISTED)["assignments"]["nodes"] == [made]
        if requester:  # the administrator recorded the other government's request: not "mine"
            assert server.gql(MINE, token=server.token(requester))["myRequests"]["nodes"] == [made]


def test_a_route_step_is_built_from_its_known_keys_only():
    """A key the stored snapshot gains later (here a note) must not break every answer again."""
    from api.assignments.types import RouteCopy, RouteStep

    step = {
        "role": "OWNING_UNIT_HEAD",
        "action": "REQUEST",
        "citation": "x-2024 Pasal 1",
        "copies": ["OFFICIAL_APPRAISER"],
        "note": "not a field of RouteStep",
    }
    assert RouteStep.from_snapshot(1, step) == RouteStep(
        number=1,
        role="OWNING_UNIT_HEAD",
        action="REQUEST",
        citation="x-2024 Pasal 1",
        copies=[RouteCopy(role="OFFICIAL_APPRAISER", citation="x-2024 Pasal 1")],
    )
    fix = {"role": "PPK", "action": "FIX", "citation": "x-2024 Pasal 2"}
    assert RouteStep.from_snapshot(2, fix).copies == []


@pytest.mark.parametrize(
    ("profile", "route", "side", "store"), params(ALL, "sqlite") + params(POSTGRES_SUBSET, "postgres")
)
def test_every_route_walked_over_http_to_an_active_assignment(
    request, tmp_path, template_dir, profile, route, side, store
):
    with serving(request, tmp_path, template_dir, profile, store) as (world, server):
        body, requester = request_input(world, route, side)
        answer = mutate(server, "requestAssignment", body, token=token_of(server, requester))
        assert answer["route"] == expected_route(load_profile(profile), route)
        read_back(server, answer)
        expect_letter(server, load_profile(profile), route, answer["id"], issued=False)
        for n in range(2, len(route.steps) + 1):
            assert answer["openStep"]["number"] == n
            answer = take(server, world, route, answer)
            read_back(server, answer)
        assert answer["status"] == "ACTIVE" and answer["openStep"] is None and answer["letterNumber"]
        expect_letter(server, load_profile(profile), route, answer["id"], issued=True)
        history = server.gql(HISTORY, {"id": answer["id"]})["assignment"]["history"]
        taken = [(h["step"], h["role"], h["legalBasis"]) for h in history if h["step"] is not None]
        assert taken == [(s["number"], s["role"], s["citation"]) for s in answer["route"]]
        if not (route.scope is Scope.CROSS_INSTITUTION and side == "OWNING"):  # else the official is theirs
            assert server.gql(WORKLOAD, {"nip": world.official})["workload"] == [answer]


def expect_letter(
    server: LiveServer, profile: Profile, route: Route, assignment_id: str, *, issued: bool
) -> None:
    """The letter as the route prescribes it; once issued, its number and date as on the assignment,
    and one copy (or a vacancy) for every role the regulation lists."""
    read = server.gql(LETTER_QUERY, {"id": assignment_id})["assignment"]
    letter, citation = read["letter"], cite(profile, route.letter.citation)
    assert letter["issuedAtStep"] == route.letter.issued_at_step and letter["citation"] == citation
    assert letter["copiesRequired"] == [{"role": r.value, "citation": citation} for r in route.letter.copies]
    if not issued:
        assert (letter["number"], letter["issuedOn"], letter["issuerNip"], letter["copies"]) == (
            None,
            None,
            None,
            [],
        )
        return
    assert (letter["number"], letter["issuedOn"]) == (read["letterNumber"], read["letterIssuedOn"])
    assert (
        letter["issuerNip"] or route.scope is Scope.CROSS_INSTITUTION
    )  # a letter of the other side: no NIP here
    assert {c["role"] for c in letter["copies"]} == {r.value for r in route.letter.copies}
    for copy in letter["copies"]:
        assert copy["vacant"] or copy["nip"] or copy["government"], copy


# Issue 10 items 6, 9, 10 and 12: the routes to the letter, each over GraphQL ------------------------

ANSWER = (
    f"... on AssignmentSuccess {{ assignment {{ {ASSIGNMENT} officialUnit }} }}"
    " ... on CommandError { code message legalBasis }"
)
STEPS_TAKEN = (
    "query($id: ID!) { assignment(id: $id) { status history { step role outcome actorNip reason } } }"
)
COUNT = "{ assignments(first: 50) { nodes { id } } }"


def attempt(server: LiveServer, name: str, variables: dict, token: str | None = None) -> dict:
    """The mutation's answer as it is: the assignment, or the typed error."""
    query = f"mutation($i: {MUTATIONS[name]}!) {{ {name}(input: $i) {{ {ANSWER} }} }}"
    return server.gql(query, {"i": variables}, token=token)[name]


def count(server: LiveServer) -> int:
    return len(server.gql(COUNT)["assignments"]["nodes"])


def route_of(profile: str, mode: Mode, scope: Scope) -> Route:
    route = load_profile(profile).assignment.route(mode, scope)
    assert route is not None
    return route


@pytest.fixture
def serve(request, tmp_path, template_dir):
    """A live server over the world of `profile` (SQLite)."""

    @contextmanager
    def open_(profile: str):
        with serving(request, tmp_path, template_dir, profile, "sqlite") as pair:
            yield pair

    return open_


def kab_serang_cross_agency(world: World, **changes) -> dict:
    """The head of B.U1 asks agency A for a Pelaksana: the agency and the criteria only."""
    return {
        "mode": "APPOINTMENT",
        "scope": "CROSS_AGENCY",
        "owningUnitCode": world.b.unit,
        "work": "Penyusunan peta stunting",
        "periodStart": "2025-01-01",
        "periodEnd": "2025-06-30",
        "criteria": "Pelaksana dengan keahlian analisis data",
        "officialUnitCode": world.a.agency,
        "requestLetter": {
            "purpose": REQUEST_LETTER["purpose"],
            "competencies": REQUEST_LETTER["competencies"],
            "expectedTarget": REQUEST_LETTER["expected_target"],
        },
        **changes,
    }


def test_kab_serang_lampiran_b_1_c_angka_3_the_target_agency_head_designates_the_unit_of_the_appraiser(serve):
    with serve("kab-serang-2024") as (world, server):
        head_b = server.token(world.b.unit_head)
        for changes, code in (
            (
                {"officialUnitCode": world.a.subunit},
                "AGENCY_REQUIRED",
            ),  # the requester does not pick the unit
            ({"officialNips": [world.official]}, "OFFICIALS_CHOSEN_BY_TARGET"),
            ({"officialUnitCode": None}, "AGENCY_REQUIRED"),
        ):
            refused = attempt(server, "requestAssignment", kab_serang_cross_agency(world, **changes), head_b)
            assert (refused["code"], refused["legalBasis"]) == (
                code,
                ["kab-serang-2024 Lampiran B.1.c angka 3)"],
            )
        assert count(server) == 0  # nothing recorded
        made = mutate(server, "requestAssignment", kab_serang_cross_agency(world), token=head_b)
        answer = mutate(
            server,
            "approveStep",
            {"assignmentId": made["id"], "step": 2},
            token=server.token(world.b.agency_head),
        )
        head_a = server.token(world.a.agency_head)
        wrong = attempt(server, "approveStep", {"assignmentId": made["id"], "step": 3}, head_a)
        assert wrong["code"] == "WRONG_ACTION" and "designateUnit" in wrong["message"]
        designate = {"assignmentId": made["id"], "step": 3}
        outside = attempt(server, "designateUnit", {**designate, "unitCode": world.b.unit}, head_a)
        assert outside["code"] == "UNIT_OUTSIDE_AGENCY"
        not_his = attempt(
            server, "designateUnit", {**designate, "unitCode": world.a.unit}, server.token(world.a.unit_head)
        )
        assert not_his["code"] == "NOT_YOUR_STEP"
        assert (
            server.gql(READ, {"id": made["id"]})["assignment"]["openStep"]["number"] == 3
        )  # nothing recorded
        answer = attempt(server, "designateUnit", {**designate, "unitCode": world.a.unit}, head_a)
        assert answer["assignment"]["officialUnit"] == world.a.unit
        # Angka 4): the appraiser of the designated unit (its head) answers; he finds the inbox entry.
        assert answer["assignment"]["waitingFor"] == [{"nip": world.a.unit_head, "via": "POSITION"}]
        read_back(server, {k: v for k, v in answer["assignment"].items() if k != "officialUnit"})
        history = server.gql(STEPS_TAKEN, {"id": made["id"]})["assignment"]["history"]
        assert (history[-1]["step"], history[-1]["role"], history[-1]["actorNip"]) == (
            3,
            "OFFICIAL_AGENCY_HEAD",
            world.a.agency_head,
        )


def test_kab_serang_lampiran_b_1_c_angka_5_nobody_available_is_a_reasoned_refusal_not_an_empty_list(serve):
    with serve("kab-serang-2024") as (world, server):
        made = mutate(
            server, "requestAssignment", kab_serang_cross_agency(world), token=server.token(world.b.unit_head)
        )
        key = {"assignmentId": made["id"]}
        mutate(server, "approveStep", {**key, "step": 2}, token=server.token(world.b.agency_head))
        mutate(
            server,
            "designateUnit",
            {**key, "step": 3, "unitCode": world.a.unit},
            token=server.token(world.a.agency_head),
        )
        appraiser = server.token(world.a.unit_head)
        empty = attempt(server, "nameOfficials", {**key, "step": 4, "nips": []}, appraiser)
        assert empty["code"] == "NONE_AVAILABLE" and "rejectStep" in empty["message"]
        assert empty["legalBasis"] == ["kab-serang-2024 Lampiran B.1.c angka 4) dan angka 5) huruf a)"]
        assert (
            server.gql(READ, {"id": made["id"]})["assignment"]["openStep"]["number"] == 4
        )  # nothing recorded
        reason = "Tidak tersedia Pelaksana dengan keahlian analisis data"
        refused = mutate(server, "rejectStep", {**key, "step": 4, "reason": reason}, token=appraiser)
        assert refused["status"] == "REJECTED"
        last = server.gql(STEPS_TAKEN, {"id": made["id"]})["assignment"]["history"][-1]
        assert (last["step"], last["role"], last["outcome"], last["reason"]) == (
            4,
            "OFFICIAL_APPRAISER",
            "REJECTED",
            reason,
        )


def walk_until(server: LiveServer, world: World, route: Route, answer: dict, step: int) -> dict:
    """Take every open step before `step` as its holder, approving."""
    while answer["openStep"] and answer["openStep"]["number"] < step:
        answer = take(server, world, route, answer)
    return answer


def test_kota_serang_pasal_1_angka_4_pasal_11_ayat_2_voluntary_application_from_another_government(serve):
    """The applicant of another government is recorded by the administrator from his letter; the
    owning unit head approves, his government releases him, the PPK fixes (Pasal 13 ayat (2) c)."""
    route = route_of("kota-serang-2023", Mode.VOLUNTARY, Scope.CROSS_INSTITUTION)
    with serve("kota-serang-2023") as (world, server):
        body, requester = request_input(world, route, "OWNING")
        assert requester is None  # the administrator, from the application letter
        for changes in (
            {"externalOfficials": None},
            {"externalOfficials": EXTERNAL * 2},
            {"officialNips": [world.official]},
        ):
            refused = attempt(server, "requestAssignment", {**body, **changes})
            assert refused["code"] == "VOLUNTARY_IS_PERSONAL", refused
        not_admin = attempt(server, "requestAssignment", body, server.token(world.heads[world.a_u2]))
        assert not_admin["code"] == "NOT_AUTHORISED", not_admin  # only the administrator records a letter
        assert count(server) == 0  # nothing recorded
        answer = mutate(server, "requestAssignment", body)
        assert answer["route"] == expected_route(load_profile("kota-serang-2023"), route)
        assert answer["waitingFor"] == [{"nip": world.heads[world.a_u2], "via": "POSITION"}]
        answer = walk_until(server, world, route, answer, len(route.steps) + 1)
        assert answer["status"] == "ACTIVE"
        history = server.gql(STEPS_TAKEN, {"id": answer["id"]})["assignment"]["history"]
        assert [h["role"] for h in history] == ["OFFICIAL", "OWNING_UNIT_HEAD", "OFFICIAL_PYB", "PPK"]
        assert history[0]["actorNip"] == ADMIN.nip  # recorded from the applicant's letter


def test_pemalang_pasal_12_ayat_2_huruf_b_voluntary_across_agencies_signed_by_the_officials_agency_head(
    serve,
):
    route = route_of("pemalang-2023", Mode.VOLUNTARY, Scope.CROSS_AGENCY)
    with serve("pemalang-2023") as (world, server):
        body, requester = request_input(world, route, "OWNING")
        assert (body["owningUnitCode"], requester) == (world.b.unit, world.official)
        token = server.token(world.official)
        mismatch = attempt(server, "requestAssignment", {**body, "scope": "CROSS_UNIT"}, token)
        assert mismatch["code"] == "SCOPE_MISMATCH" and "CROSS_AGENCY" in mismatch["message"]
        answer = mutate(server, "requestAssignment", body, token=token)
        answer = walk_until(server, world, route, answer, len(route.steps) + 1)
        assert answer["status"] == "ACTIVE"
        letter = server.gql(LETTER_QUERY, {"id": answer["id"]})["assignment"]["letter"]
        assert letter["issuerNip"] == world.a.agency_head  # "ditandatangani oleh Kepala Perangkat Daerah"


def banyumas_request(server: LiveServer, world: World, scope: Scope, owning: str) -> dict:
    body = {
        "mode": "APPOINTMENT",
        "scope": scope.value,
        "owningUnitCode": owning,
        "work": "Penyusunan peta stunting",
        "periodStart": "2025-01-01",
        "periodEnd": "2025-06-30",
        "officialNips": [world.official],
    }
    return mutate(server, "requestAssignment", body, token=server.token(world.heads[owning]))


def test_banyumas_lampiran_b_2_a_angka_2_huruf_b_ii_the_officials_agency_head_decides_across_agencies(serve):
    route = route_of("banyumas-2024", Mode.APPOINTMENT, Scope.CROSS_AGENCY)
    assert [(s.role, s.action) for s in route.steps][2] == (Role.OFFICIAL_AGENCY_HEAD, Action.APPROVE)
    with serve("banyumas-2024") as (world, server):
        made = banyumas_request(server, world, Scope.CROSS_AGENCY, world.b.unit)
        answer = walk_until(server, world, route, made, 3)
        assert answer["waitingFor"] == [{"nip": world.a.agency_head, "via": "POSITION"}]
        reason = "Pegawai dibutuhkan untuk target kinerja Perangkat Daerah sendiri"
        key = {"assignmentId": made["id"], "step": 3}
        empty = attempt(server, "rejectStep", {**key, "reason": " "}, server.token(world.a.agency_head))
        assert empty["code"] == "REQUIRED"
        refused = mutate(
            server, "rejectStep", {**key, "reason": reason}, token=server.token(world.a.agency_head)
        )
        assert refused["status"] == "REJECTED"
        last = server.gql(STEPS_TAKEN, {"id": made["id"]})["assignment"]["history"][-1]
        assert (last["step"], last["role"], last["actorNip"], last["reason"]) == (
            3,
            "OFFICIAL_AGENCY_HEAD",
            world.a.agency_head,
            reason,
        )


def test_banyumas_lampiran_b_2_a_angka_2_huruf_b_ii_within_one_agency_its_head_or_the_appraiser_refuses(
    serve,
):
    with serve("banyumas-2024") as (world, server):
        for refuser, role in (
            (world.a.agency_head, "OFFICIAL_AGENCY_HEAD"),
            (world.a.unit_head, "OFFICIAL_APPRAISER"),
        ):
            made = banyumas_request(server, world, Scope.CROSS_UNIT, world.a_u2)
            key = {"assignmentId": made["id"], "step": 2, "reason": "Beban kerja penuh"}
            bystander = attempt(server, "rejectStep", key, server.token(world.bystander))
            assert bystander["code"] == "NOT_YOUR_STEP"
            assert mutate(server, "rejectStep", key, token=server.token(refuser))["status"] == "REJECTED"
            last = server.gql(STEPS_TAKEN, {"id": made["id"]})["assignment"]["history"][-1]
            assert (last["step"], last["role"], last["actorNip"]) == (2, role, refuser)


def test_banyumas_lampiran_b_2_a_angka_1_the_appraiser_or_a_unit_head_appoints_within_the_unit(serve):
    """The official's appraiser heads A.U1 (above the official's A.U1.S1): he appoints naming his
    unit; the head of A.U1.S1 may as well."""
    with serve("banyumas-2024") as (world, server):
        for owning in (world.a.unit, world.a.subunit):
            made = banyumas_request(server, world, Scope.WITHIN_UNIT, owning)
            done = mutate(
                server,
                "issueLetter",
                {"assignmentId": made["id"], "step": 2},
                token=server.token(world.heads[owning]),
            )
            assert done["status"] == "ACTIVE"


REGISTER = "mutation($i: RegisterOfficialInput!) { registerOfficial(input: $i) { __typename } }"
PLACE = "mutation($i: PlaceOfficialInput!) { placeOfficial(input: $i) { __typename } }"


def expert(server: LiveServer, grade: str, agency: str, appraiser: str) -> str:
    """A Pejabat Fungsional of `grade` placed at the root of `agency`, under its head."""
    number = nip()
    server.gql(
        REGISTER,
        {
            "i": {
                "nip": number,
                "name": f"Ahli {spelled(number[-3:])}",
                "positionType": "FUNGSIONAL",
                "positionTitle": f"Analis Kebijakan {grade}",
                "grade": grade,
                "rank": "IV/a",
                "education": "S2",
                "legalBasis": "SK pengangkatan",
            }
        },
    )
    placed = server.gql(
        PLACE,
        {"i": {"nip": number, "unitCode": agency, "appraiserNip": appraiser, "effectiveDate": "2025-01-02"}},
    )
    assert placed["placeOfficial"]["__typename"] != "CommandError", placed
    return number


def test_banyumas_lampiran_b_2_huruf_c_an_administrator_tasks_an_ahli_madya_placed_anywhere_in_his_agency(
    serve,
):
    with serve("banyumas-2024") as (world, server):
        madya = expert(server, "AHLI_MADYA", world.a.agency, world.a.agency_head)
        muda = expert(server, "AHLI_MUDA", world.a.agency, world.a.agency_head)
        elsewhere = expert(server, "AHLI_MADYA", world.b.agency, world.b.agency_head)
        body = {
            "mode": "APPOINTMENT",
            "scope": "WITHIN_UNIT",
            "owningUnitCode": world.a_u2,  # headed by an Administrator
            "work": "Kajian kebijakan stunting",
            "periodStart": "2025-01-01",
            "periodEnd": "2025-06-30",
        }
        administrator = server.token(world.heads[world.a_u2])
        for nips, token in (
            ([muda], administrator),  # not Madya or Utama
            ([elsewhere], administrator),  # another agency
            ([world.official], administrator),  # a Pelaksana
            ([madya], server.token(world.a.subunit_head)),  # a Pengawas, not an Administrator
        ):
            owning = world.a_u2 if token == administrator else world.a.subunit
            answer = attempt(
                server,
                "requestAssignment",
                {**body, "owningUnitCode": owning, "officialNips": nips, "team": True},
                token,
            )
            assert answer["code"] == "SCOPE_MISMATCH", (nips, answer)
        assert count(server) == 0  # nothing recorded
        made = mutate(server, "requestAssignment", {**body, "officialNips": [madya]}, token=administrator)
        done = mutate(server, "issueLetter", {"assignmentId": made["id"], "step": 2}, token=administrator)
        assert done["status"] == "ACTIVE"
        # "dapat": the cross-unit route stays open for him too.
        cross = attempt(
            server,
            "requestAssignment",
            {**body, "scope": "CROSS_UNIT", "officialNips": [madya]},
            administrator,
        )
        assert "assignment" in cross, cross


def banjarnegara_cross_unit(server: LiveServer, world: World) -> dict:
    return mutate(
        server,
        "requestAssignment",
        {
            "mode": "APPOINTMENT",
            "scope": "CROSS_UNIT",
            "owningUnitCode": world.a_u2,
            "work": "Penyusunan peta stunting",
            "periodStart": "2025-01-01",
            "periodEnd": "2025-06-30",
            "officialNips": [world.official],
            "requestLetter": {
                "purpose": REQUEST_LETTER["purpose"],
                "competencies": REQUEST_LETTER["competencies"],
                "expectedTarget": REQUEST_LETTER["expected_target"],
            },
        },
        token=server.token(world.heads[world.a_u2]),
    )


def test_banjarnegara_pasal_20_ayat_3_huruf_d_the_officials_unit_head_answers_the_refusal(serve):
    with serve("banjarnegara-2024") as (world, server):
        made = banjarnegara_cross_unit(server, world)
        assert made["waitingFor"] == [{"nip": world.a.unit_head, "via": "POSITION"}]  # the appraiser approves
        key = {"assignmentId": made["id"], "step": 2, "reason": "Pegawai sedang menyelesaikan audit"}
        by_appraiser = attempt(server, "rejectStep", key, server.token(world.a.unit_head))
        assert by_appraiser["code"] == "NOT_YOUR_STEP" and world.a.subunit_head in by_appraiser["message"]
        refused = mutate(server, "rejectStep", key, token=server.token(world.a.subunit_head))
        assert refused["status"] == "REJECTED"
        last = server.gql(STEPS_TAKEN, {"id": made["id"]})["assignment"]["history"][-1]
        assert (last["step"], last["role"], last["actorNip"]) == (
            2,
            "OFFICIAL_UNIT_HEAD",
            world.a.subunit_head,
        )


@pytest.mark.parametrize("side", ["OWNING", "OFFICIAL"])
def test_banjarnegara_pasal_20_ayat_4_huruf_f_the_officials_unit_head_gives_the_letter(serve, side):
    """Ours when our official is requested; recorded from the other government's letter when we request."""
    route = route_of("banjarnegara-2024", Mode.APPOINTMENT, Scope.CROSS_INSTITUTION)
    assert route.letter_step.role is Role.OFFICIAL_UNIT_HEAD
    with serve("banjarnegara-2024") as (world, server):
        body, requester = request_input(world, route, side)
        answer = mutate(server, "requestAssignment", body, token=token_of(server, requester))
        answer = walk_until(server, world, route, answer, route.letter.issued_at_step)
        if side == "OFFICIAL":
            assert answer["waitingFor"] == [{"nip": world.a.subunit_head, "via": "POSITION"}]
        else:
            assert answer["waitingFor"] == [{"nip": None, "via": "EXTERNAL_LETTER"}]
        answer = take(server, world, route, answer)
        letter = server.gql(LETTER_QUERY, {"id": answer["id"]})["assignment"]["letter"]
        assert letter["issuerNip"] == (world.a.subunit_head if side == "OFFICIAL" else ADMIN.nip)
        assert [c["role"] for c in letter["copies"]] == ["OFFICIAL_PYB", "OFFICIAL_APPRAISER", "OWNING_PYB"]
