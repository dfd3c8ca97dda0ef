"""The hand-off to e-Kinerja (BKN): per agency (or unit, with the units below it) and period,
the rows an official enters in their SKP (each result with who assigned it, "Penugasan dari", the
result it rolls up to, indicator, target and what was realised) and the Matriks Peran Hasil of
every team the units own, with Indonesian headers as e-Kinerja shows them."""

from typing import Any

from domain.errors import NotFound
from projections.evidence.periods import Span
from projections.evidence.queries import EvidenceQueries
from projections.organisation.queries import OrganisationQueries
from projections.performance.queries import PerformanceQueries
from projections.reports.queries import ReportQueries
from projections.teams.matrix import matrices
from projections.teams.queries import TeamQueries
from projections.work_plans.queries import WorkPlanQueries

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
    "Sasaran Perjanjian Kinerja",
    "Kegiatan Anggaran",
    "Rencana Hasil Kerja",
    "Indikator Kinerja Individu",
    "Target",
    "Realisasi",
    "Ekspektasi",
    "Disepakati",
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
    """One line per result of each assignment (with its letter) of each official of the units: the
    results agreed in the performance dialogue where there are any, else the team's targets (team
    work) or the assignment's work and criteria."""
    organisation = OrganisationQueries(store)
    agency = organisation.unit(agency_code)
    if agency is None:
        raise NotFound("UNIT_NOT_FOUND", unit=agency_code)
    officials = store.query(
        "SELECT o.nip, o.name, o.position_title, o.unit_code, u.name AS unit_name FROM officials o"
        " JOIN units u ON u.code = o.unit_code WHERE substr(u.path, 1, :n) = :path"
        # Only officials with a lettered assignment in the span have SKP lines: the others are
        # skipped here rather than read one by one (three queries each).
        " AND EXISTS (SELECT 1 FROM assignment_officials ao JOIN assignments a ON a.id = ao.assignment_id"
        " WHERE ao.nip = o.nip AND a.letter_number IS NOT NULL AND a.letter_number <> ''"
        " AND a.period_start <= :last AND a.period_end >= :first) ORDER BY o.nip",
        {**_under(agency), "first": s.first.isoformat(), "last": s.last.isoformat()},
    )
    evidence = EvidenceQueries(store)
    rows: list[dict[str, Any]] = []
    for o in officials:
        performance = evidence.member_performance(o["nip"], s)
        expectations = PerformanceQueries(store).expectations(nip=o["nip"])
        for a in evidence.assignments_of(o["nip"], s):
            if a["letter_number"]:  # not yet assigned: no letter, nothing for the SKP
                rows += _assignment_rows(store, o, a, s, performance, expectations)
    return rows


def _assignment_rows(
    store: Any, o: dict, a: dict, s: Span, performance: list[dict], expectations: list[dict]
) -> list[dict[str, Any]]:
    organisation = OrganisationQueries(store)
    letter = store.query(
        "SELECT issuer_nip FROM assignment_letters WHERE assignment_id = :id", {"id": a["id"]}
    )
    issuer = (letter[0]["issuer_nip"] if letter else None) or a["requester_nip"]
    joined = store.query(
        "SELECT team_id FROM team_members WHERE assignment_id = :id AND nip = :nip",
        {"id": a["id"], "nip": o["nip"]},
    )
    team = TeamQueries(store).team(joined[0]["team_id"]) if joined else None
    subject = team["id"] if team else a["id"]
    # Team work is assigned by the team's head and rolls up to the team's targets.
    assigner = (team["leader_nip"] if team else None) or issuer
    names = organisation.officials_by_nip([assigner])
    targets = (team["targets"] if team else None) or [
        {"description": a["work"], "measure": a["criteria"] or ""}
    ]
    rolls_up = "; ".join(f"{team['name']}: {t['description']}" if team else t["description"] for t in targets)
    # The item of the unit's work plan it serves is what it rolls up to, and through it the PK target.
    plans = WorkPlanQueries(store)
    item_id = (team or {}).get("plan_item_id") or a.get("plan_item_id")
    item = plans.item(item_id) if item_id else None
    pk = plans.pk_target(item["pk_target_id"]) if item and item["pk_target_id"] else None
    if item:
        rolls_up = f"{item['code']} {item['description']}"
    # What was realised: the leader's recorded results for team work; the official's own reports
    # (their progress) for individual work.
    done = [
        f"{p['period']}: {r['result']}"
        for p in performance
        if team and p["team_id"] == team["id"]
        for r in p["results"]
    ]
    if team is None:
        reports = ReportQueries(store)
        made = reports.reports(
            subject_id=a["id"], reporter_nip=o["nip"], periods=s.periods, limit=100 * len(s.periods)
        )
        order = {label: i for i, label in enumerate(s.periods)}
        done = [
            f"{r['period']}: {x['target']} {x['progress']}".strip()
            for r in sorted(made, key=lambda r: order[r["period"]])  # by period, then as made
            for x in r["progress"]
        ]
    # Only an agreed record is the SKP's basis (the official "menyepakati" it; the profile's
    # performance.dialogue.agreed_by_official): an unagreed one leaves the targets in place.
    agreed = [e for e in expectations if e["subject_id"] == subject and e["agreed_at"]]
    latest = max(agreed, key=lambda e: e["revision"]) if agreed else None
    base = {
        "Periode": s.label,
        "NIP": o["nip"],
        "Nama": o["name"],
        "Jabatan": o["position_title"],
        "Unit Kerja": o["unit_name"],
        "Penugasan dari": _who(names, assigner),
        "NIP Pemberi Tugas": assigner,
        "Nomor Surat Tugas": a["letter_number"],
        "Tanggal Surat Tugas": a["letter_issued_on"] or "",
        "Tim Kerja": team["name"] if team else "",
        "Peran dalam Tim": next((m["role"] for m in team["members"] if m["nip"] == o["nip"]), "")
        if team
        else "",
        "RHK Atasan yang Diintervensi": rolls_up,
        "Sasaran Perjanjian Kinerja": f"{pk['code']} {pk['description']}" if pk else "",
        "Kegiatan Anggaran": (item or {}).get("budget_activity") or "",
        "Ekspektasi": (latest or {}).get("expectations") or "",
        "Disepakati": ((latest or {}).get("agreed_at") or "")[:10],
    }
    if latest and latest["results"]:
        return [
            {
                **base,
                "Rencana Hasil Kerja": r["rhk"],
                "Indikator Kinerja Individu": r["indicator"],
                "Target": r["target"],
                "Realisasi": "; ".join(done),
            }
            for r in latest["results"]
        ]
    by_target: dict[str, list[str]] = {}
    for p in performance:
        if team and p["team_id"] == team["id"]:
            for r in p["results"]:
                by_target.setdefault(r["target"], []).append(f"{p['period']}: {r['result']}")
    return [
        {
            **base,
            "Rencana Hasil Kerja": t.get("description", ""),
            "Indikator Kinerja Individu": t.get("description", ""),
            "Target": t.get("measure", ""),
            "Realisasi": "; ".join(by_target.get(t.get("code") or "", []) if team else done),
        }
        for t in targets
    ]


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
    every = [m for t in teams for m in matrices(store, profile, t["id"], list(s.periods))]
    names = organisation.officials_by_nip(
        list(dict.fromkeys(n for m in every for r in m["rows"] for n in r["for_appraisal_by"]))
    )
    rows = []
    for m in every:
        for r in m["rows"]:
            base = {
                "Periode": m["period"],
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
