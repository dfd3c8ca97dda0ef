"""A refusal that rests on a rule of a regulation tells the client its legal basis
(`CommandError.legalBasis`, issue 9 part 3): every refused mode × scope of every profile, over
real HTTP, read through the same type a front-end reads. A refusal that rests on no rule (a
malformed value) carries none."""

import pytest

from domain.profile import Refusal, Scope, cite, list_profiles, load_profile
from tests.e2e.test_assignment_routes_api import serving, template_dir  # noqa: F401  (a fixture)
from tests.integration.assignment_walk import REQUEST_LETTER, owning_unit
from tests.support import World

REQUEST = ("mutation($i: RequestAssignmentInput!) { requestAssignment(input: $i) {"
           " ... on AssignmentSuccess { assignment { id } }"
           " ... on CommandError { code message pesan field legalBasis } } }")
REFUSED = [pytest.param(p, r, id=f"{p}-{r.mode.value}-{r.scope.value}")
           for p in list_profiles() for r in load_profile(p).assignment.refused]


def refused_request(world: World, refusal: Refusal) -> dict:
    body = {"mode": refusal.mode.value, "scope": refusal.scope.value,
            "owningUnitCode": owning_unit(world, refusal.scope), "officialNips": [world.official],
            "work": "Penyusunan peta stunting", "periodStart": "2025-01-01", "periodEnd": "2025-06-30",
            "requestLetter": {"purpose": REQUEST_LETTER["purpose"], "competencies": REQUEST_LETTER["competencies"],
                              "expectedTarget": REQUEST_LETTER["expected_target"]}}
    if refusal.scope is Scope.CROSS_INSTITUTION:
        body["counterpart"] = {"government": "Kabupaten Tegal", "tenantSide": "OWNING",
                               "unit": "Dinas Kesehatan Kabupaten Tegal"}
    return body


@pytest.mark.parametrize(("profile", "refusal"), REFUSED)
def test_a_refused_route_answers_its_article(request, tmp_path, template_dir, profile, refusal):  # noqa: F811
    with serving(request, tmp_path, template_dir, profile, "sqlite") as (world, server):
        answer = server.gql(REQUEST, {"i": refused_request(world, refusal)})["requestAssignment"]
        basis = cite(load_profile(profile), refusal.citation)
        assert answer["code"] == "ROUTE_NOT_ALLOWED"
        assert answer["legalBasis"] == [basis]
        assert basis in answer["message"] and basis in answer["pesan"]


def test_a_malformed_value_rests_on_no_article(request, tmp_path, template_dir):  # noqa: F811
    profile = list_profiles()[0]
    with serving(request, tmp_path, template_dir, profile, "sqlite") as (world, server):
        body = refused_request(world, load_profile(profile).assignment.refused[0]) | {"work": "a\u0000b"}
        answer = server.gql(REQUEST, {"i": body})["requestAssignment"]
        assert (answer["code"], answer["field"], answer["legalBasis"]) == ("INVALID_VALUE", "work", [])
