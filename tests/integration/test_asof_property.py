"""As of any point on both axes (ADR 0011), on SQLite and PostgreSQL: random histories — heads
appointed and officials placed with back-dated and future TMTs, delegations granted and revoked,
a team's members removed and the team dissolved on a past day, its assignment ended after its
period — and at random points (recorded instants taken from the events themselves and between
them, effective days taken from the TMTs and around them) every answer of the history views is
checked against a full replay of the events: each aggregate folded from its own events recorded
at or before the instant and in force on or before the day, by the aggregate's own methods."""

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from application.commands.assignments import EndAssignment
from application.commands.organisation import AppointHead, GrantDelegation, PlaceOfficial, RevokeDelegation
from application.commands.teams import ChangeTeamMemberRole, DissolveTeam, RemoveTeamMember
from application.principal import Principal
from domain.errors import DomainError
from domain.ids import official_id
from domain.official import Official
from domain.organisation import OrganisationUnit
from projections.asof.bitemporal import FOREVER, recorded
from projections.asof.queries import AsOfQueries
from tests.integration.team_world import ADMIN, _build, staffed_team
from tests.support import register

FIRST_TMT, LAST_TMT = date(2024, 10, 1), date(2027, 6, 30)
tmts = st.dates(min_value=FIRST_TMT, max_value=LAST_TMT)
PAST = datetime(2001, 1, 1, tzinfo=UTC)


# --- the oracle: a full replay, with the model's one rule for a missing TMT ------------------------


def effective_of(event: Any) -> str:
    """The TMT where the decision gives one; a unit, an official or a delegation recorded without
    one is in force on every day; any other event from the UTC day it was recorded."""
    tmt = (getattr(event, "decision", None) or {}).get("effective_date")
    if tmt:
        return tmt
    if isinstance(event, OrganisationUnit.Established | Official.Registered | Official.DelegationGranted):
        return "0001-01-01"
    return event.timestamp.astimezone(UTC).date().isoformat()


def replay(events: list[Any], at: datetime, on: str) -> Any | None:
    aggregate = None
    for event in events:
        if event.timestamp > at or effective_of(event) > on:
            continue
        if aggregate is None:
            if event.originator_version != 1:
                continue  # not in force yet: the subject did not exist then
        else:
            aggregate.version = event.originator_version - 1  # events in between are not in force
        aggregate = event.mutate(aggregate)
    return aggregate


@dataclass
class Scene:
    units: list[Any]  # (code, path, id)
    officials: list[str]
    delegates: list[str]
    team_id: str
    assignment_id: str
    tmts: set[str] = field(default_factory=set)


def expected(events: dict[str, list], scene: Scene, at: datetime, on: str, validity: str) -> dict:
    units = []
    for code, path, uid in sorted(scene.units, key=lambda u: u[1]):
        unit = replay(events[uid], at, on)
        if unit is not None:
            units.append((code, unit.name, unit.parent_code, unit.head_nip))
    officials, grants = {}, []
    for nip in scene.officials:
        o = replay(events[str(official_id(nip))], at, on)
        if o is None:
            officials[nip] = None
            continue
        p = o.placement or {}
        officials[nip] = (o.head_of, p.get("unit_code"), p.get("appraiser_nip"), p.get("effective_date"))
        grants += [{**g, "grantor_nip": nip} for g in o.delegations.values()]
    held = {
        nip: sorted(
            g["delegation_id"]
            for g in grants
            if g["delegate_nip"] == nip
            and not g["revoked"]
            and g["valid_from"] <= validity <= g["valid_until"]
        )
        for nip in scene.delegates
    }
    granted = {
        nip: sorted(g["delegation_id"] for g in grants if g["grantor_nip"] == nip) for nip in scene.officials
    }
    a = replay(events[scene.assignment_id], at, on)
    t = replay(events[scene.team_id], at, on)
    return {
        "units": units,
        "officials": officials,
        "held": held,
        "granted": granted,
        "assignment": a and (a.status, a.done, [o["nip"] for o in a.officials], sorted(a.accepted)),
        "team": t
        and (
            t.status,
            t.leader_nip,
            t.head_title,
            {nip: (m["role"], m["unit_code"]) for nip, m in t.members.items()},
        ),
    }


def answered(q: AsOfQueries, scene: Scene, at: datetime, on: str, validity: str) -> dict:
    r = recorded(at)
    units = [(u["code"], u["name"], u["parent_code"], u["head_nip"]) for u in q.units(r, on)]
    officials = {}
    for nip in scene.officials:
        row = q.official(str(official_id(nip)), r, on)
        officials[nip] = row and (row["head_of"], row["unit_code"], row["appraiser_nip"], row["placed_since"])
    held = {
        nip: sorted(d["delegation_id"] for d in q.delegations_held(nip, r, on, validity))
        for nip in scene.delegates
    }
    granted = {
        nip: sorted(d["delegation_id"] for d in q.delegations(r, on, grantor_nip=nip))
        for nip in scene.officials
    }
    a = q.assignment(scene.assignment_id, r, on)
    t = q.team(scene.team_id, r, on)
    return {
        "units": units,
        "officials": officials,
        "held": held,
        "granted": granted,
        "assignment": a and (a["status"], a["done"], [o["nip"] for o in a["officials"]], a["accepted"]),
        "team": t
        and (
            t["status"],
            t["leader_nip"],
            t["head_title"],
            {nip: (m["role"], m["unit_code"]) for nip, m in t["members"].items()},
        ),
    }


# --- the random histories ------------------------------------------------------------------------


def pick(data: st.DataObject, items: list) -> Any:
    """One of `items` (the world grows from example to example: hypothesis wants draws whose
    bounds do not depend on it, and its integers favour 0)."""
    share = data.draw(st.floats(0, 1, exclude_max=True))
    return items[int(share * len(items))]


def _try(app, actor: Principal, command: Any, tries: int = 3) -> None:
    """The command as `actor`, or as whoever the refusal names as holding the decision (heads
    change in these histories); refused for another reason: nothing was recorded, the history goes on."""
    try:
        app.handle(actor, command)
    except DomainError as refused:
        holders = refused.details.get("holders") or []
        if refused.code == "NOT_YOUR_STEP" and holders and tries:
            _try(app, Principal(nip=holders[0]["nip"]), command, tries - 1)


def test_every_as_of_answer_agrees_with_a_full_replay(system):
    app = system.app
    world = _build(app)
    team = staffed_team(app, world)
    team_id = str(team.id)
    assignment_id = next(iter(team.members.values()))["assignment_id"]
    w = world.w
    candidates = {
        "ADMINISTRATOR": [register(app, ADMIN, position_type="ADMINISTRATOR", rank="IV/a") for _ in range(3)],
        "PENGAWAS": [register(app, ADMIN, position_type="PENGAWAS", rank="III/d") for _ in range(3)],
        "JPT_PRATAMA": [register(app, ADMIN, position_type="JPT_PRATAMA", rank="IV/c") for _ in range(2)],
    }
    staff = [w.official, w.second, w.bystander, world.leader]
    unit_rows = system.store.query("SELECT code, path, id, head_position FROM units ORDER BY path")
    units = [(u["code"], u["path"], u["id"]) for u in unit_rows]
    headed = [u for u in unit_rows if u["head_position"] in candidates]
    everyone = sorted({*staff, *w.heads.values(), *(n for c in candidates.values() for n in c)})
    scene = Scene(units, everyone, everyone, team_id, assignment_id)
    queries = AsOfQueries(system.store)
    delegations: list[tuple[str, str]] = []

    def appoint(data: st.DataObject) -> None:
        unit = pick(data, headed)
        nip = pick(data, candidates[unit["head_position"]])
        tmt = data.draw(tmts)
        scene.tmts.add(tmt.isoformat())
        _try(
            app,
            ADMIN,
            AppointHead(unit_code=unit["code"], nip=nip, effective_date=tmt, legal_basis="SK mutasi"),
        )

    def place(data: st.DataObject) -> None:
        nip, unit = pick(data, staff), pick(data, headed)
        head = system.store.query(
            "SELECT head_nip FROM units WHERE :path LIKE path || '%' AND head_nip IS NOT NULL"
            " ORDER BY path DESC",
            {"path": unit["path"]},
        )
        if not head:
            return
        appraiser = pick(data, [h["head_nip"] for h in head])
        tmt = data.draw(tmts)
        scene.tmts.add(tmt.isoformat())
        command = PlaceOfficial(nip=nip, unit_code=unit["code"], appraiser_nip=appraiser, effective_date=tmt)
        _try(app, ADMIN, command)

    def grant(data: st.DataObject) -> None:
        grantor = data.draw(st.sampled_from(sorted(w.heads.values())))
        delegate = pick(data, everyone)
        start = data.draw(tmts)
        end = data.draw(st.dates(min_value=start, max_value=LAST_TMT))
        scene.tmts |= {start.isoformat(), end.isoformat()}
        try:
            done = app.handle(
                Principal(nip=grantor),
                GrantDelegation(
                    grantor_nip=grantor, delegate_nip=delegate, valid_from=start, valid_until=end
                ),
            )
            delegations.append((grantor, done.result["delegation_id"]))
        except DomainError:
            pass

    def revoke(data: st.DataObject) -> None:
        if delegations:
            grantor, delegation = pick(data, delegations)
            command = RevokeDelegation(grantor_nip=grantor, delegation_id=delegation, reason="Selesai")
            _try(app, Principal(nip=grantor), command)

    def team_change(data: st.DataObject) -> None:
        t = app.repo.team(team_id)
        office = Principal(nip=t.formed_by_nip)
        kind = pick(data, ["remove", "role", "remove", "dissolve"])  # dissolving ends the rest
        members = sorted(t.members)
        if kind == "role" and members:
            nip = pick(data, members)
            _try(
                app,
                office,
                ChangeTeamMemberRole(team_id=team_id, nip=nip, role=pick(data, ["Analis", "Anggota"])),
            )
        elif kind == "remove" and members:
            _try(
                app,
                office,
                RemoveTeamMember(team_id=team_id, nip=pick(data, members), reason="Mutasi"),
            )
        elif kind == "dissolve":
            on = data.draw(st.dates(min_value=date(2025, 1, 2), max_value=date.today()))
            scene.tmts.add(on.isoformat())
            _try(app, office, DissolveTeam(team_id=team_id, on=on, reason="Selesai"))

    def end_assignment(data: st.DataObject) -> None:
        _try(app, ADMIN, EndAssignment(assignment_id=assignment_id, on=date.today()))
        scene.tmts.add("2025-12-31")

    operations = [appoint, appoint, place, place, grant, revoke, team_change, end_assignment]

    @settings(
        max_examples=25,
        deadline=None,
        derandomize=True,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
        phases=[Phase.generate],  # each example builds on the last: no replay, no shrinking
        database=None,
    )
    @given(st.data())
    def histories_and_points(data: st.DataObject) -> None:
        order = data.draw(st.permutations(operations))  # hypothesis favours the first of a list
        for operation in order[: data.draw(st.integers(1, 4))]:
            operation(data)
        ids = [u[2] for u in units] + [str(official_id(n)) for n in everyone] + [team_id, assignment_id]
        events = {i: list(app.repository.event_store.get(_uuid(i))) for i in ids}
        stamps = sorted({e.timestamp for evs in events.values() for e in evs})
        around = [s + timedelta(microseconds=d) for s in stamps for d in (-1, 0, 1)]
        days = sorted(
            scene.tmts
            | {(date.fromisoformat(t) + timedelta(days=d)).isoformat() for t in scene.tmts for d in (-1, 1)}
        )
        for _ in range(6):
            kind = data.draw(st.integers(0, 9))
            at = PAST if kind == 0 else datetime.now(UTC) if kind == 1 else pick(data, around)
            kind = data.draw(st.integers(0, 3))
            on = (
                FOREVER
                if kind == 0 or not days
                else data.draw(tmts).isoformat()
                if kind == 1
                else pick(data, days)
            )
            validity = at.date().isoformat() if on == FOREVER else on
            assert answered(queries, scene, at, on, validity) == expected(events, scene, at, on, validity), (
                at,
                on,
            )

    histories_and_points()
    # The histories were what the test is about (else it proves nothing): back-dated heads and
    # placements, delegations granted and revoked, a team changed, an assignment ended.
    assert recorded_kinds(app) >= {
        "HeadAppointed",
        "Placed",
        "DelegationGranted",
        "DelegationRevoked",
        "MemberLeft",
        "Ended",
    }


def recorded_kinds(app) -> set[str]:
    notifications = app.recorder.select_notifications(start=1, limit=100_000)
    return {n.topic.rsplit(".", 1)[-1] for n in notifications}


def _uuid(value: str):
    from uuid import UUID

    return UUID(value)
