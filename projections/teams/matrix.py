"""The Matriks Peran Hasil of a team for one period: each member in the team during the period
(in effect), their role, the results the leader recorded for them, the leader's note, and to whom it
goes. Read by the CLI export (infra/matrix_export.py) and the e-Kinerja export."""

from typing import Any

from domain.errors import NotFound
from domain.periods import bounds
from domain.periods import period as check_period
from domain.profile import Profile
from projections.engine.store import ViewStore
from projections.organisation.queries import OrganisationQueries
from projections.teams.queries import TeamQueries


def matrix(store: ViewStore, profile: Profile, team_id: str, period: str) -> dict[str, Any]:
    return matrices(store, profile, team_id, [period])[0]


def matrices(store: ViewStore, profile: Profile, team_id: str, periods: list[str]) -> list[dict[str, Any]]:
    """The matrix of each of `periods`, reading the team, its leader's input and the names once."""
    labels = [check_period(profile, period) for period in periods]
    queries = TeamQueries(store)
    team = queries.team_row(team_id)
    if team is None:
        raise NotFound("TEAM_NOT_FOUND", team_id=team_id)
    given_in = queries.member_performance_in(team_id, labels)
    # Periods are effective periods: a member counts from their assignment's start, not from the
    # day their admission was recorded; one the leader reported on for the period is in it anyway.
    members_in = queries.members_in(
        team_id, [(label, *(d.isoformat() for d in bounds(label))) for label in labels]
    )
    by_period = []
    for label in labels:
        members = [m for m in members_in if m["period_label"] == label]
        performance = {p["nip"]: p for p in given_in if p["period"] == label}
        nips = [
            n for n in dict.fromkeys([team["leader_nip"], *(m["nip"] for m in members), *performance]) if n
        ]
        by_period.append((label, members, performance, nips))
    names = OrganisationQueries(store).officials_by_nip(
        list(dict.fromkeys(nip for *_, nips in by_period for nip in nips))
    )
    return [
        {
            "team": {
                "id": team["id"],
                "name": team["name"],
                "owning_unit": team["owning_unit"],
                "leader_nip": team["leader_nip"],
                "targets": team["targets"],
            },
            "period": label,
            "rows": [_row(nip, team, members, performance, names) for nip in nips],
        }
        for label, members, performance, nips in by_period
    ]


def _row(nip: str, team: dict, members: list[dict], performance: dict, names: dict) -> dict[str, Any]:
    member = next((m for m in members if m["nip"] == nip), None)
    given = performance.get(nip, {})
    return {
        "nip": nip,
        "name": names.get(nip, {}).get("name"),
        "team_role": "Ketua Tim"
        if nip == team["leader_nip"]
        else (member or {}).get("role") or given.get("role"),
        "unit_code": (member or {}).get("unit_code") or names.get(nip, {}).get("unit_code"),
        "results": given.get("results", []),
        "contribution": given.get("contribution"),
        "for_appraisal_by": [r["nip"] for r in given.get("recipients", [])],
    }
