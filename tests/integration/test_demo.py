"""The demo government (infra.demo): a synthetic Kabupaten Serang whose placements satisfy the
kab-serang-2024 profile (Peraturan Bupati Serang 70/2024 Pasal 6 and Lampiran A)."""

from datetime import datetime, timezone

import pytest

from domain.placement import check_placement
from domain.positions import Grade, PositionType, UnitKind
from domain.profile.placement import Where
from infra.bootstrap import build
from infra.demo import ADMIN_NIP, load_demo
from infra.settings import Settings


@pytest.fixture
def demo(system):
    return system, load_demo(system.app)


def _count(store, sql: str) -> int:
    return store.query(sql)[0]["n"]


def test_counts_heads_and_appraisers(demo):
    system, counts = demo
    store = system.store
    assert 300 <= counts["officials"] <= 450 and counts["units"] >= 60
    assert counts["units"] == _count(store, "SELECT COUNT(*) AS n FROM units")
    assert counts["officials"] == _count(store, "SELECT COUNT(*) AS n FROM officials")
    assert counts["heads"] == _count(store, "SELECT COUNT(*) AS n FROM officials WHERE head_of IS NOT NULL")
    assert counts["placements"] == _count(store, "SELECT COUNT(*) AS n FROM placement_history")
    assert counts["delegations"] == _count(store, "SELECT COUNT(*) AS n FROM delegations") > 0
    rows = system.store.query(
        "SELECT u.code, u.head_position, o.position_type, o.head_of FROM units u"
        " LEFT JOIN officials o ON o.nip = u.head_nip"
    )
    assert rows and all(r["position_type"] == r["head_position"] and r["head_of"] == r["code"] for r in rows)
    kinds = {r["kind"] for r in system.store.query("SELECT DISTINCT kind FROM units")}
    assert {
        "SETDA",
        "ASISTEN",
        "BAGIAN",
        "SETWAN",
        "INSPEKTORAT",
        "IRBAN",
        "DINAS",
        "BADAN",
        "RSUD",
        "WAKIL_DIREKTUR",
        "KECAMATAN",
        "UPTD",
        "SEKSI",
        "SUBBAGIAN",
        "BIDANG",
        "SEKRETARIAT",
    } <= kinds
    rows = system.store.query(
        "SELECT nip, grade, unit_code, appraiser_nip FROM officials"
        " WHERE position_type IN ('FUNGSIONAL', 'PELAKSANA')"
    )
    assert len(rows) > 250
    assert all(r["unit_code"] and r["appraiser_nip"] for r in rows)
    grades = {r["grade"] for r in rows if r["grade"]}
    assert grades == {g.value for g in Grade}, "the demo shows every functional grade"


def test_every_placement_satisfies_kab_serang_pasal_6(demo):
    """Pasal 6 ayat (1)-(2): under the unit head; Ahli Utama/Madya under the Asisten or agency
    head (JPT Pratama), who must head the official's unit or one above it."""
    system, _ = demo
    units = {r["code"]: r for r in system.store.query("SELECT code, kind, path, agency_code FROM units")}
    paths = {code: unit["path"] for code, unit in units.items()}
    rows = system.store.query(
        "SELECT o.position_type, o.grade, o.unit_code, a.position_type AS appraiser_position,"
        " a.head_of AS appraiser_unit FROM officials o JOIN officials a ON a.nip = o.appraiser_nip"
    )
    assert len(rows) > 250
    for row in rows:
        basis = check_placement(
            system.app.profile,
            position_type=PositionType(row["position_type"]),
            grade=Grade(row["grade"]) if row["grade"] else None,
            appraiser_position=PositionType(row["appraiser_position"]),
            appraiser_in_scope=f"/{row['appraiser_unit']}/" in paths[row["unit_code"]],
            where=Where(
                agency_kind=UnitKind(units[units[row["unit_code"]]["agency_code"]]["kind"]),
                kinds=frozenset(
                    UnitKind(units[code]["kind"]) for code in paths[row["unit_code"]].strip("/").split("/")
                ),
            ),
        )
        assert basis.startswith("kab-serang-2024 Pasal 6 ayat")
        if row["grade"] in ("AHLI_MADYA", "AHLI_UTAMA"):
            assert row["appraiser_position"] == "JPT_PRATAMA"
    history = system.store.query("SELECT DISTINCT legal_basis FROM placement_history")
    assert {r["legal_basis"] for r in history} == {
        "kab-serang-2024 Pasal 6 ayat (1)",
        "kab-serang-2024 Pasal 6 ayat (2)",
        "kab-serang-2024 Pasal 6 ayat (1) dan ayat (4); Lampiran A",
    }
    row = system.store.query(
        "SELECT o.head_of, u.agency_code FROM officials o JOIN units u ON u.code = o.head_of"
        " WHERE o.nip = :nip",
        {"nip": ADMIN_NIP},
    )
    assert row and row[0]["agency_code"] == "BKPSDM"


def test_loading_is_deterministic(demo, tmp_path):
    system, counts = demo
    other = build(Settings(database_url=f"sqlite:///{tmp_path / 'again.db'}", jwt_secret="x"))
    try:
        assert load_demo(other.app) == counts
        columns = "nip, name, position_title, grade, rank, education, head_of, unit_code, appraiser_nip"
        query = f"SELECT {columns} FROM officials ORDER BY nip"
        assert other.store.query(query) == system.store.query(query)
    finally:
        other.close()


def test_one_delegation_is_in_force_on_the_day_of_loading(demo):
    """So that the README's delegationsHeldAsOf example shows one whenever the demo is loaded."""
    system, _ = demo
    today = datetime.now(timezone.utc).date().isoformat()
    rows = system.store.query(
        "SELECT grantor_nip, delegate_nip FROM delegations WHERE valid_from <= :d AND valid_until >= :d",
        {"d": today},
    )
    heads = {r["code"]: r["head_nip"] for r in system.store.query("SELECT code, head_nip FROM units")}
    assert rows == [{"grantor_nip": heads["SETDA.AS1.HUKUM"], "delegate_nip": heads["SETDA.AS1.PEM"]}]


def test_work_under_way_shows_in_teams_reports_evaluations_and_an_inbox(demo):
    system, counts = demo
    store = system.store
    teams = store.query("SELECT id, leader_nip, status FROM teams")
    assert len(teams) == counts["teams"] == 1 and teams[0]["status"] == "ACTIVE" and teams[0]["leader_nip"]
    assert _count(store, "SELECT COUNT(*) AS n FROM team_members") == 2
    assert _count(store, "SELECT COUNT(*) AS n FROM reports") == counts["reports"] == 3
    assert store.query("SELECT status, reviewing_unit FROM evaluations") == [
        {"status": "UNDER_REVIEW", "reviewing_unit": "DINKES"}
    ]
    statuses = sorted(r["status"] for r in store.query("SELECT status FROM assignments"))
    assert statuses == ["ACTIVE", "PENDING"] and counts["assignments"] == 2
    waiting = store.query("SELECT role, unit_code FROM assignment_waiting")
    assert waiting == [
        {"role": "OWNING_UNIT_HEAD", "unit_code": "DINKES.KESMAS"}
    ]  # the Kepala Bidang's inbox
