"""The team's and the evaluation's lifecycles, written once in the domain (the aggregates and the
read models both apply them)."""

from domain.evaluation import COMPLETE, IN_PROGRESS, UNDER_REVIEW, Standing, evolve
from domain.team import ACTIVE, DISSOLVED, status_after


def test_a_team_is_active_once_formed_and_dissolved_for_good():
    assert status_after("Formed") == ACTIVE
    assert status_after("MembersAdmitted", ACTIVE) == ACTIVE
    assert status_after("Dissolved", ACTIVE) == DISSOLVED
    assert status_after("LeaderAppointed", DISSOLVED) == DISSOLVED


def test_an_evaluation_climbs_its_chain_and_a_return_reopens_the_work():
    s = evolve(Standing(), "ResultsSubmitted")
    assert s == Standing(UNDER_REVIEW, 0)
    s = evolve(s, "LevelApproved", level=1)
    assert s == Standing(UNDER_REVIEW, 1)
    assert evolve(s, "ReturnedForRework") == Standing(IN_PROGRESS, 0)
    assert evolve(s, "DeclaredComplete") == Standing(COMPLETE, 1)
    assert evolve(s, "SomethingElse") == s
