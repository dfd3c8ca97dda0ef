"""The decision ledger read model, on SQLite and on a real PostgreSQL."""

import time
from datetime import UTC, date, datetime, timedelta

from application.commands.organisation import GrantDelegation, PlaceOfficial, RevokeDelegation
from application.principal import Principal
from domain.decision import Capacity, Decision
from domain.official import Official
from infra.demo import ADMIN_NIP
from projections.ledger import view as ledger
from projections.ledger.queries import LedgerFilter, LedgerQueries
from tests.support import build_agency, nip, register, spelled


def _placed_staff(system, admin):
    agency = build_agency(system.app, admin)
    staff = register(system.app, admin, position_type="FUNGSIONAL", grade="AHLI_PERTAMA", name="Siti Aminah")
    system.app.handle(
        admin,
        PlaceOfficial(
            nip=staff,
            unit_code=agency.subunit,
            appraiser_nip=agency.unit_head,  # Lampiran A: the Kepala Seksi only coordinates
            effective_date=date(2025, 3, 3),
        ),
    )
    return agency, staff


def test_every_decision_event_has_one_row_with_kind_actor_capacity_and_basis(system, admin):
    agency, staff = _placed_staff(system, admin)
    rows = LedgerQueries(system.store).decisions(limit=100)
    assert len(rows) == system.app.recorder.max_notification_id()  # every event so far is a decision
    kinds = [row["kind"] for row in rows]
    # An agency's structure type is declared, never deepened by the units established under it.
    assert kinds[:3] == ["unit established"] * 3
    assert {"official registered", "head appointed", "headship assumed", "placement"} <= set(kinds)
    placement = rows[-1]
    assert placement["kind"] == "placement"
    assert placement["subject_nip"] == staff and placement["subject_name"] == "Siti Aminah"
    assert placement["actor_nip"] == admin.nip and placement["capacity_kind"] == "ADMIN"
    assert (placement["agency_code"], placement["unit_code"]) == (agency.agency, agency.subunit)
    assert placement["effective_date"] == "2025-03-03"
    assert placement["legal_basis"].startswith("kab-serang-2024 Pasal")  # the placement rule's citation
    assert placement["articles"].startswith("|Pasal ")
    assert placement["aggregate_type"] == "Official" and placement["aggregate_version"] == 2


def test_a_delegation_names_the_grantor_and_a_revocation_its_reason(system, admin):
    agency, staff = _placed_staff(system, admin)
    head = Principal(nip=agency.subunit_head)
    delegation = system.app.handle(
        head,
        GrantDelegation(
            grantor_nip=agency.subunit_head,
            delegate_nip=agency.unit_head,
            valid_from=date(2024, 4, 1),
            valid_until=date(2024, 6, 30),
        ),
    ).result["delegation_id"]
    system.app.handle(
        admin,
        RevokeDelegation(
            grantor_nip=agency.subunit_head, delegation_id=delegation, reason="Kembali bertugas"
        ),
    )
    queries = LedgerQueries(system.store)
    granted, revoked = queries.decisions(LedgerFilter(subject_nip=agency.subunit_head), limit=100)[-2:]
    assert granted["kind"] == "delegation granted" and revoked["kind"] == "delegation revoked"
    assert granted["actor_nip"] == agency.subunit_head
    assert (granted["capacity_kind"], granted["capacity_unit"]) == ("POSITION", agency.subunit)
    assert granted["unit_code"] == agency.subunit and granted["agency_code"] == agency.agency
    assert revoked["capacity_kind"] == "ADMIN" and revoked["reason"] == "Kembali bertugas"


def test_filters_by_agency_actor_kind_article_and_period(system, admin):
    build_agency(system.app, admin, code="DINKES")
    build_agency(system.app, admin, code="BAPPEDA", kind="BADAN")
    queries = LedgerQueries(system.store)
    dinkes = queries.decisions(LedgerFilter(agency_code="BAPPEDA"), limit=100)
    assert dinkes and {row["agency_code"] for row in dinkes} == {"BAPPEDA"}
    heads = queries.decisions(LedgerFilter(kind="head appointed", unit_code="DINKES.U1"), limit=100)
    assert len(heads) == 1
    assert queries.decisions(LedgerFilter(actor_nip="199001012015031999"), limit=100) == []
    assert queries.decisions(LedgerFilter(article="Pasal 99"), limit=100) == []
    now = datetime.now(UTC)
    everything = queries.decisions(LedgerFilter(recorded_from=now - timedelta(hours=1)), limit=100)
    assert len(everything) == system.app.recorder.max_notification_id()
    assert queries.decisions(LedgerFilter(recorded_to=now - timedelta(hours=1)), limit=100) == []


def test_pages_follow_the_recorded_order(system, admin):
    build_agency(system.app, admin)
    queries = LedgerQueries(system.store)
    first = queries.decisions(limit=4)
    rest = queries.decisions(after=first[-1]["position"], limit=100)
    positions = [row["position"] for row in first + rest]
    assert positions == sorted(positions) and len(positions) == system.app.recorder.max_notification_id()


def test_articles_are_parsed_from_the_legal_basis():
    assert ledger.articles("kab-serang-2024 Pasal 7 ayat (2); Lampiran B.1") == "|Pasal 7|Lampiran B.1|"
    assert ledger.articles("SK pengangkatan") == ""
    assert ledger.normalise_article(" pasal  7 ") == "Pasal 7"


def test_unknown_decision_events_get_a_readable_kind_and_the_registry_overrides_it():
    class Team:  # stands in for a feature's aggregate: Team.LeaderAppointed
        class LeaderAppointed:
            pass

        class Formed:
            pass

    assert ledger.kind_of(Team.LeaderAppointed) == "team leader appointed"
    assert ledger.kind_of(Team.Formed) == "team formed"
    assert ledger.kind_of(Official.Placed) == "placement"
    ledger.KINDS[Team.Formed] = "team formation"
    try:
        assert ledger.kind_of(Team.Formed) == "team formation"
    finally:
        del ledger.KINDS[Team.Formed]


def _official(number: str, legal_basis: str) -> Official:
    """An official made in memory (not yet saved), its registration citing `legal_basis`."""
    return Official(
        nip=number,
        employee_type="PNS",
        name=f"Pegawai {spelled(number[-3:])}",
        position_type="FUNGSIONAL",
        position_title="Fungsional",
        grade="AHLI_PERTAMA",
        rank="III/a",
        education="S1",
        decision=Decision(ADMIN_NIP, Capacity(kind="ADMIN"), legal_basis, None, None).as_event_fields(),
    )


def test_a_period_holds_decisions_recorded_in_it_even_when_committed_out_of_order(system, admin):
    """Two commands committing together: the one recorded first gets the later position. The
    period filter bounds its positions by the ledger's running maximum and largest lag
    (ADR 0012); the late row must stay inside `to` and the early one inside `from`."""
    build_agency(system.app, admin)
    early = _official(nip(), "SK pengangkatan")
    time.sleep(0.002)  # distinct recorded times, so that the order of the two is unambiguous
    late = _official(nip(), "SK pengangkatan")
    system.app.save(late)  # the later-recorded event is committed first: the smaller position
    system.app.save(early)
    system.projector.catch_up()
    early_at, late_at = early.created_on, late.created_on
    assert early_at < late_at
    queries = LedgerQueries(system.store)

    def subjects(**period) -> list[str]:
        return [row["subject_nip"] for row in queries.decisions(LedgerFilter(**period), limit=1000)]

    assert subjects(recorded_from=late_at) == [late.nip]
    assert subjects(recorded_from=early_at, recorded_to=late_at) == [early.nip]
    assert subjects(recorded_from=early_at) == [late.nip, early.nip]  # in recorded (position) order
    assert early.nip in subjects(recorded_to=late_at) and late.nip not in subjects(recorded_to=late_at)
    assert subjects(recorded_from=late_at + timedelta(microseconds=1)) == []
    assert subjects(recorded_to=datetime.max.replace(tzinfo=UTC))[-2:] == [late.nip, early.nip]


def test_an_article_matches_exactly_and_pages_follow_it(system, admin):
    for legal_basis in ("Pasal 7 ayat (2); Lampiran B.1", "Lampiran B.1.b", "Pasal 7", "Pasal 70"):
        system.app.save(_official(nip(), legal_basis))
    system.projector.catch_up()
    queries = LedgerQueries(system.store)
    pasal_7 = queries.decisions(LedgerFilter(article="pasal  7"), limit=1)
    rest = queries.decisions(LedgerFilter(article="Pasal 7"), after=pasal_7[0]["position"], limit=10)
    assert [row["legal_basis"] for row in pasal_7 + rest] == ["Pasal 7 ayat (2); Lampiran B.1", "Pasal 7"]
    lampiran = queries.decisions(LedgerFilter(article="Lampiran B.1"), limit=10)
    assert [row["legal_basis"] for row in lampiran] == ["Pasal 7 ayat (2); Lampiran B.1"]
