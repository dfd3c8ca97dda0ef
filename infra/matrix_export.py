"""The Matriks Peran Hasil (role-result matrix) of a team for one period, as JSON or CSV: each
member's role in the team, the results the leader recorded for them, the leader's note on their
contribution, and to whom it goes (the member's appraiser, per the profile) — what officials now
re-enter in e-Kinerja by hand. CLI: `sistemkerja teams matrix --team ID --period 2025-03`."""

import csv
import io
from typing import Any

import orjson
import typer

from infra.bootstrap import build
from infra.tenancy.tenants import current_settings
from projections.teams.matrix import matrix

CSV_COLUMNS = [
    "period",
    "team_id",
    "team_name",
    "owning_unit",
    "nip",
    "name",
    "team_role",
    "unit_code",
    "target",
    "result",
    "contribution",
    "for_appraisal_by",
]
teams_app = typer.Typer(help="Work teams (Tim Kerja).", no_args_is_help=True)


def to_json(m: dict[str, Any]) -> str:
    return orjson.dumps(m, option=orjson.OPT_INDENT_2).decode()


def to_csv(m: dict[str, Any]) -> str:
    """One line per member and result (a member without results still gets a line)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    team = m["team"]
    for row in m["rows"]:
        base = {
            "period": m["period"],
            "team_id": team["id"],
            "team_name": team["name"],
            "owning_unit": team["owning_unit"],
            "nip": row["nip"],
            "name": row["name"],
            "team_role": row["team_role"],
            "unit_code": row["unit_code"],
            "contribution": row["contribution"] or "",
            "for_appraisal_by": ";".join(row["for_appraisal_by"]),
        }
        for result in row["results"] or [{"target": "", "result": ""}]:
            writer.writerow({**base, "target": result["target"], "result": result["result"]})
    return out.getvalue()


@teams_app.command("matrix")
def matrix_command(
    team: str = typer.Option(..., "--team", help="The team id."),
    period: str = typer.Option(..., "--period", help="2025-03 (monthly) or 2025-TW1 (quarterly)."),
    format: str = typer.Option("csv", "--format", help="csv or json."),
    output: str = typer.Option(None, "--output", help="A file; default: standard output."),
) -> None:
    """Export a team's Matriks Peran Hasil for one period."""
    if format not in ("csv", "json"):
        raise typer.BadParameter("--format must be csv or json")
    system = build(current_settings(), migrate=False)
    try:
        m = matrix(system.store, system.app.profile, team, period)
    finally:
        system.close()
    text = to_csv(m) if format == "csv" else to_json(m)
    if output:
        with open(output, "w", encoding="utf-8", newline="") as f:
            f.write(text)
    else:
        typer.echo(text, nl=False)
