"""Onboarding by import (issue 13 part 6): the SOTK and the officials from SIMPEG/SIASN exports
(Indonesian headers, CSV or XLSX), every row through the organisation commands, a dry run that
records nothing and names each row's problem by line, and re-runs that record only what changed."""

from pathlib import Path

from openpyxl import Workbook
from typer.testing import CliRunner

from infra.bootstrap import System
from infra.onboarding.columns import OFFICIAL_COLUMNS, ORG_COLUMNS
from infra.onboarding.reader import read_rows
from infra.onboarding.run import run

FILES = Path(__file__).parent / "onboarding_files"
ADMIN_NIP = "196805121990031003"
KADINKES, KABID, EPID, STAF = (
    "197001012000031001",
    "197801012005011002",
    "199001012015032003",
    "199505052019031004",
)


def _files(sotk: Path = FILES / "sotk.csv", pegawai: Path = FILES / "pegawai.csv"):
    return read_rows(sotk, ORG_COLUMNS)[1], read_rows(pegawai, OFFICIAL_COLUMNS)[1]


def _position(system: System) -> int:
    return system.app.recorder.max_notification_id() or 0


def test_the_sotk_and_the_officials_become_units_heads_officials_and_placements(system):
    org, officials = _files()
    summary = run(system, ADMIN_NIP, org, officials)
    assert summary.problems == []
    assert dict(summary.recorded) == {
        "EstablishUnit": 2,
        "RegisterOfficial": 4,
        "AppointHead": 2,
        "PlaceOfficial": 2,
    }
    units = system.store.query(
        "SELECT code, parent_code, kind, head_nip, head_decree_number FROM units ORDER BY code"
    )
    assert units == [
        {"code": "DINKES", "parent_code": None, "kind": "DINAS", "head_nip": KADINKES,
         "head_decree_number": "821/11/BKPSDM/2023"},
        {"code": "DINKES.P2P", "parent_code": "DINKES", "kind": "BIDANG", "head_nip": KABID,
         "head_decree_number": "821/12/BKPSDM/2023"},
    ]  # fmt: skip
    placed = system.store.query(
        "SELECT nip, grade, unit_code, appraiser_nip, placed_since FROM officials"
        " WHERE unit_code IS NOT NULL AND head_of IS NULL ORDER BY nip"
    )
    assert [(p["nip"], p["grade"], p["unit_code"], p["appraiser_nip"]) for p in placed] == [
        (EPID, "AHLI_MUDA", "DINKES.P2P", KABID),
        (STAF, None, "DINKES.P2P", KABID),
    ]
    decree = system.store.query("SELECT decree_number FROM placement_history WHERE nip = :nip", {"nip": EPID})
    assert decree == [{"decree_number": "800/45/BKPSDM/2024"}]


def test_a_re_run_records_nothing_and_a_changed_row_becomes_a_new_placement(system, tmp_path):
    org, officials = _files()
    run(system, ADMIN_NIP, org, officials)
    before = _position(system)
    again = run(system, ADMIN_NIP, org, officials)
    assert again.recorded == {} and again.problems == [] and _position(system) == before

    # The staff member moves to the agency itself, under the Kepala Dinas, from 1 January 2025.
    text = (FILES / "pegawai.csv").read_text(encoding="utf-8")
    moved = text.replace(f"DINKES.P2P,{KABID},01-11-2024", f"DINKES,{KADINKES},01-01-2025")
    (tmp_path / "pegawai.csv").write_text(moved, encoding="utf-8")
    changed = run(system, ADMIN_NIP, org, _files(pegawai=tmp_path / "pegawai.csv")[1])
    assert dict(changed.recorded) == {"PlaceOfficial": 1} and changed.problems == []
    history = system.store.query(
        "SELECT unit_code, appraiser_nip FROM placement_history WHERE nip = :nip ORDER BY version",
        {"nip": STAF},
    )
    assert [(h["unit_code"], h["appraiser_nip"]) for h in history] == [
        ("DINKES.P2P", KABID),
        ("DINKES", KADINKES),
    ]


def test_a_dry_run_names_every_rows_problem_with_its_line_and_records_nothing(system, tmp_path):
    bad = tmp_path / "pegawai.csv"
    bad.write_text(
        (FILES / "pegawai.csv").read_text(encoding="utf-8")
        + "199601012020012005,Tanpa Pangkat,PNS,Pelaksana,Pengadministrasi,,,SMA,DINKES.P2P,"
        f"{KABID},2024-11-01,,,\n"  # line 6: no rank
        f"199701012021012006,Tanggal Salah,PNS,Pelaksana,Pengadministrasi,,II/a,SMA,DINKES.P2P,{KABID},"
        "31-31-2024,,,\n"  # line 7: not a date
        f"199801012022012007,Penilai Salah,PNS,Pelaksana,Pengadministrasi,,II/a,SMA,DINKES.P2P,{STAF},"
        "2024-11-01,,,\n"  # line 8: the appraiser heads no unit (the rule of PlaceOfficial)
        "123,NIP Salah,PNS,Pelaksana,Pengadministrasi,,II/a,SMA,,,,,,\n",  # line 9: not a NIP
        encoding="utf-8",
    )
    org, officials = _files(pegawai=bad)
    summary = run(system, ADMIN_NIP, org, officials, dry_run=True)
    problems = sorted((p.line, p.step, p.code) for p in summary.problems)
    assert problems == [
        (6, "official", "INVALID_ROW"),
        (7, "placement", "INVALID_ROW"),
        (8, "placement", "APPRAISER_HOLDS_NO_POSITION"),
        (9, "official", problems[-1][2]),
    ]
    assert problems[-1][2] != "INVALID_ROW"  # the NIP is refused by the command's own check
    assert summary.recorded["EstablishUnit"] == 2 and summary.recorded["PlaceOfficial"] == 2
    assert _position(system) == 0 and system.store.query("SELECT code FROM units") == []


def test_a_dry_run_after_the_import_sees_what_is_recorded(system):
    org, officials = _files()
    run(system, ADMIN_NIP, org, officials)
    summary = run(system, ADMIN_NIP, org, officials, dry_run=True)
    assert summary.recorded == {} and summary.problems == []


def test_an_xlsx_export_with_indonesian_headers_is_read_like_the_csv(system, tmp_path):
    book = Workbook()
    sheet = book.active
    for line in (FILES / "pegawai.csv").read_text(encoding="utf-8").splitlines():
        sheet.append(line.split(","))
    book.save(tmp_path / "pegawai.xlsx")
    assert read_rows(tmp_path / "pegawai.xlsx", OFFICIAL_COLUMNS) == read_rows(
        FILES / "pegawai.csv", OFFICIAL_COLUMNS
    )
    org, officials = _files(pegawai=tmp_path / "pegawai.xlsx")
    assert run(system, ADMIN_NIP, org, officials).problems == []


def test_the_command_line_imports_and_exits_1_on_a_problem(settings, monkeypatch):
    from infra.cli import app

    monkeypatch.setenv("SISTEMKERJA_DATABASE_URL", settings.database_url)
    monkeypatch.setenv("SISTEMKERJA_SCHEMA", settings.db_schema)
    monkeypatch.setenv("SISTEMKERJA_PROFILE", settings.profile)
    runner = CliRunner()
    assert runner.invoke(app, ["migrate"]).exit_code == 0
    args = ["import", "officials", str(FILES / "pegawai.csv"), "--actor-nip", ADMIN_NIP]
    alone = runner.invoke(app, args)  # no units yet: every placement is refused, by line
    assert alone.exit_code == 1 and "NOT_FOUND" in alone.output
    done = runner.invoke(app, [*args, "--org", str(FILES / "sotk.csv")])
    assert done.exit_code == 0, done.output
    assert "recorded 2 AppointHead, 2 EstablishUnit, 2 PlaceOfficial" in done.output


def test_a_new_head_in_the_sotk_is_appointed_and_changed_registration_data_is_noted(system, tmp_path):
    org, officials = _files()
    run(system, ADMIN_NIP, org, officials)
    new_head = "198201012008011008"
    pegawai = (FILES / "pegawai.csv").read_text(encoding="utf-8").replace("II/c,SMA", "II/d,SMA") + (
        f"{new_head},Rina Wati,PNS,Administrator,Kepala Bidang P2P,,IV/a,S2,DINKES.P2P,{KADINKES},"
        "2025-02-03,,,\n"
    )
    sotk = (
        (FILES / "sotk.csv")
        .read_text(encoding="utf-8")
        .replace(
            f"{KABID};02-01-2023;821/12/BKPSDM/2023;02-01-2023",
            f"{new_head};03-02-2025;821/7/BKPSDM/2025;03-02-2025",
        )
    )
    (tmp_path / "pegawai.csv").write_text(pegawai, encoding="utf-8")
    (tmp_path / "sotk.csv").write_text(sotk, encoding="utf-8")
    summary = run(system, ADMIN_NIP, *_files(tmp_path / "sotk.csv", tmp_path / "pegawai.csv"))
    assert dict(summary.recorded) == {"RegisterOfficial": 1, "AppointHead": 1} and summary.problems == []
    head = system.store.query("SELECT head_nip, head_decree_number FROM units WHERE code = 'DINKES.P2P'")
    assert head == [{"head_nip": new_head, "head_decree_number": "821/7/BKPSDM/2025"}]
    assert [(n.line, n.code, n.message) for n in summary.notes] == [
        (5, "NOT_UPDATED", "rank: 'II/c' -> 'II/d'")
    ]
