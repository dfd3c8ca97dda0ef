"""The Matriks Peran Hasil export per team and period, as JSON and CSV, through the function and
the CLI (`sistemkerja teams matrix`), on SQLite and PostgreSQL. The leader's input on each member
goes to the member's appraiser (e.g. Pemalang Pasal 15 ayat (5) huruf e)."""

import csv
import io
from datetime import date

import orjson
import pytest
from typer.testing import CliRunner

from application.commands.reporting import ReportMemberPerformance
from domain.errors import InvalidInput
from infra.cli import app as cli
from infra.matrix_export import matrix, to_csv, to_json
from projections.teams.matrix import matrices
from tests.integration.team_world import _build, as_, staffed_team

PERIOD = date.today().strftime("%Y-%m")


def leader_reports(app, world, team, period: str, contribution: str, results: list[dict]) -> None:
    """The team's leader records their input on the official for `period`."""
    app.handle(
        as_(world.leader),
        ReportMemberPerformance(
            team_id=str(team.id),
            period=period,
            nip=world.w.official,
            contribution=contribution,
            results=results,
        ),
    )


@pytest.mark.profile("pemalang-2023")
def test_the_role_result_matrix_of_a_team_for_a_period(system, monkeypatch):
    app = system.app
    world = _build(app)
    team = staffed_team(app, world)
    leader_reports(
        app,
        world,
        team,
        PERIOD,
        "Analisis 12 desa tepat waktu",
        [{"target": "T1", "result": "Peta 12 desa"}, {"target": "T2", "result": "Rekomendasi"}],
    )
    m = matrix(system.store, app.profile, str(team.id), PERIOD)
    rows = {r["nip"]: r for r in m["rows"]}
    assert m["period"] == PERIOD and set(rows) == {world.leader, world.w.official, world.w.second}
    assert (
        rows[world.leader]["team_role"] == "Ketua Tim"
        and rows[world.w.official]["team_role"] == "Analis data"
    )
    assert [r["result"] for r in rows[world.w.official]["results"]] == ["Peta 12 desa", "Rekomendasi"]
    assert world.heads["A.U1"] in rows[world.w.official]["for_appraisal_by"]  # the member's appraiser
    assert rows[world.w.second]["results"] == [] and rows[world.w.second]["contribution"] is None
    assert orjson.loads(to_json(m))["team"]["targets"][0]["code"] == "T1"
    lines = list(csv.DictReader(io.StringIO(to_csv(m))))
    assert len(lines) == 4  # leader, the official's two results, the second member
    assert {(r["nip"], r["result"]) for r in lines if r["nip"] == world.w.official} == {
        (world.w.official, "Peta 12 desa"),
        (world.w.official, "Rekomendasi"),
    }
    with pytest.raises(InvalidInput):
        matrix(
            system.store, app.profile, str(team.id), "2025-TW1"
        )  # Pemalang reports monthly (Pasal 17 huruf a)

    settings = system.settings
    monkeypatch.setenv("SISTEMKERJA_DATABASE_URL", settings.database_url)
    monkeypatch.setenv("SISTEMKERJA_SCHEMA", settings.db_schema)
    monkeypatch.setenv("SISTEMKERJA_PROFILE", settings.profile)
    result = CliRunner().invoke(
        cli, ["teams", "matrix", "--team", str(team.id), "--period", PERIOD, "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    assert {r["nip"] for r in orjson.loads(result.output)["rows"]} == set(rows)
    result = CliRunner().invoke(cli, ["teams", "matrix", "--team", str(team.id), "--period", PERIOD])
    assert result.exit_code == 0 and result.output.splitlines()[0].startswith("period,team_id")


@pytest.mark.profile("pemalang-2023")
def test_matrix_periods_are_effective_periods_not_recording_times(system):
    """The member was admitted today on an assignment running since 1 January 2025; the leader's
    input for March 2025 puts them in March 2025's matrix (issue 11 part 7)."""
    app = system.app
    world = _build(app)
    team = staffed_team(app, world)
    leader_reports(
        app, world, team, "2025-03", "Analisis 12 desa", [{"target": "T1", "result": "Peta 12 desa"}]
    )
    rows = {r["nip"]: r for r in matrix(system.store, app.profile, str(team.id), "2025-03")["rows"]}
    # Both members count from their assignment's start (2025-01-01), not from today's recording.
    assert set(rows) == {world.leader, world.w.official, world.w.second}
    assert rows[world.w.official]["team_role"] == "Analis data"
    assert [r["result"] for r in rows[world.w.official]["results"]] == ["Peta 12 desa"]
    # Before the assignment began, no member is in the matrix.
    assert {r["nip"] for r in matrix(system.store, app.profile, str(team.id), "2024-12")["rows"]} == {
        world.leader
    }


@pytest.mark.profile("pemalang-2023")
def test_a_year_of_matrices_read_at_once_equals_each_month_read_alone(system):
    """The e-Kinerja export reads a team's months in one go (`matrices`): the same members, roles
    and results as each month's own matrix, before and after the members' assignment began, with
    the leader's input in some months and not others."""
    app = system.app
    world = _build(app)
    team = staffed_team(app, world)
    for month, result in (("2025-03", "Peta 12 desa"), ("2025-07", "Rekomendasi")):
        leader_reports(app, world, team, month, "Analisis", [{"target": "T1", "result": result}])
    months = ["2024-11", "2024-12", *(f"2025-{m:02d}" for m in range(1, 13))]
    at_once = matrices(system.store, app.profile, str(team.id), months)
    assert at_once == [matrix(system.store, app.profile, str(team.id), month) for month in months]
    assert [{r["nip"] for r in m["rows"]} for m in at_once[:2]] == [{world.leader}] * 2  # not begun yet
    assert {r["nip"] for r in at_once[2]["rows"]} == {world.leader, world.w.official, world.w.second}
    with_input = {m["period"]: [x["result"] for r in m["rows"] for x in r["results"]] for m in at_once}
    assert {p: r for p, r in with_input.items() if r} == {
        "2025-03": ["Peta 12 desa"],
        "2025-07": ["Rekomendasi"],
    }


@pytest.mark.profile("banjarnegara-2024")
def test_the_ekinerja_export_from_the_cli_in_csv_and_xlsx(system, monkeypatch, tmp_path):
    """`sistemkerja performance export`: the SKP sheet as CSV, both sheets as XLSX read back."""
    import openpyxl

    app = system.app
    world = _build(app)
    team = staffed_team(app, world)
    leader_reports(app, world, team, "2025-02", "Tepat waktu", [{"target": "T1", "result": "Peta"}])
    settings = system.settings
    monkeypatch.setenv("SISTEMKERJA_DATABASE_URL", settings.database_url)
    monkeypatch.setenv("SISTEMKERJA_SCHEMA", settings.db_schema)
    monkeypatch.setenv("SISTEMKERJA_PROFILE", settings.profile)
    args = ["performance", "export", "--agency", "A", "--period", "2025"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert {r["NIP"] for r in rows} >= {world.w.official, world.w.second}
    assert {r["Realisasi"] for r in rows if r["NIP"] == world.w.official} == {"2025-02: Peta"}
    matrix_csv = CliRunner().invoke(cli, [*args, "--sheet", "matrix"])
    assert matrix_csv.output.splitlines()[0].startswith("Periode,Nama Tim,Unit Pemilik,NIP")
    out = tmp_path / "ekinerja.xlsx"
    result = CliRunner().invoke(cli, [*args, "--format", "xlsx", "--output", str(out)])
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(out)
    assert [c.value for c in book["SKP"][1]][5] == "Penugasan dari"
    assert book["SKP"].max_row == len(rows) + 1
    matrix_sheet = book["Matriks Peran Hasil"]
    february = [r for r in matrix_sheet.iter_rows(min_row=2, values_only=True) if r[0] == "2025-02"]
    assert (world.w.official, "Peta") in {(r[3], r[8]) for r in february}
    bad = CliRunner().invoke(cli, [*args[:-1], "2025-Q1"])
    assert bad.exit_code != 0
