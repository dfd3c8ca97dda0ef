"""`sistemkerja audit export`: the agency's decisions as CSV and as a real PDF, stating the
chain head, run through the CLI on SQLite and on a real PostgreSQL."""

import csv
from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from pypdf import PdfReader
from typer.testing import CliRunner

from application.commands.organisation import PlaceOfficial
from infra.audit.store import reading
from infra.cli import app as cli
from tests.support import build_agency, register


@pytest.fixture
def cli_env(system, monkeypatch):
    monkeypatch.setenv("SISTEMKERJA_DATABASE_URL", system.settings.database_url)
    monkeypatch.setenv("SISTEMKERJA_SCHEMA", system.settings.db_schema)
    monkeypatch.setenv("SISTEMKERJA_PROFILE", system.settings.profile)
    return system


def _history(system, admin):
    agency = build_agency(system.app, admin, code="DINKES")
    build_agency(system.app, admin, code="BAPPEDA", kind="BADAN")
    staff = register(system.app, admin, position_type="PELAKSANA", rank="II/c", name="Budi Santoso")
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


def _local_today():
    """The report's days are the tenant's (Kabupaten Serang: WIB, UTC+7)."""
    return datetime.now(UTC).astimezone(timezone(timedelta(hours=7))).date()


def _export(tmp_path, fmt, agency="DINKES", start=None, end=None, *extra):
    today = _local_today()
    out = tmp_path / f"ledger.{fmt}"
    result = CliRunner().invoke(
        cli,
        [
            "audit",
            "export",
            "--agency",
            agency,
            "--from",
            (start or today).isoformat(),
            "--to",
            (end or today).isoformat(),
            "--format",
            fmt,
            "--out",
            str(out),
            *extra,
        ],
    )
    return result, out


def test_the_csv_holds_the_agencys_decisions_with_actor_capacity_and_article(cli_env, admin, tmp_path):
    agency, staff = _history(cli_env, admin)
    result, out = _export(tmp_path, "csv")
    assert result.exit_code == 0, result.output
    with out.open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    assert rows and {row["agency_code"] for row in rows} == {"DINKES"}  # BAPPEDA's decisions are not in it
    # units established (3), heads appointed (unit and official events: 3 + 3), the placement;
    # registrations concern no unit yet, so no agency
    assert len(rows) == 3 + 3 + 3 + 1
    [placement] = [row for row in rows if row["kind"] == "placement"]
    assert (placement["subject_nip"], placement["subject_name"]) == (staff, "Budi Santoso")
    assert placement["actor_nip"] == admin.nip and placement["capacity_kind"] == "ADMIN"
    assert placement["articles"].startswith("Pasal ") and placement["effective_date"] == "2025-03-03"
    with reading(cli_env.app.recorder) as tables:
        head = tables.head()
    assert f"position {head.seq}" in result.output


def test_the_pdf_opens_and_states_the_agency_the_chain_head_and_the_decisions(cli_env, admin, tmp_path):
    agency, staff = _history(cli_env, admin)
    result, out = _export(tmp_path, "pdf", "DINKES", None, None, "--language", "en")
    assert result.exit_code == 0, result.output
    reader = PdfReader(out)
    assert reader.pages[0].mediabox.width == pytest.approx(841.89, abs=1)  # A4 landscape, in points
    text = "".join(page.extract_text() for page in reader.pages)
    flat = text.replace("\n", "").replace(" ", "")
    with reading(cli_env.app.recorder) as tables:
        head = tables.head()
    assert "DINKES" in text and "DECISION LEDGER" in text
    assert f"position{head.seq}" in flat and head.hash.hex() in flat
    assert "placement" in text and staff in flat and "BudiSantoso" in flat


def test_a_period_without_decisions_exports_an_empty_table(cli_env, admin, tmp_path):
    _history(cli_env, admin)
    long_ago = date(2020, 1, 1)
    result, out = _export(tmp_path, "csv", start=long_ago, end=long_ago + timedelta(days=30))
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8-sig").strip().count("\n") == 0  # the header only


def test_an_unknown_agency_or_a_reversed_period_is_refused_and_writes_nothing(cli_env, admin, tmp_path):
    _history(cli_env, admin)
    result, out = _export(tmp_path, "pdf", agency="NOPE")
    assert result.exit_code == 2 and "no agency" in result.output and not out.exists()
    today = _local_today()
    result, out = _export(tmp_path, "csv", start=today, end=today - timedelta(days=1))
    assert result.exit_code == 2 and "before --from" in result.output and not out.exists()
