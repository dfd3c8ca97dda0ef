"""A refusal that rests on a rule of a regulation tells the client its legal basis
(`CommandError.legalBasis`, issue 9 part 3): every refused mode × scope of every profile, and the
rules common to every government (the profile's `common`: placement before assignment, one
appraiser per request, the request letter's contents), over real HTTP, read through the same type
a front-end reads. A refusal that rests on no rule (a malformed value) carries none."""

import pytest

from domain.profile import Mode, Refusal, Role, Scope, cite, list_profiles, load_profile
from tests.e2e.test_assignment_routes_api import serving, template_dir  # noqa: F401  (a fixture)
from tests.integration.assignment_walk import REQUEST_LETTER, owning_unit
from tests.support import World, nip

REQUEST = (
    "mutation($i: RequestAssignmentInput!) { requestAssignment(input: $i) {"
    " ... on AssignmentSuccess { assignment { id } }"
    " ... on CommandError { code message pesan field legalBasis } } }"
)
REFUSED = [
    pytest.param(p, r, id=f"{p}-{r.mode.value}-{r.scope.value}")
    for p in list_profiles()
    for r in load_profile(p).assignment.refused
]


def refused_request(world: World, refusal: Refusal) -> dict:
    body = {
        "mode": refusal.mode.value,
        "scope": refusal.scope.value,
        "owningUnitCode": owning_unit(world, refusal.scope),
        "officialNips": [world.official],
        "work": "Penyusunan peta stunting",
        "periodStart": "2025-01-01",
        "periodEnd": "2025-06-30",
        "requestLetter": {
            "purpose": REQUEST_LETTER["purpose"],
            "competencies": REQUEST_LETTER["competencies"],
            "expectedTarget": REQUEST_LETTER["expected_target"],
        },
    }
    if refusal.scope is Scope.CROSS_INSTITUTION:
        body["counterpart"] = {
            "government": "Kabupaten Tegal",
            "tenantSide": "OWNING",
            "unit": "Dinas Kesehatan Kabupaten Tegal",
        }
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


def cross_unit(profile: str):
    return next(
        r
        for r in load_profile(profile).assignment.routes
        if (r.mode, r.scope) == (Mode.APPOINTMENT, Scope.CROSS_UNIT)
    )


LETTER = {
    "purpose": REQUEST_LETTER["purpose"],
    "competencies": REQUEST_LETTER["competencies"],
    "expectedTarget": REQUEST_LETTER["expected_target"],
}


def cross_unit_request(world: World, nips: list[str], letter: dict = LETTER) -> dict:
    """A cross-unit appointment asked by the head of A.U2, which every profile routes."""
    return {
        "mode": "APPOINTMENT",
        "scope": "CROSS_UNIT",
        "owningUnitCode": owning_unit(world, Scope.CROSS_UNIT),
        "officialNips": nips,
        "team": len(nips) > 1,
        "work": "Penyusunan peta stunting",
        "periodStart": "2025-01-01",
        "periodEnd": "2025-06-30",
        "requestLetter": letter,
    }


def common_basis(profile: str, rule: str) -> list[str]:
    p = load_profile(profile)
    return [cite(p, getattr(p.common, rule).citation)]


REGISTER = (
    "mutation($i: RegisterOfficialInput!) { registerOfficial(input: $i) { ... on CommandError { code } } }"
)
PLACE = "mutation($i: PlaceOfficialInput!) { placeOfficial(input: $i) { ... on CommandError { code } } }"


@pytest.mark.parametrize("profile", list_profiles())
def test_an_official_not_placed_cannot_be_assigned_and_the_refusal_cites_the_article(
    request, tmp_path, template_dir, profile
):  # noqa: F811
    with serving(request, tmp_path, template_dir, profile, "sqlite") as (world, server):
        unplaced = nip()
        assert (
            server.gql(
                REGISTER,
                {
                    "i": {
                        "nip": unplaced,
                        "name": "Pegawai Baru",
                        "positionType": "PELAKSANA",
                        "positionTitle": "Pelaksana",
                        "rank": "II/a",
                        "education": "SMA",
                        "legalBasis": "SK pengangkatan",
                    }
                },
            )["registerOfficial"]
            == {}
        )
        answer = server.gql(
            REQUEST, {"i": cross_unit_request(world, [unplaced])}, token=server.token(world.heads["A.U2"])
        )["requestAssignment"]
        assert (answer["code"], answer["legalBasis"]) == (
            "OFFICIAL_NOT_PLACED",
            common_basis(profile, "placed_before_assigned"),
        )


@pytest.mark.parametrize(
    "profile",
    [p for p in list_profiles() if Role.OFFICIAL_APPRAISER in {s.role for s in cross_unit(p).steps}],
)
def test_officials_under_two_appraisers_need_two_requests_and_the_refusal_cites_the_article(
    request, tmp_path, template_dir, profile
):  # noqa: F811
    with serving(request, tmp_path, template_dir, profile, "sqlite") as (world, server):
        # Kab. Serang Lampiran A: a Kepala Seksi only coordinates, so the other appraiser is the agency head.
        other = world.a.agency_head if profile == "kab-serang-2024" else world.a.subunit_head
        assert (
            server.gql(
                PLACE,
                {
                    "i": {
                        "nip": world.second,
                        "unitCode": world.a.subunit,
                        "appraiserNip": other,
                        "effectiveDate": "2024-02-01",
                    }
                },
            )["placeOfficial"]
            == {}
        )
        answer = server.gql(
            REQUEST,
            {"i": cross_unit_request(world, [world.official, world.second])},
            token=server.token(world.heads["A.U2"]),
        )["requestAssignment"]
        assert (answer["code"], answer["legalBasis"]) == (
            "ONE_APPRAISER_PER_REQUEST",
            common_basis(profile, "one_appraiser_per_request"),
        )


@pytest.mark.parametrize("profile", [p for p in list_profiles() if cross_unit(p).request_letter_required])
def test_a_request_letter_missing_a_content_is_refused_citing_the_article_a_malformed_one_is_not(
    request, tmp_path, template_dir, profile
):  # noqa: F811
    with serving(request, tmp_path, template_dir, profile, "sqlite") as (world, server):
        token = server.token(world.heads["A.U2"])
        missing = server.gql(
            REQUEST,
            {"i": cross_unit_request(world, [world.official], LETTER | {"expectedTarget": "  "})},
            token=token,
        )["requestAssignment"]
        malformed = server.gql(
            REQUEST,
            {"i": cross_unit_request(world, [world.official], LETTER | {"expectedTarget": "a\u0000b"})},
            token=token,
        )["requestAssignment"]
    assert (missing["code"], missing["field"], missing["legalBasis"]) == (
        "REQUIRED",
        "request letter expected target",
        common_basis(profile, "request_letter_contents"),
    )
    assert (malformed["code"], malformed["legalBasis"]) == ("INVALID_VALUE", [])
