"""The decision ledger read model, on SQLite and on a real PostgreSQL."""

from datetime import UTC, date, datetime, timedelta

from application.commands.organisation import GrantDelegation, PlaceOfficial, RevokeDelegation
from application.principal import Principal
from domain.official import Official
from projections.ledger import view as ledger
from projections.ledger.queries import LedgerFilter, LedgerQueries
from tests.support import build_agency, register


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
