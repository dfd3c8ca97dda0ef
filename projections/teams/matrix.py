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
    label = check_period(profile, period)
    queries = TeamQueries(store)
    team = queries.team(team_id)
    if team is None:
        raise NotFound("TEAM_NOT_FOUND", team_id=team_id)
    start, end = (d.isoformat() for d in bounds(label))
    # Periods are effective periods: a member counts from their assignment's start, not from the
    # day their admission was recorded; one the leader reported on for the period is in it anyway.
    members = queries.members_between(team_id, start, end)
    performance = {p["nip"]: p for p in queries.member_performance(team_id, label)}
    nips = [n for n in dict.fromkeys([team["leader_nip"], *(m["nip"] for m in members), *performance]) if n]
    names = OrganisationQueries(store).officials_by_nip(nips)
    rows = []
    for nip in nips:
        member = next((m for m in members if m["nip"] == nip), None)
        given = performance.get(nip, {})
        rows.append(
            {
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
        )
    return {
        "team": {
            "id": team["id"],
            "name": team["name"],
            "owning_unit": team["owning_unit"],
            "leader_nip": team["leader_nip"],
            "targets": team["targets"],
        },
        "period": label,
        "rows": rows,
    }
