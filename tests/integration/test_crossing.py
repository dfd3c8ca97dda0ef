"""Native cross-tenant routes through the application and the relay (issue 13 part 4, ADR 0010):
Banjarnegara requests an official of Pemalang; each side takes its own steps under its own
regulation, each step reaches the other tenant as its event, exactly once, and both hash chains
still verify. On both stores."""

from dataclasses import replace
from datetime import date
from uuid import UUID

import pytest
from typer.testing import CliRunner

from application.commands.assignments import (
    ApproveStep,
    RecordExternalStep,
    RejectStep,
    RequestAssignment,
    WithdrawAssignment,
)
from application.principal import Principal
from domain.crossing import letter_rule, native_route
from domain.errors import Forbidden, InvalidInput
from domain.profile import Mode, Role, Scope, list_profiles, load_profile
from domain.routes import OFFICIAL_SIDE, steps_snapshot
from infra.audit.store import reading
from infra.audit.verify import verify_chain
from infra.bootstrap import build
from infra.cli import app as cli
from infra.crossing.relay import Relay
from infra.settings import Settings
from projections.assignments.queries import AssignmentQueries
from tests.integration.assignment_walk import ADMIN, LETTER, decided, reject, rightful_actor, take
from tests.integration.crossing_platform import platform


@pytest.fixture(params=["sqlite", "postgres"])
def world(request, tmp_path):
    url = (
        f"sqlite:///{tmp_path / 'platform.db'}"
        if request.param == "sqlite"
        else request.getfixturevalue("postgres_url")
    )
    with platform(url) as made:
        yield made


def _opened(p):
    """Banjarnegara's unit head requests, its PyB approves; both steps relayed to Pemalang."""
    a = decided(p.own_app, p.requester, p.request())
    a = take(p.own_app, p.own_world, a, 2)
    return a


def _events(app, assignment_id: str):
    return app.recorder.select_events(app.repo.assignment(assignment_id).id)


def test_each_side_takes_its_own_steps_and_the_other_records_them_as_events(world):
    p, relay = world, Relay(world.tenants, only=world.ids)
    a = _opened(p)
    assert relay.once() == 2  # the request, and the PyB's approval
    mirror = p.their_app.repo.assignment(str(a.id))
    assert (mirror.tenant_side, mirror.counterpart["tenant"], mirror.done) == ("OFFICIAL", p.owner.id, 2)
    assert mirror.counterpart["government"] == p.owner.government
    assert mirror.official_unit == p.their_world.a.subunit  # the unit Banjarnegara named, in Pemalang
    # One route on both sides: Banjarnegara's steps under its Perbup, Pemalang's under its own.
    both = native_route(load_profile("banjarnegara-2024"), load_profile("pemalang-2023"), Mode.APPOINTMENT)
    assert mirror.steps == a.steps == both["steps"]
    assert [s["citation"].split()[0] for s in a.steps] == ["banjarnegara-2024"] * 2 + ["pemalang-2023"] * 5
    for step in range(3, 8):  # Pemalang's officials, in Pemalang
        mirror = take(p.their_app, p.their_world, mirror, step)
        assert relay.once() == 1
    a = p.own_app.repo.assignment(str(a.id))
    assert (a.status, mirror.status) == ("ACTIVE", "ACTIVE")
    assert a.letter["number"] == mirror.letter["number"]
    assert a.officials == mirror.officials and a.accepted == mirror.accepted
    assert relay.once() == 0  # nothing new, nothing twice
    # Each side's record of the other's step names the other's event by chain position and hash.
    for app, other in ((p.own_app, p.their_app), (p.their_app, p.own_app)):
        for event in _events(app, str(a.id)):
            decision = app.mapper.to_domain_event(event).decision
            if decision["capacity"]["kind"] != "OTHER_TENANT":
                continue
            ref = decision["other_tenant_event"]
            with reading(other.recorder) as tables:
                row = tables.chain_after(ref["position"] - 1, 1)[0]
                original = tables.events_after(row.notification_id - 1, 1)[0]
            assert (row.seq, row.hash.hex()) == (ref["position"], ref["hash"])
            assert UUID(original.originator_id) == a.id
    own = {
        app: {e.originator_version: e for e in _events(app, str(a.id))} for app in (p.own_app, p.their_app)
    }
    kinds = {
        app: [app.mapper.to_domain_event(e).decision["capacity"]["kind"] for e in own[app].values()]
        for app in own
    }
    assert kinds[p.own_app].count("OTHER_TENANT") == 5 and kinds[p.their_app].count("OTHER_TENANT") == 2
    for app in (p.own_app, p.their_app):
        assert verify_chain(app.recorder, None).ok
    # Contract: the step records (read side) name the same events as the decisions (write side).
    for tenant, app in ((p.owner, p.own_app), (p.official, p.their_app)):
        read = AssignmentQueries(p.tenants.system(tenant.id).store).history(str(a.id))
        written = [
            app.mapper.to_domain_event(e).decision.get("other_tenant_event") for e in _events(app, str(a.id))
        ]
        assert [
            {k: r[f"other_{k}"] for k in ("tenant", "government", "position", "hash")}
            if r["other_tenant"]
            else None
            for r in read
        ] == written


def test_a_refusal_on_the_other_side_ends_the_request_on_both(world):
    p, relay = world, Relay(world.tenants, only=world.ids)
    a = _opened(p)
    relay.once()
    pyb = rightful_actor(p.their_app, p.their_app.repo.assignment(str(a.id)), 3)
    decided(
        p.their_app, pyb, RejectStep(assignment_id=str(a.id), step=3, reason="Tidak ada pegawai yang sesuai")
    )
    assert relay.once() == 1
    a = p.own_app.repo.assignment(str(a.id))
    assert a.status == "REJECTED"
    last = p.own_app.mapper.to_domain_event(_events(p.own_app, str(a.id))[-1])
    assert last.decision["reason"] == "Tidak ada pegawai yang sesuai"
    assert last.decision["actor_nip"] == pyb.nip and last.decision["legal_basis"].startswith("pemalang-2023")


def test_a_delivery_repeated_after_a_crash_records_nothing_twice(world, monkeypatch):
    p = world
    a = _opened(p)
    registry = p.tenants.registry
    moved = registry.move_crossing_cursor

    def crash(tenant_id, position):
        raise RuntimeError("the relay died before its cursor moved")

    monkeypatch.setattr(registry, "move_crossing_cursor", crash)
    Relay(p.tenants, only=p.ids).once()  # logged: both delivered, the cursor stayed where it was
    assert registry.crossing_cursor(p.owner.id) == 0
    assert p.their_app.repo.assignment(str(a.id)).done == 2
    monkeypatch.setattr(registry, "move_crossing_cursor", moved)
    stored = p.their_app.recorder.max_notification_id()
    # Both handed over again, each answered from the inbox as it was the first time: nothing stored.
    assert Relay(p.tenants, only=p.ids).once() == 2
    assert p.their_app.recorder.max_notification_id() == stored
    assert len(_events(p.their_app, str(a.id))) == 2  # Requested and the PyB's approval, once each
    assert registry.crossing_cursor(p.owner.id) > 0
    assert Relay(p.tenants, only=p.ids).once() == 0


def test_the_other_sides_steps_are_taken_only_in_the_other_tenant(world):
    p, relay = world, Relay(world.tenants, only=world.ids)
    a = decided(p.own_app, p.requester, p.request())
    relay.once()
    key = str(a.id)
    with pytest.raises(Forbidden) as record:  # Pemalang's administrator cannot type in step 2
        p.their_app.handle(ADMIN, RecordExternalStep(assignment_id=key, step=2, approved=True, letter=LETTER))
    assert record.value.code == "TAKEN_IN_OTHER_TENANT" and record.value.details["tenant"] == p.owner.id
    a = take(p.own_app, p.own_world, a, 2)
    relay.once()
    with pytest.raises(Forbidden) as record:  # nor Banjarnegara's, step 3
        p.own_app.handle(ADMIN, RecordExternalStep(assignment_id=key, step=3, approved=True, letter=LETTER))
    assert record.value.code == "TAKEN_IN_OTHER_TENANT" and record.value.details["tenant"] == p.official.id
    sekda = Principal(nip=p.own_world.heads["SETDA"])  # Banjarnegara's PyB is not Pemalang's
    with pytest.raises(Forbidden) as step:
        p.own_app.handle(sekda, ApproveStep(assignment_id=key, step=3))
    assert step.value.code == "NOT_YOUR_STEP" and "own tenant" in step.value.message("en")


def test_a_native_request_is_opened_only_where_its_first_step_is_taken(world):
    """Banjarnegara asks for one of Pemalang's officials: Pemalang cannot open it on its behalf."""
    p = world
    theirs = replace(
        p.request(tenant=p.owner.id, tenant_side="OFFICIAL"),
        owning_unit_code=None,
        criteria=None,
        official_nips=[p.their_world.official],
        external_letter=LETTER,
    )
    with pytest.raises(Forbidden) as refused:
        p.their_app.handle(ADMIN, theirs)
    assert refused.value.code == "TAKEN_IN_OTHER_TENANT" and refused.value.details["step"] == 1


def test_a_request_withdrawn_by_its_requester_is_withdrawn_in_the_other_tenant(world):
    p, relay = world, Relay(world.tenants, only=world.ids)
    a = decided(p.own_app, p.requester, p.request())
    relay.once()
    withdraw = WithdrawAssignment(assignment_id=str(a.id), reason="Kegiatan dibatalkan")
    with pytest.raises(Forbidden) as there:  # the requester's NIP in Pemalang's tenant: not there
        p.their_app.handle(p.requester, withdraw)
    assert there.value.code == "TAKEN_IN_OTHER_TENANT"
    decided(p.own_app, p.requester, withdraw)
    assert relay.once() == 1
    mirror = p.their_app.repo.assignment(str(a.id))
    assert mirror.status == "WITHDRAWN"


@pytest.mark.parametrize(
    ("counterpart", "code", "case"),
    [
        ({"tenant": "self"}, "COUNTERPART_TENANT_INVALID", "self"),
        ({"tenant": "nowhere"}, "COUNTERPART_TENANT_INVALID", "unknown"),
        ({"tenant": "disabled"}, "COUNTERPART_TENANT_INVALID", "disabled"),
        ({"unit": "NO.SUCH.UNIT"}, "COUNTERPART_UNIT_NOT_FOUND", None),
    ],
)
def test_a_request_naming_a_tenant_it_cannot_cross_to_is_refused_and_records_nothing(
    world, counterpart, code, case
):
    p = world
    if counterpart.get("tenant") == "self":
        counterpart = {"tenant": p.owner.id}
    if counterpart.get("tenant") == "disabled":
        p.tenants.registry.set_status(p.official.id, "disabled")
        counterpart = {"tenant": p.official.id}
    before = p.own_app.recorder.max_notification_id()
    with pytest.raises(InvalidInput) as refused:
        p.own_app.handle(p.requester, p.request(**counterpart))
    assert refused.value.code == code and refused.value.details.get("case") == case
    assert p.own_app.recorder.max_notification_id() == before


def test_with_one_tenant_a_request_naming_a_tenant_is_refused(tmp_path):
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'one.db'}", profile="banjarnegara-2024")
    system = build(settings)
    request = RequestAssignment(
        mode="APPOINTMENT",
        scope="CROSS_INSTITUTION",
        owning_unit_code="A",
        work="Penyusunan peta stunting",
        period_start=date(2025, 1, 1),
        period_end=date(2025, 2, 1),
        counterpart={"government": "Pemalang", "tenant_side": "OWNING", "tenant": "pemalang"},
    )
    try:
        with pytest.raises(InvalidInput) as refused:
            system.app.handle(ADMIN, request)
        assert (refused.value.code, refused.value.details["case"]) == (
            "COUNTERPART_TENANT_INVALID",
            "one_tenant",
        )
    finally:
        system.close()


def test_the_operators_command_relays_every_tenant_once(tmp_path, monkeypatch):
    with platform(f"sqlite:///{tmp_path / 'platform.db'}") as p:
        a = _opened(p)
        monkeypatch.setenv("SISTEMKERJA_DATABASE_URL", p.settings.database_url)
        monkeypatch.setenv("SISTEMKERJA_MULTI_TENANT", "true")
        only = [arg for tenant in p.ids for arg in ("--tenant", tenant)]
        ran = CliRunner().invoke(cli, ["crossing", "relay", "--once", *only])
        assert ran.exit_code == 0, ran.output
        assert "2 event(s) delivered" in ran.output
        assert p.their_app.repo.assignment(str(a.id)).done == 2
        again = CliRunner().invoke(cli, ["crossing", "relay", "--once", *only])
        assert "0 event(s) delivered" in again.output


# --- Every pair of governments whose regulations both route an appointment across governments --


def _crosses(profile_id: str, mode: Mode) -> bool:
    return load_profile(profile_id).assignment.route(mode, Scope.CROSS_INSTITUTION) is not None


CROSSING = [p for p in list_profiles() if _crosses(p, Mode.APPOINTMENT)]
PAIRS = [(owner, official) for owner in CROSSING for official in CROSSING if owner != official]
VOLUNTARY = [p for p in list_profiles() if _crosses(p, Mode.VOLUNTARY)]  # kota-serang-2023 alone
VOLUNTARY_PAIRS = [
    pair for one in VOLUNTARY for other in CROSSING if other != one for pair in ((one, other), (other, one))
]
POSTGRES_PAIRS = PAIRS  # every pair on both stores


def _pair_id(pair) -> str:
    return "->".join(profile.split("-")[0] for profile in pair)


@pytest.fixture(
    params=[("sqlite", pair) for pair in PAIRS] + [("postgres", pair) for pair in POSTGRES_PAIRS],
    ids=lambda param: f"{param[0]}:{_pair_id(param[1])}",
)
def pair(request, tmp_path):
    store, (owner, official) = request.param
    url = (
        f"sqlite:///{tmp_path / 'platform.db'}"
        if store == "sqlite"
        else request.getfixturevalue("postgres_url")
    )
    with platform(url, owner, official) as made:
        yield made


def _route(p) -> dict:
    return native_route(load_profile(p.owner.profile), load_profile(p.official.profile), Mode.APPOINTMENT)


def _opened_native(p) -> tuple:
    route = _route(p)
    a = decided(p.own_app, p.requester, p.request())
    return a, route


def test_every_pair_walks_its_native_route_each_step_taken_where_it_belongs(pair):
    """Each step is taken in the tenant of the government whose step it is, by the official who
    holds the role there (the Wali Kota's, who has no NIP, recorded there by its administrator from
    his letter); the other tenant refuses it; the relay carries it, and the other tenant's record
    names the taker and cites the step's own regulation."""
    p, relay = pair, Relay(pair.tenants, only=pair.ids)
    a, route = _opened_native(p)
    key, steps = str(a.id), route["steps"]
    assert a.steps == steps and a.letter_rule == route["letter"]
    assert relay.once() == 1
    for n, spec in enumerate(steps[1:], start=2):
        theirs = Role(spec["role"]) in OFFICIAL_SIDE
        app, world, other = (
            (p.their_app, p.their_world, p.own_app) if theirs else (p.own_app, p.own_world, p.their_app)
        )
        with pytest.raises(Forbidden) as elsewhere:  # not typed in on the other side from a letter
            other.handle(ADMIN, RecordExternalStep(assignment_id=key, step=n, approved=True, letter=LETTER))
        assert elsewhere.value.code == "TAKEN_IN_OTHER_TENANT"
        taken = take(app, world, app.repo.assignment(key), n)
        assert taken.done == n
        assert relay.once() == 1
        sent = app.mapper.to_domain_event(_events(app, key)[-1])
        recorded = other.mapper.to_domain_event(_events(other, key)[-1])
        assert type(recorded) is type(sent) and recorded.step == n
        mirrored = recorded.decision
        assert mirrored["capacity"] == {"kind": "OTHER_TENANT", "position": spec["role"]}
        assert mirrored["actor_nip"] == sent.decision["actor_nip"]
        assert mirrored["legal_basis"] == sent.decision["legal_basis"] == spec["citation"]
        if spec["action"] in ("ISSUE_LETTER", "FIX"):  # the letter under its own regulation's rule
            rule = letter_rule(steps, route["letter"], n)
            assert mirrored["letter_basis"] == sent.decision["letter_basis"] == rule["citation"]
            assert [c["role"] for c in recorded.copies] == [c["role"] for c in sent.copies]
            assert [c["role"] for c in sent.copies] == rule["copies"]  # each listed, vacant or not
    mine, mirror = p.own_app.repo.assignment(key), p.their_app.repo.assignment(key)
    assert (mine.status, mirror.status) == ("ACTIVE", "ACTIVE")
    assert mine.letter == mirror.letter and mine.officials == mirror.officials
    assert mine.accepted == mirror.accepted
    assert relay.once() == 0
    for app in (p.own_app, p.their_app):
        assert verify_chain(app.recorder, None).ok


def test_every_pair_ends_on_both_sides_when_the_other_government_refuses(pair):
    p, relay = pair, Relay(pair.tenants, only=pair.ids)
    a, route = _opened_native(p)
    key = str(a.id)
    first = next(n for n, s in enumerate(route["steps"], start=1) if Role(s["role"]) in OFFICIAL_SIDE)
    for n in range(2, first):
        take(p.own_app, p.own_world, p.own_app.repo.assignment(key), n)
    relay.once()
    mirror = reject(p.their_app, p.their_app.repo.assignment(key), first, "Tidak ada pegawai yang sesuai")
    assert mirror.status == "REJECTED"
    assert relay.once() == 1
    assert p.own_app.repo.assignment(key).status == "REJECTED"
    last = p.own_app.mapper.to_domain_event(_events(p.own_app, key)[-1]).decision
    assert last["reason"] == "Tidak ada pegawai yang sesuai"
    assert last["legal_basis"] == route["steps"][first - 1]["citation"]
    assert last["capacity"]["kind"] == "OTHER_TENANT"


@pytest.mark.parametrize("official", ["banjarnegara-2024", "pemalang-2023"])
def test_kota_serangs_ppk_fixes_after_the_other_government_assigns_its_official_by_its_own_letter(official):
    """Perwal Kota Serang Pasal 13 ayat (2) huruf c and ayat (4): the PPK's decision fixes the
    team with outside personnel, so it is the route's letter; the other government's letter
    before it goes out under its own rule (ADR 0010 §2a)."""
    ks, theirs = load_profile("kota-serang-2023"), load_profile(official)
    route = native_route(ks, theirs, Mode.APPOINTMENT)
    steps = route["steps"]
    assert (steps[-1]["role"], steps[-1]["action"]) == ("PPK", "FIX")
    assert route["letter"] == {
        "issued_at_step": len(steps),
        "copies": [],
        "citation": "kota-serang-2023 Pasal 13 ayat (2) huruf c dan ayat (4)",
    }
    (release,) = [n for n, s in enumerate(steps[:-1], start=1) if s["action"] == "ISSUE_LETTER"]
    their_route = theirs.assignment.route(Mode.APPOINTMENT, Scope.CROSS_INSTITUTION)
    assert their_route is not None
    assert letter_rule(steps, route["letter"], release) == {
        "copies": [role.value for role in their_route.letter.copies],
        "citation": f"{official} {their_route.letter.citation}",
    }
    assert [s["citation"].split()[0] for s in steps] == ["kota-serang-2023"] + [official] * (
        len(steps) - 2
    ) + ["kota-serang-2023"]


@pytest.mark.parametrize("owner", ["banjarnegara-2024", "pemalang-2023"])
def test_kota_serangs_officials_lent_follow_the_requesting_regulation(owner):
    """The Perwal has no procedure for lending Kota Serang's officials (its route's official side
    has no letter): they follow the requester's procedure for the government requested, under its
    articles (ADR 0010 §2b), and the letter is the requester's."""
    mine = load_profile(owner)
    route = native_route(mine, load_profile("kota-serang-2023"), Mode.APPOINTMENT)
    own = mine.assignment.route(Mode.APPOINTMENT, Scope.CROSS_INSTITUTION)
    assert own is not None
    assert route["steps"] == steps_snapshot(mine, own)
    assert route["letter"]["issued_at_step"] == own.letter.issued_at_step
    assert route["letter"]["citation"] == f"{owner} {own.letter.citation}"


@pytest.mark.parametrize(("owner", "official"), VOLUNTARY_PAIRS, ids=_pair_id)
def test_a_voluntary_application_across_two_tenants_is_refused_by_the_regulation_that_forbids_it(
    tmp_path, owner, official
):
    """Kota Serang routes a voluntary application across governments; Banjarnegara (Pasal 22 ayat
    (2)) and Pemalang (Pasal 12 ayat (2)) allow one only within their own government, for their own
    officials and for their own work alike: either way round, nothing is opened."""
    forbidding = official if owner in VOLUNTARY else owner
    with platform(f"sqlite:///{tmp_path / 'platform.db'}", owner, official) as p:
        before = p.own_app.recorder.max_notification_id()
        with pytest.raises(InvalidInput) as refused:
            p.own_app.handle(Principal(nip=p.own_world.official), p.request(mode="VOLUNTARY"))
        assert refused.value.code == "ROUTE_NOT_ALLOWED"
        assert refused.value.details["citation"].startswith(forbidding)
        assert p.own_app.recorder.max_notification_id() == before
