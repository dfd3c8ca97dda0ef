"""The hand-off to e-Kinerja (BKN): per agency (or unit, with the units below it) and period,
the rows an official enters in their SKP (each result with who assigned it, "Penugasan dari", the
result it rolls up to, indicator, target and what was realised) and the Matriks Peran Hasil of
every team the units own, with Indonesian headers as e-Kinerja shows them."""

from typing import Any

from domain.errors import NotFound
from projections.evidence.periods import Span
from projections.evidence.queries import EvidenceQueries
from projections.organisation.queries import OrganisationQueries
from projections.teams.matrix import matrix
from projections.teams.queries import TeamQueries

SKP_COLUMNS = [
    "Periode",
    "NIP",
    "Nama",
    "Jabatan",
    "Unit Kerja",
    "Penugasan dari",
    "NIP Pemberi Tugas",
    "Nomor Surat Tugas",
    "Tanggal Surat Tugas",
    "Tim Kerja",
    "Peran dalam Tim",
    "RHK Atasan yang Diintervensi",
    "Rencana Hasil Kerja",
    "Indikator Kinerja Individu",
    "Target",
    "Realisasi",
]
MATRIX_COLUMNS = [
    "Periode",
    "Nama Tim",
    "Unit Pemilik",
    "NIP",
    "Nama",
    "Peran dalam Tim",
    "Unit Kerja",
    "Target",
    "Hasil",
    "Kontribusi",
    "Untuk Penilaian oleh",
]


def _who(names: dict[str, Any], nip: str | None) -> str:
    if not nip:
        return ""
    name = (names.get(nip) or {}).get("name")
    return f"{name} ({nip})" if name else nip


def _under(unit: dict[str, Any]) -> dict[str, Any]:
    """The unit and every unit below it (by tree path): an agency, or the part a unit head reads."""
    return {"path": unit["path"], "n": len(unit["path"])}


def skp_rows(store: Any, agency_code: str, s: Span) -> list[dict[str, Any]]:
    organisation = OrganisationQueries(store)
    agency = organisation.unit(agency_code)
    if agency is None:
        raise NotFound("UNIT_NOT_FOUND", unit=agency_code)
    officials = store.query(
        "SELECT o.nip, o.name, o.position_title, o.unit_code, u.name AS unit_name FROM officials o"
        " JOIN units u ON u.code = o.unit_code WHERE substr(u.path, 1, :n) = :path ORDER BY o.nip",
        _under(agency),
    )
    evidence, teams = EvidenceQueries(store), TeamQueries(store)
    rows: list[dict[str, Any]] = []
    for o in officials:
        performance = evidence.member_performance(o["nip"], s)
        for a in evidence.assignments_of(o["nip"], s):
            if not a["letter_number"]:
                continue  # not yet assigned: no letter, nothing for the SKP
            letter = store.query(
                "SELECT * FROM assignment_letters WHERE assignment_id = :id", {"id": a["id"]}
            )
            issuer = (letter[0]["issuer_nip"] if letter else None) or a["requester_nip"]
            base = {
                "Periode": s.label,
                "NIP": o["nip"],
                "Nama": o["name"],
                "Jabatan": o["position_title"],
                "Unit Kerja": o["unit_name"],
                "Nomor Surat Tugas": a["letter_number"],
                "Tanggal Surat Tugas": a["letter_issued_on"] or "",
            }
            team_ids = [
                r["team_id"]
                for r in store.query(
                    "SELECT team_id FROM team_members WHERE assignment_id = :id AND nip = :nip",
                    {"id": a["id"], "nip": o["nip"]},
                )
            ]
            team = teams.team(team_ids[0]) if team_ids else None
            if team is None:
                names = organisation.officials_by_nip([issuer])
                rows.append(
                    {
                        **base,
                        "Penugasan dari": _who(names, issuer),
                        "NIP Pemberi Tugas": issuer,
                        "Tim Kerja": "",
                        "Peran dalam Tim": "",
                        "RHK Atasan yang Diintervensi": a["work"],
                        "Rencana Hasil Kerja": a["work"],
                        "Indikator Kinerja Individu": a["criteria"] or "",
                        "Target": a["criteria"] or "",
                        "Realisasi": "",
                    }
                )
                continue
            # Team work: assigned by the team's head, rolling up to the team's targets.
            leader = team["leader_nip"] or issuer
            names = organisation.officials_by_nip([leader])
            role = next((m["role"] for m in team["members"] if m["nip"] == o["nip"]), "")
            done: dict[str, list[str]] = {}
            for p in performance:
                if p["team_id"] == team["id"]:
                    for r in p["results"]:
                        done.setdefault(r["target"], []).append(f"{p['period']}: {r['result']}")
            for t in team["targets"] or [{}]:
                rows.append(
                    {
                        **base,
                        "Penugasan dari": _who(names, leader),
                        "NIP Pemberi Tugas": leader,
                        "Tim Kerja": team["name"],
                        "Peran dalam Tim": role,
                        "RHK Atasan yang Diintervensi": f"{team['name']}: {t.get('description', '')}",
                        "Rencana Hasil Kerja": t.get("description", ""),
                        "Indikator Kinerja Individu": t.get("description", ""),
                        "Target": t.get("measure", ""),
                        "Realisasi": "; ".join(done.get(t.get("code") or "", [])),
                    }
                )
    return rows


def matrix_rows(store: Any, profile: Any, agency_code: str, s: Span) -> list[dict[str, Any]]:
    """The Matriks Peran Hasil of each team the agency's units own, per reporting period of the
    span in which the team ran (its period, in effect)."""
    organisation = OrganisationQueries(store)
    agency = organisation.unit(agency_code)
    if agency is None:
        raise NotFound("UNIT_NOT_FOUND", unit=agency_code)
    teams = store.query(
        "SELECT t.id, t.period_start, t.period_end FROM teams t JOIN units u ON u.code = t.owning_unit"
        " WHERE substr(u.path, 1, :n) = :path AND t.period_start <= :last AND t.period_end >= :first"
        " ORDER BY t.id",
        {**_under(agency), "first": s.first.isoformat(), "last": s.last.isoformat()},
    )
    rows = []
    for t in teams:
        for label in s.periods:
            m = matrix(store, profile, t["id"], label)
            names = organisation.officials_by_nip(
                list(dict.fromkeys(n for r in m["rows"] for n in r["for_appraisal_by"]))
            )
            for r in m["rows"]:
                base = {
                    "Periode": label,
                    "Nama Tim": m["team"]["name"],
                    "Unit Pemilik": m["team"]["owning_unit"],
                    "NIP": r["nip"],
                    "Nama": r["name"] or "",
                    "Peran dalam Tim": r["team_role"] or "",
                    "Unit Kerja": r["unit_code"] or "",
                    "Kontribusi": r["contribution"] or "",
                    "Untuk Penilaian oleh": "; ".join(_who(names, n) for n in r["for_appraisal_by"]),
                }
                for result in r["results"] or [{"target": "", "result": ""}]:
                    rows.append({**base, "Target": result["target"], "Hasil": result["result"]})
    return rows
