"""When each regulation took effect (profile.in_force): a decision dated before it does not cite
it, and no request or team can be decided under it before that day."""

from collections.abc import Iterator
from datetime import date, timedelta

import pytest

from application.commands.organisation import GrantDelegation, PlaceOfficial
from application.principal import Principal
from application.sistemkerja import SistemKerja
from domain.errors import InvalidInput
from domain.profile import InForce, list_profiles, load_profile
from tests.fast.conftest import ADMIN, Given
from tests.fast.test_assignment_handlers import cross_unit
from tests.fast.test_organisation_handlers import agency
from tests.support import build_world

SK = {"number": "800/1/2024", "date": date(2024, 5, 2), "signed_by": "Bupati Banyumas selaku PPK"}


class GivenProfile(Given):
    """A Given on a profile changed for the test (here: a regulation not yet in force)."""

    def __init__(self, profile):
        self.app = SistemKerja(profile, env={"PERSISTENCE_MODULE": "eventsourcing.popo"})


@pytest.fixture
def not_yet_in_force() -> Iterator[Given]:
    """Banjarnegara's profile as if its regulation took effect next month."""
    profile = load_profile("banjarnegara-2024")
    later = profile.in_force.model_copy(update={"since": date.today() + timedelta(days=30)})
    g = GivenProfile(profile.model_copy(update={"in_force": later}))
    yield g
    g.app.close()


@pytest.mark.parametrize(
    ("profile_id", "since", "article"),
    [
        ("kab-serang-2024", date(2024, 10, 28), "Pasal 19"),
        ("kota-serang-2023", date(2023, 5, 4), "Pasal 22"),
        ("banjarnegara-2024", date(2024, 4, 29), "Pasal 58"),
        ("pemalang-2023", date(2023, 10, 25), "Pasal 22"),
        ("banyumas-2024", date(2025, 1, 2), "Pasal 20"),
    ],
)
def test_each_profile_states_when_its_regulation_took_effect(profile_id, since, article):
    """Kab. Serang Pasal 19, Kota Serang Pasal 22, Banjarnegara Pasal 58, Pemalang Pasal 22: on
    promulgation; Banyumas Pasal 20: on 2 January 2025."""
    profile = load_profile(profile_id)
    assert (profile.in_force.since, profile.in_force.citation) == (since, article)
    assert not profile.in_force_on(since - timedelta(days=1)) and profile.in_force_on(since)


def test_every_profile_has_an_in_force_date():
    assert all(isinstance(load_profile(p).in_force, InForce) for p in list_profiles())


def test_banyumas_pasal_20_a_placement_dated_before_2_january_2025_does_not_cite_the_perbup(given):
    g = given("banyumas-2024")
    people = agency(g)
    place = PlaceOfficial(
        nip=people["official"],
        unit_code="A.U1",
        appraiser_nip=people["unit_head"],
        effective_date=date(2024, 7, 1),
        decree=SK,
    )
    _, events = g.when(ADMIN, place)
    basis = events[0].decision["legal_basis"]
    assert basis == (
        "banyumas-2024 belum berlaku (berlaku sejak 2025-01-02); "
        "SK 800/1/2024 tanggal 2024-05-02 (Bupati Banyumas selaku PPK)"
    )
    assert "Pasal" not in basis
    _, later = g.when(ADMIN, PlaceOfficial(**{**place.__dict__, "effective_date": date(2025, 1, 2)}))
    assert later[0].decision["legal_basis"].startswith("banyumas-2024 Pasal 7")  # in force: cited


def test_banyumas_pasal_20_a_delegation_from_before_the_perbup_rests_on_its_own_basis(given):
    g = given("banyumas-2024")
    people = agency(g)
    _, events = g.when(
        Principal(people["unit_head"]),
        GrantDelegation(
            grantor_nip=people["unit_head"],
            delegate_nip=people["official"],
            valid_from=date(2024, 12, 1),
            valid_until=date(2025, 6, 30),
            legal_basis="Surat Perintah Plh 800/9/2024",
        ),
    )
    basis = events[0].decision["legal_basis"]
    assert basis == "banyumas-2024 belum berlaku (berlaku sejak 2025-01-02); Surat Perintah Plh 800/9/2024"


def test_a_request_decided_before_the_regulation_took_effect_is_refused_and_records_nothing(
    not_yet_in_force,
):
    g = not_yet_in_force
    w = build_world(g.app, ADMIN)
    before = g.app.recorder.max_notification_id()
    with pytest.raises(InvalidInput) as refused:
        g.when(Principal(w.heads["A.U2"]), cross_unit(w))
    assert refused.value.code == "REGULATION_NOT_IN_FORCE"
    assert refused.value.legal_basis == ["banjarnegara-2024 Pasal 58"]
    assert g.app.recorder.max_notification_id() == before
