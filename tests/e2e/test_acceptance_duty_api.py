"""Acceptance is a duty, not a choice (issue 10 item 1): the official "menerima surat penugasan untuk
dilaksanakan dengan penuh tanggung jawab" — Kab. Serang Lampiran B.1.c angka 5) huruf d); Pemalang
Pasal 11 ayat (4) huruf e, ayat (5) huruf e, Pasal 12 ayat (3) huruf c, ayat (4) huruf c; Banyumas
Lampiran BAB II B.2.a angka 2) huruf c). Over real HTTP, on every profile whose routes have an
acceptance step: walked to it, refused with its legal basis, nothing recorded."""

import pytest

from domain.profile import Action, cite, list_profiles, load_profile
from tests.e2e.test_assignment_routes_api import (  # noqa: F401  (template_dir is a fixture)
    holder,
    mutate,
    request_input,
    serving,
    take,
    template_dir,
    token_of,
)

REJECT = (
    "mutation($i: RejectStepInput!) { rejectStep(input: $i) {"
    " ... on AssignmentSuccess { assignment { status } } ... on CommandError { code message legalBasis } } }"
)
STATUS = "query($id: ID!) { assignment(id: $id) { status openStep { number action } } }"


def first_accepting_route(profile: str):
    """The first route whose acceptance is taken by an official of this government."""
    routes = load_profile(profile).assignment.routes
    return next(
        r for r in routes if r.steps[-1].action is Action.ACCEPT and r.scope.value != "CROSS_INSTITUTION"
    )


CASES = [p for p in list_profiles() if load_profile(p).common.acceptance_is_a_duty is not None]


def test_the_profiles_with_an_acceptance_step_are_those_whose_text_makes_it_a_duty():
    assert CASES == ["banyumas-2024", "kab-serang-2024", "pemalang-2023"]


@pytest.mark.parametrize("profile", CASES)
def test_the_official_cannot_refuse_the_acceptance_step(request, tmp_path, template_dir, profile):  # noqa: F811
    route = first_accepting_route(profile)
    loaded = load_profile(profile)
    with serving(request, tmp_path, template_dir, profile, "sqlite") as (world, server):
        body, sender = request_input(world, route, "OWNING")
        answer = mutate(server, "requestAssignment", body, token_of(server, sender))
        while answer["openStep"]["action"] != Action.ACCEPT.value:
            answer = take(server, world, route, answer)
        step, official = answer["openStep"]["number"], holder(answer)
        refused = server.gql(
            REJECT,
            {"i": {"assignmentId": answer["id"], "step": step, "reason": "Sedang bertugas lain"}},
            token=server.token(official),
        )["rejectStep"]
        assert refused["code"] == "ACCEPTANCE_IS_A_DUTY"
        assert refused["legalBasis"] == [
            cite(loaded, loaded.common.acceptance_is_a_duty.citation),
            cite(loaded, route.steps[step - 1].citation),
        ]
        still = server.gql(STATUS, {"id": answer["id"]})["assignment"]
        assert still == {"status": "FIXED", "openStep": {"number": step, "action": "ACCEPT"}}
