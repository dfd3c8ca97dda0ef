"""domain.acting, the one rule of who may act on a role: pure cases the contract test's world
does not reach (own capacity over a delegation, personal roles, grants not in force, vacancies)."""

from datetime import date

import pytest

from domain.acting import (
    Grant,
    Holder,
    RoleTarget,
    Target,
    capacity_of,
    target_of,
    the_appraiser,
    who_may_act,
)
from domain.decision import Capacity

ON = date(2025, 3, 1)
HEAD = Holder("H1", "Kepala", Capacity(kind="POSITION", unit_code="A.U1", position="ADMINISTRATOR"))
OTHER_HEAD = Holder(
    "H2", "Kepala lain", Capacity(kind="POSITION", unit_code="A.U2", position="ADMINISTRATOR")
)
LEADER = Holder("L1", "Ketua", Capacity(kind="POSITION", position="TEAM_LEADER"))
SELF = Holder("O1", "Pegawai", Capacity(kind="SELF"))


def grant(
    grantor: str,
    delegate: str,
    *,
    until: str = "2099-12-31",
    revoked: bool = False,
    authority: str = "APPRAISER",
    gid: str = "g1",
) -> Grant:
    return Grant(gid, grantor, delegate, authority, "2020-01-01", until, revoked)


def test_a_delegate_of_a_holder_by_position_acts_in_their_place():
    capacity = capacity_of("D1", [HEAD], [grant("H1", "D1")], ON)
    assert capacity == Capacity(
        kind="DELEGATION", unit_code="A.U1", position="ADMINISTRATOR", delegated_by="H1", delegation_id="g1"
    )


def test_ones_own_capacity_wins_over_a_delegation_and_each_actor_appears_once():
    grants = [grant("H2", "H1"), grant("H1", "D1"), grant("H2", "D1", gid="g2")]
    acting = who_may_act([HEAD, OTHER_HEAD], grants, ON)
    assert [(a.nip, a.capacity.kind, a.capacity.delegated_by) for a in acting] == [
        ("H1", "POSITION", None),
        ("H2", "POSITION", None),
        ("D1", "DELEGATION", "H1"),
    ]


@pytest.mark.parametrize("holder", [LEADER, SELF], ids=["team-leader", "self"])
def test_a_role_held_by_a_person_cannot_be_delegated(holder):
    assert capacity_of("D1", [holder], [grant(holder.nip, "D1")], ON) is None


@pytest.mark.parametrize(
    "g",
    [
        grant("H1", "D1", until="2024-12-31"),
        grant("H1", "D1", revoked=True),
        grant("H1", "D1", authority="OTHER"),
        grant("H2", "D1"),
    ],
    ids=["ended", "revoked", "other-authority", "not-a-holders"],
)
def test_a_delegation_not_in_force_or_not_the_holders_gives_nothing(g):
    assert capacity_of("D1", [HEAD], [g], ON) is None


def test_a_vacant_role_has_no_one_to_act_not_even_delegates():
    assert who_may_act([], [grant("H1", "D1")], ON) == []


def test_what_each_role_points_at():
    facts = dict(tenant_side=None, owning_unit="A.U2", official_unit="A.U1.S1", official_nips=["O1"])
    assert target_of("OWNING_UNIT_HEAD", **facts) == RoleTarget(Target.UNIT_HEAD, "A.U2")
    assert target_of("OFFICIAL_AGENCY_HEAD", **facts) == RoleTarget(Target.AGENCY_HEAD, "A.U1.S1")
    assert target_of("OFFICIAL_APPRAISER", **facts) == RoleTarget(Target.APPRAISER, "A.U1.S1", ("O1",))
    not_named = {**facts, "official_nips": []}
    assert target_of("OFFICIAL_APPRAISER", **not_named) == RoleTarget(Target.UNIT_HEAD, "A.U1.S1")
    assert target_of("OFFICIAL", **facts) == RoleTarget(Target.SELF, official_nips=("O1",))
    assert target_of("OWNING_PYB", **facts) == RoleTarget(Target.PYB)
    assert target_of("OFFICIAL_PERSONNEL_AGENCY_HEAD", **facts) == RoleTarget(Target.PERSONNEL)
    assert target_of("OFFICIAL_PYB", **{**facts, "tenant_side": "OWNING"}) == RoleTarget(Target.EXTERNAL)


def test_the_appraiser_is_the_officials_one_appraiser_only():
    assert the_appraiser(["H1", None, "H1"]) == "H1"
    assert the_appraiser(["H1", "H2"]) is None
    assert the_appraiser([None]) is None
