"""The audit report for the Inspektorat (issue 12 part 5), through `sistemkerja audit export`:
Indonesian by default and English on request, the tenant's local time (the profile's
`time_zone`), "Halaman x dari y", the letterhead, the inspector's signature block, decision kinds
in Indonesian, and for assignments the letter number and the officials concerned; PDF read back
with pypdf, XLSX with openpyxl, CSV in UTF-8 with a BOM."""

import csv
import importlib
import pkgutil
from datetime import UTC, date, datetime, time, timedelta

import pytest
from eventsourcing.domain import DomainEvent
from openpyxl import load_workbook
from PIL import Image
from pypdf import PdfReader
from typer.testing import CliRunner

import domain
from application.commands.assignments import ApproveStep, IssueLetter, RequestAssignment
from application.principal import Principal
from domain.errors import InvalidInput
from domain.profile import TimeZone, list_profiles, load_profile, parse_profile
from infra.cli import app as cli
from infra.inspection import kop
from infra.inspection.export import period_bounds
from infra.inspection.language import KINDS_ID, Language, kind_label, long_date, zone
from projections.ledger.view import kind_of
from tests.support import build_agency, build_world

pytestmark = pytest.mark.profile("banjarnegara-2024")
LETTER = {"purpose": "Audit kinerja", "competencies": "Akuntansi", "expected_target": "Laporan audit"}


@pytest.fixture
def cli_env(system, monkeypatch):
    monkeypatch.setenv("SISTEMKERJA_DATABASE_URL", system.settings.database_url)
    monkeypatch.setenv("SISTEMKERJA_SCHEMA", system.settings.db_schema)
    monkeypatch.setenv("SISTEMKERJA_PROFILE", system.settings.profile)
    return system


@pytest.fixture
def issued(cli_env, admin):
    """Banjarnegara Pasal 20 ayat (3): a cross-unit appointment in agency A, its letter issued."""
    app, w = cli_env.app, build_world(cli_env.app, admin)
    a = app.handle(
        Principal(nip=w.heads["A.U2"]),
        RequestAssignment(
            mode="APPOINTMENT",
            scope="CROSS_UNIT",
            owning_unit_code="A.U2",
            work="Audit kinerja",
            period_start=date(2025, 1, 1),
            period_end=date(2025, 3, 31),
            official_nips=[w.official],
            request_letter=LETTER,
        ),
    ).result
    app.handle(Principal(nip=w.a.unit_head), ApproveStep(assignment_id=str(a), step=2))
    app.handle(
        Principal(nip=w.a.subunit_head), IssueLetter(assignment_id=str(a), step=3, on=date(2025, 1, 2))
    )
    name = cli_env.store.query("SELECT name FROM officials WHERE nip = :n", {"n": w.official})[0]["name"]
    return w, "1/ST/A.U1.S1/I/2025", name


def _wib():
    return zone(TimeZone.WIB)


def _today_wib() -> date:
    return datetime.now(UTC).astimezone(_wib()).date()


def _export(tmp_path, fmt, *extra):
    day = _today_wib().isoformat()
    out = tmp_path / f"report.{fmt}"
    args = [
        "audit",
        "export",
        "--agency",
        "A",
        "--from",
        day,
        "--to",
        day,
        "--format",
        fmt,
        "--out",
        str(out),
    ]
    result = CliRunner().invoke(cli, args + list(extra))
    assert result.exit_code == 0, result.output
    return out


def _pdf_text(path) -> tuple[PdfReader, str]:
    reader = PdfReader(path)
    return reader, "\n".join(page.extract_text() for page in reader.pages)


def _flat(text: str) -> str:
    return text.replace("\n", "").replace(" ", "")


def test_banjarnegara_pasal_20_ayat_3_the_pdf_is_indonesian_in_wib_with_letter_number_and_officials(
    cli_env, issued, admin, tmp_path
):
    w, number, name = issued
    reader, text = _pdf_text(_export(tmp_path, "pdf", "--inspector", w.bystander))
    flat = _flat(text)
    pages = len(reader.pages)
    assert "PEMERINTAHKABUPATENBANJARNEGARA" in flat and "INSPEKTORAT" in flat  # the kop
    assert "LAPORANBUKUBESARKEPUTUSAN" in flat and "Decision" not in text
    for page in range(1, pages + 1):
        assert f"Halaman{page}dari{pages}" in flat
    assert "WIB" in text and "UTC" not in text
    assert _flat(KINDS_ID["assignment letter issued"]) in flat  # "penerbitan surat tugas"
    assert _flat(KINDS_ID["assignment requested"]) in flat
    assert number in flat and w.official in flat and _flat(name) in flat
    assert "karenajabatan" in flat and "POSITION" not in text  # the capacity, in Indonesian
    inspector = cli_env.store.query("SELECT name FROM officials WHERE nip = :n", {"n": w.bystander})[0]
    assert "Diperiksaoleh" in flat and _flat(inspector["name"]) in flat and f"NIP.{w.bystander}" in flat
    assert _flat(long_date(_today_wib(), Language.id)) in flat


def test_a_governments_letterhead_data_gives_the_kop_logo_address_and_place(
    cli_env, issued, tmp_path, monkeypatch
):
    """A government brings its kop without code: domain/documents/<profile-id>/letterhead.yaml."""
    folder = tmp_path / "documents" / "banjarnegara-2024"
    folder.mkdir(parents=True)
    Image.new("RGB", (40, 40), (0, 90, 40)).save(folder / "logo.png")
    (folder / "letterhead.yaml").write_text(
        "government: PEMERINTAH KABUPATEN BANJARNEGARA\n"
        "address: Jl. Dipayuda No. 1, Banjarnegara 53411\nplace: Banjarnegara\nlogo: logo.png\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(kop, "LETTERHEADS", tmp_path / "documents")
    reader, text = _pdf_text(_export(tmp_path, "pdf"))
    flat = _flat(text)
    assert "Jl.DipayudaNo.1" in flat
    assert _flat(f"Banjarnegara, {long_date(_today_wib(), Language.id)}") in flat
    assert len(reader.pages[0].images) == 1  # the logo


def test_the_pdf_in_english_on_request(cli_env, issued, tmp_path):
    w, number, _ = issued
    _, text = _pdf_text(_export(tmp_path, "pdf", "--language", "en"))
    flat = _flat(text)
    assert "DECISIONLEDGER" in flat and "Page1of" in flat and "assignmentletterissued" in flat
    assert number in flat and "Halaman" not in text
    assert "Inspector" in text and "NIP" in text  # the block with room for a name when none is given


def test_the_xlsx_holds_the_rows_with_indonesian_headings_local_times_letter_and_officials(
    cli_env, issued, tmp_path
):
    w, number, name = issued
    book = load_workbook(_export(tmp_path, "xlsx"))
    sheet = book["Keputusan"]
    rows = list(sheet.iter_rows(values_only=True))
    heading = rows[0]
    assert heading[:4] == ("No. urut rantai", "Waktu dicatat", "TMT", "Jenis keputusan")
    by_kind = {row[heading.index("Jenis keputusan")]: row for row in rows[1:]}
    letter = by_kind[KINDS_ID["assignment letter issued"]]
    assert letter[heading.index("Nomor surat")] == number
    assert letter[heading.index("Pegawai yang ditugaskan")] == f"{name} ({w.official})"
    assert str(letter[heading.index("Waktu dicatat")]).endswith(" WIB")
    assert isinstance(letter[0], int)
    particulars = dict(book["Keterangan"].iter_rows(values_only=True))
    assert particulars["Jumlah keputusan"] == len(rows) - 1
    assert "posisi" in particulars["Kepala rantai hash"]
    english = load_workbook(_export(tmp_path, "xlsx", "--language", "en"))
    assert english["Decisions"]["D1"].value == "Decision"


def test_the_csv_is_utf8_with_a_bom_and_carries_letter_number_officials_and_the_indonesian_kind(
    cli_env, issued, tmp_path
):
    w, number, name = issued
    out = _export(tmp_path, "csv")
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    with out.open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    [letter] = [row for row in rows if row["kind"] == "assignment letter issued"]
    assert letter["kind_label"] == "penerbitan surat tugas" and letter["letter_number"] == number
    assert letter["officials"] == f"{name} ({w.official})"
    local = datetime.fromisoformat(letter["recorded_at"]).astimezone(_wib())
    assert letter["recorded_at_local"] == f"{local:%Y-%m-%d %H:%M:%S} WIB"
    assert {row["letter_number"] for row in rows if row["aggregate_type"] != "Assignment"} == {""}


def test_an_unknown_inspector_is_refused_and_nothing_is_written(cli_env, issued, tmp_path):
    day = _today_wib().isoformat()
    out = tmp_path / "x.pdf"
    result = CliRunner().invoke(
        cli,
        [
            "audit",
            "export",
            "--agency",
            "A",
            "--from",
            day,
            "--to",
            day,
            "--out",
            str(out),
            "--inspector",
            "1",
        ],
    )
    assert result.exit_code == 2 and "no official" in result.output and not out.exists()


@pytest.mark.parametrize("profile_id", list_profiles())
def test_every_profile_states_its_time_zone_with_a_note(profile_id):
    profile = load_profile(profile_id)
    assert profile.time_zone is TimeZone.WIB and profile.time_zone_note  # Java: Keppres 41/1987


def test_a_sixth_government_states_its_time_zone_and_without_it_is_refused():
    data = load_profile("banyumas-2024").model_dump(mode="json", exclude_none=True)
    data.update(id="kab-contoh-2025", government="Kabupaten Contoh", time_zone="WITA")
    assert parse_profile(data).time_zone is TimeZone.WITA
    del data["time_zone"]
    with pytest.raises(InvalidInput) as refused:
        parse_profile(data)
    assert refused.value.details["errors"][0]["field"] == "time_zone"


@pytest.mark.parametrize(
    "profile_id", [pytest.param(pid, marks=pytest.mark.profile(pid)) for pid in list_profiles()]
)
def test_every_profiles_report_carries_its_government_and_wib(profile_id, cli_env, admin, tmp_path):
    build_agency(cli_env.app, admin, code="A")
    reader, text = _pdf_text(_export(tmp_path, "pdf"))
    government = load_profile(profile_id).government.upper()
    assert _flat(f"PEMERINTAH {government}") in _flat(text) and "WIB" in text
    pages = len(reader.pages)
    assert f"Halaman {pages} dari {pages}" in text
    last = reader.pages[-1].extract_text()
    assert "Diperiksa oleh" in last and "NIP." in last  # the signature block is never split


def test_the_period_is_counted_in_local_days():
    start, end = period_bounds(date(2026, 12, 2), date(2026, 12, 2), TimeZone.WITA)
    assert start.astimezone(UTC) == datetime(2026, 12, 1, 16, tzinfo=UTC)  # 00:00 WITA
    assert end - start == timedelta(days=1) and end.time() == time.min


def test_every_decision_kind_has_its_indonesian_name():
    for module in pkgutil.walk_packages(domain.__path__, "domain."):
        importlib.import_module(module.name)
    missing = [
        kind_of(event)
        for event in _subclasses(DomainEvent)
        if event.__module__.startswith("domain.")
        and "decision" in getattr(event, "__annotations__", {})
        and kind_label(kind_of(event), Language.id) == kind_of(event)
    ]
    assert missing == []


def _subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def test_a_name_beyond_latin_1_is_printed_as_written(tmp_path):
    """The report embeds DejaVu Sans (the letters' font): "Nur’aini" keeps its ’ and "Đặng" its
    letters; a core PDF font would print them as '?'."""
    from infra.inspection.export import Inspector, Report
    from infra.inspection.pdf import write_pdf

    report = Report(
        agency_code="DINKES",
        agency_name="Dinas Kesehatan",
        government="Kabupaten Banjarnegara",
        time_zone=load_profile("banjarnegara-2024").time_zone,
        period_from=date(2025, 1, 1),
        period_to=date(2025, 1, 31),
        generated_at=datetime(2025, 2, 1, 3, 0, tzinfo=UTC),
        chain_seq=0,
        chain_hash="0" * 64,
        rows=[],
        inspector=Inspector(nip="196805121990031003", name="Nur’aini Đặng", position="Inspektur"),
    )
    path = tmp_path / "report.pdf"
    write_pdf(report, path)
    text = "\n".join(page.extract_text() for page in PdfReader(path).pages)
    assert "Nur’aini Đặng" in text and "?" not in text
