"""`sistemkerja pk import`: the administrator records an agency's PK targets from a CSV file (kode;
sasaran;indikator;target, Indonesian or English headers) and the signed PK's particulars."""

from datetime import date

import pytest

from domain.errors import InvalidInput
from infra.bootstrap import build
from infra.settings import Settings
from infra.work_plan_cli import import_pk, read_targets
from projections.work_plans.queries import WorkPlanQueries
from tests.integration.assignment_walk import ADMIN
from tests.support import build_world

CSV = (
    "\ufeffkode;sasaran;indikator;target\n"
    "S1;Menurunnya stunting;Prevalensi stunting;14%\n"
    "S2;Meningkatnya imunisasi;Cakupan;95%\n"
)


def test_the_administrator_imports_the_pk_from_a_csv_file_with_its_document(tmp_path):
    system = build(
        Settings(
            database_url=f"sqlite:///{tmp_path / 'store.db'}", profile="kab-serang-2024", jwt_secret="t" * 40
        )
    )
    try:
        build_world(system.app, ADMIN)
        path = tmp_path / "pk.csv"
        path.write_text(CSV, encoding="utf-8")
        document = {"number": "PK/800/01/2026", "date": date.today(), "signed_by": "Kepala Dinas A"}
        year = date.today().year
        import_pk(system, ADMIN, path, agency="A", year=year, document=document, reason=None)
        found = WorkPlanQueries(system.store).agreement("A", year)
        assert [(t["code"], t["target"]) for t in found["targets"]] == [("S1", "14%"), ("S2", "95%")]
        assert found["capacity_kind"] == "ADMIN" and "PK PK/800/01/2026" in found["legal_basis"]
    finally:
        system.close()


def test_a_file_without_the_needed_columns_is_refused():
    assert read_targets("code,description,indicator,target\nS1,A,B,C\n") == [
        {"code": "S1", "description": "A", "indicator": "B", "target": "C"}
    ]
    with pytest.raises(InvalidInput) as e:
        read_targets("kode;sasaran\nS1;A\n")
    assert e.value.code == "REQUIRED"
