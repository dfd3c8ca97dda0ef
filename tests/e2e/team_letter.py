"""Shared by the tests of the teams "to the letter" (tests/e2e/test_team_*_api.py): the team world
built through the application, and the GraphQL operations they send over HTTP."""

from datetime import date

from infra.bootstrap import build
from tests.integration.team_world import ADMIN, TeamWorld, _build

ERR = "... on CommandError { code message pesan field legalBasis }"
TEAM = (
    "id leaderNip headTitle headExperience { statement evidence } coordinator { nip } leader { nip }"
    " plannedMembers { nip role task } pendingMemberProposals { nip role proposedBy official { nip } }"
    " pptk { nip validFrom validUntil designatedBy legalBasis decree { number date signedBy } }"
    " decree { number date signedBy } legalBasis"
)
Q_TEAM = f"query($id: ID!) {{ team(id: $id) {{ {TEAM} }} }}"


def mutation(name: str, input_type: str, answer: str = f"... on TeamSuccess {{ team {{ {TEAM} }} }}") -> str:
    return f"mutation($i: {input_type}!) {{ {name}(input: $i) {{ {answer} {ERR} }} }}"


FORM = mutation("formTeam", "FormTeamInput")
PROPOSE_LEADER = mutation("proposeTeamLeader", "ProposeTeamLeaderInput")
LEAD = mutation(
    "appointTeamLeader",
    "AppointTeamLeaderInput",
    f"... on TeamSuccess {{ team {{ {TEAM} }} }} ... on ConfirmationNeeded {{ warnings {{ code }} }}",
)
COORDINATE = mutation("appointTeamCoordinator", "AppointTeamCoordinatorInput")
PROPOSE_MEMBERS = mutation("proposeTeamMembers", "ProposeTeamMembersInput")
PPTK = mutation("designateTeamLeaderPptk", "DesignateTeamLeaderPptkInput")
DISSOLVE = mutation("dissolveTeam", "DissolveTeamInput")
AFFAIRS = mutation(
    "declareAgencyAffairs", "DeclareAgencyAffairsInput", "... on UnitSuccess { unit { code affairs } }"
)
EXPERIENCE = {"statement": "Analis investasi 2020-2025", "evidence": "SK Kepala DPMPTSP 800/7/2020"}
THIS_YEAR = date.today().year
# The PPK (Wali Kota) has no NIP: the administrator records his decision from the signed letter
# (application.letters, docs/adr/0008-the-ppk-has-no-nip.md).
PPK_LETTER = {
    "reference": "Kep. Wali Kota 800/9/2026",
    "signatory": "Wali Kota Serang",
    "date": str(date.today()),
}


def by_ppk(variables: dict) -> dict:
    """The mutation's variables with the PPK's letter, for the administrator to record."""
    return {"i": {**variables["i"], "letter": PPK_LETTER}}


def team_world(live_server) -> TeamWorld:
    setup = build(live_server.settings, migrate=False)
    try:
        return _build(setup.app)
    finally:
        setup.close()


def with_app(live_server, fn):
    """Run `fn(app)` against the server's store (setting up what another API covers)."""
    setup = build(live_server.settings, migrate=False)
    try:
        return fn(setup.app)
    finally:
        setup.close()


def form_input(owning_unit: str, scope: str = "WITHIN_UNIT", **extra) -> dict:
    """A team decision stating tasks, targets, and roles and tasks of its planned members."""
    return {
        "owningUnit": owning_unit,
        "scope": scope,
        "name": "Tim Percepatan Perizinan",
        "tasks": ["Memetakan hambatan perizinan"],
        "targets": [{"description": "Peta hambatan perizinan", "measure": "1 dokumen"}],
        "plannedMembers": extra.pop(
            "planned", [{"nip": "199203152019032011", "role": "Analis", "task": "Analisis"}]
        ),
        "periodStart": f"{THIS_YEAR}-01-01",
        "periodEnd": f"{THIS_YEAR}-12-31",
        **extra,
    }


__all__ = ["ADMIN"]
