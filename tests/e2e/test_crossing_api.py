"""Native cross-tenant routes as users meet them (issue 13 part 4, ADR 0010): Banjarnegara and
Pemalang are two tenants of one server; each side's officials take their own steps over GraphQL
with their own tokens, and the server's relay carries each step to the other tenant, to the issued
letter (and, in the other test, to a refusal). Both stores."""

import time
from typing import Any

import httpx
import pytest

from api.auth import mint_token
from tests.e2e.conftest import ADMIN_NIP, running_server
from tests.integration.assignment_walk import REQUEST_LETTER
from tests.integration.crossing_platform import SECRET, platform

RESULT = (
    "... on AssignmentSuccess { assignment { id status openStep { number role } } }"
    " ... on CommandError { code message }"
)
READ = (
    "query($id: ID!) { assignment(id: $id) { status letterNumber openStep { number role citation }"
    " waitingFor { nip via }"
    " history { step role capacityKind actorNip legalBasis reason"
    " otherTenantEvent { tenant government position hash } } } }"
)


class Side:
    """One government's tenant as its officials reach it: a token per NIP, carrying the tenant."""

    def __init__(self, url: str, tenant: str):
        self.url, self.tenant = url, tenant

    def gql(self, nip: str, query: str, variables: dict | None = None, admin: bool = False) -> dict:
        token = mint_token(SECRET, nip=nip, tenant=self.tenant, admin=admin)
        body = httpx.post(
            f"{self.url}/graphql",
            json={"query": query, "variables": variables or {}},
            headers={"authorization": f"Bearer {token}"},
            timeout=30,
        ).json()
        assert "errors" not in body, body
        return body["data"]

    def mutate(self, nip: str, name: str, kind: str, payload: dict) -> dict:
        query = f"mutation($input: {kind}!) {{ {name}(input: $input) {{ {RESULT} }} }}"
        return self.gql(nip, query, {"input": payload})[name]

    def read(self, assignment_id: str) -> dict[str, Any]:
        return self.gql(ADMIN_NIP, READ, {"id": assignment_id}, admin=True)["assignment"]

    def once(self, assignment_id: str, ready) -> dict[str, Any]:
        """The assignment once the relay has brought what `ready` waits for (a generous deadline:
        how fast is the bench's business, not the test's)."""
        deadline = time.monotonic() + 30
        while True:
            read = self.read(assignment_id)
            if read and ready(read):
                return read
            assert time.monotonic() < deadline, f"the other tenant's step never arrived: {read}"
            time.sleep(0.1)


@pytest.fixture(params=["sqlite", "postgres"])
def two_governments(request, tmp_path):
    url = (
        f"sqlite:///{tmp_path / 'platform.db'}"
        if request.param == "sqlite"
        else request.getfixturevalue("postgres_url")
    )
    with platform(url) as p, running_server(p.settings) as server:
        yield p, Side(server.url, p.owner.id), Side(server.url, p.official.id)


def _request(p, bn: Side) -> str:
    made = bn.mutate(
        p.own_world.heads["A.U2"],
        "requestAssignment",
        "RequestAssignmentInput",
        {
            "mode": "APPOINTMENT",
            "scope": "CROSS_INSTITUTION",
            "owningUnitCode": "A.U2",
            "work": "Penyusunan peta stunting",
            "periodStart": "2025-01-01",
            "periodEnd": "2025-06-30",
            "criteria": "Pelaksana dengan keahlian analisis data",
            "requestLetter": {
                "purpose": REQUEST_LETTER["purpose"],
                "competencies": REQUEST_LETTER["competencies"],
                "expectedTarget": REQUEST_LETTER["expected_target"],
            },
            "counterpart": {
                "government": "Pemalang",
                "tenantSide": "OWNING",
                "tenant": p.official.id,
                "unit": p.their_world.a.subunit,
            },
        },
    )
    assert made["assignment"]["openStep"] == {"number": 2, "role": "OWNING_PYB"}, made
    key = made["assignment"]["id"]
    step = {"assignmentId": key, "step": 2}
    assert bn.mutate(p.own_world.heads["SETDA"], "approveStep", "StepInput", step)["assignment"]
    return key


def test_both_governments_officials_take_their_own_steps_to_the_issued_letter(two_governments):
    p, bn, pm = two_governments
    key = _request(p, bn)
    at = lambda n: lambda read: (read["openStep"] or {}).get("number") == n  # noqa: E731
    mirror = pm.once(key, at(3))
    assert mirror["history"][0]["capacityKind"] == "OTHER_TENANT"
    assert mirror["history"][0]["otherTenantEvent"]["tenant"] == p.owner.id
    assert mirror["openStep"]["citation"].startswith("pemalang-2023")
    inbox = pm.gql(p.their_world.heads["SETDA"], "{ myInbox(first: 5) { nodes { id } } }")["myInbox"]["nodes"]
    assert {"id": key} in inbox  # Pemalang's PyB finds Banjarnegara's request among his own work
    # Banjarnegara waits for Pemalang's officials, who take the step there; its PyB cannot.
    assert bn.read(key)["waitingFor"] == [{"nip": None, "via": "OTHER_TENANT"}]
    refused = bn.mutate(
        p.own_world.heads["SETDA"], "approveStep", "StepInput", {"assignmentId": key, "step": 3}
    )
    assert refused["code"] == "NOT_YOUR_STEP", refused
    pm_heads, official = p.their_world.heads, p.their_world.official
    steps = [
        (pm_heads["SETDA"], "approveStep", "StepInput", {}),  # Pemalang's PyB (its Sekda)
        (pm_heads[p.their_world.a.subunit], "nameOfficials", "NameOfficialsInput", {"nips": [official]}),
        (pm_heads["SETDA"], "approveStep", "StepInput", {}),
        (pm_heads[p.their_world.a.agency], "issueLetter", "StepInput", {}),
        (official, "acceptAssignment", "StepInput", {}),
    ]
    for number, (nip, name, kind, extra) in enumerate(steps, start=3):
        done = pm.mutate(nip, name, kind, {"assignmentId": key, "step": number, **extra})
        assert "assignment" in done, (number, done)
        bn.once(key, at(number + 1) if number < 7 else lambda read: read["status"] == "ACTIVE")
    theirs, ours = bn.read(key), pm.read(key)
    assert theirs["status"] == ours["status"] == "ACTIVE"
    assert theirs["letterNumber"] == ours["letterNumber"] and ours["letterNumber"]
    kinds = {
        side: [h["capacityKind"] for h in read["history"]] for side, read in (("bn", theirs), ("pm", ours))
    }
    assert kinds["bn"][:2] == ["POSITION", "POSITION"] and set(kinds["bn"][2:]) == {"OTHER_TENANT"}
    assert set(kinds["pm"][:2]) == {"OTHER_TENANT"} and "OTHER_TENANT" not in kinds["pm"][2:]
    # The same step, each side's record of it naming the other's event.
    for mine, other in ((theirs, ours), (ours, theirs)):
        for record in mine["history"]:
            if record["otherTenantEvent"]:
                original = next(h for h in other["history"] if h["step"] == record["step"])
                assert original["otherTenantEvent"] is None and original["actorNip"] == record["actorNip"]
                assert record["legalBasis"] == original["legalBasis"]


def test_a_refusal_by_the_other_governments_pyb_reaches_the_requester(two_governments):
    p, bn, pm = two_governments
    key = _request(p, bn)
    pm.once(key, lambda read: (read["openStep"] or {}).get("number") == 3)
    refusal = {"assignmentId": key, "step": 3, "reason": "Tidak ada pegawai yang sesuai kriteria"}
    assert pm.mutate(p.their_world.heads["SETDA"], "rejectStep", "RejectStepInput", refusal)["assignment"]
    read = bn.once(key, lambda read: read["status"] == "REJECTED")
    last = read["history"][-1]
    assert (last["reason"], last["capacityKind"]) == (refusal["reason"], "OTHER_TENANT")
    assert last["legalBasis"].startswith("pemalang-2023")
    assert last["otherTenantEvent"]["tenant"] == p.official.id


@pytest.fixture(params=["sqlite", "postgres"])
def serang_and_pemalang(request, tmp_path):
    url = (
        f"sqlite:///{tmp_path / 'platform.db'}"
        if request.param == "sqlite"
        else request.getfixturevalue("postgres_url")
    )
    with platform(url, "kota-serang-2023", "pemalang-2023") as p, running_server(p.settings) as server:
        yield p, Side(server.url, p.owner.id), Side(server.url, p.official.id)


LETTER_READ = (
    "query($id: ID!) { assignment(id: $id) { status letterNumber"
    " letter { issuedAtStep citation copiesRequired { role } }"
    " history { step legalBasis capacityKind } } }"
)


def test_kota_serangs_wali_kota_fixes_after_pemalang_assigns_its_official_by_its_own_letter(
    serang_and_pemalang,
):
    """ADR 0010 §2a: Pemalang's agency head assigns its official by Pemalang's letter (Perbup
    Pemalang Pasal 11 ayat (5) huruf e, its copies); the Wali Kota's decision, recorded in Kota
    Serang's tenant by its administrator from his letter, then fixes the assignment (Perwal Kota
    Serang Pasal 13 ayat (2) huruf c): that is the letter both governments read."""
    p, ks, pm = serang_and_pemalang
    made = ks.mutate(
        p.own_world.heads["A.U2"],
        "requestAssignment",
        "RequestAssignmentInput",
        {
            "mode": "APPOINTMENT",
            "scope": "CROSS_INSTITUTION",
            "owningUnitCode": "A.U2",
            "work": "Penyusunan peta stunting",
            "periodStart": "2025-01-01",
            "periodEnd": "2025-06-30",
            "criteria": "Pelaksana dengan keahlian analisis data",
            "counterpart": {
                "government": p.official.government,
                "tenantSide": "OWNING",
                "tenant": p.official.id,
                "unit": p.their_world.a.subunit,
            },
        },
    )
    assert made["assignment"]["openStep"] == {"number": 2, "role": "OFFICIAL_PYB"}, made
    key = made["assignment"]["id"]
    at = lambda n: lambda read: (read["openStep"] or {}).get("number") == n  # noqa: E731
    pm.once(key, at(2))
    heads, official = p.their_world.heads, p.their_world.official
    steps = [
        (heads["SETDA"], "approveStep", "StepInput", {}),  # Pemalang's PyB releases
        (heads[p.their_world.a.subunit], "nameOfficials", "NameOfficialsInput", {"nips": [official]}),
        (heads["SETDA"], "approveStep", "StepInput", {}),
        (heads[p.their_world.a.agency], "issueLetter", "StepInput", {}),  # Pemalang's letter
        (official, "acceptAssignment", "StepInput", {}),
    ]
    for number, (nip, name, kind, extra) in enumerate(steps, start=2):
        done = pm.mutate(nip, name, kind, {"assignmentId": key, "step": number, **extra})
        assert "assignment" in done, (number, done)
        ks.once(key, at(number + 1))
    released = pm.gql(ADMIN_NIP, LETTER_READ, {"id": key}, admin=True)["assignment"]
    assert released["status"] == "FIXED" and released["letterNumber"]  # Pemalang's own number
    decision = {
        "assignmentId": key,
        "step": 7,
        "approved": True,
        "letter": {"reference": "800/5/Kep/2025", "signatory": "Wali Kota Serang", "date": "2025-01-20"},
        "letterNumber": "800/5/Kep/2025",
    }
    query = (
        f"mutation($input: RecordExternalStepInput!) {{ recordExternalStep(input: $input) {{ {RESULT} }} }}"
    )
    fixed = ks.gql(ADMIN_NIP, query, {"input": decision}, admin=True)["recordExternalStep"]
    assert fixed["assignment"]["status"] == "ACTIVE", fixed
    pm.once(key, lambda read: read["status"] == "ACTIVE")
    for side in (ks, pm):
        read = side.gql(ADMIN_NIP, LETTER_READ, {"id": key}, admin=True)["assignment"]
        assert read["letterNumber"] == "800/5/Kep/2025"
        assert read["letter"]["issuedAtStep"] == 7 and read["letter"]["copiesRequired"] == []
        assert read["letter"]["citation"] == "kota-serang-2023 Pasal 13 ayat (2) huruf c dan ayat (4)"
        bases = {h["step"]: h["legalBasis"] for h in read["history"] if h["step"]}
        assert bases[5] == "pemalang-2023 Pasal 11 ayat (5) huruf e"
        assert bases[7] == "kota-serang-2023 Pasal 13 ayat (2) huruf c"
