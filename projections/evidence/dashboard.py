"""Dashboards: a unit's work (each individual assignment and team it owns that runs in the period,
with its reports, latest progress, and the reports due and overdue), and an official's work and
what they owe whom. Lists are small (one unit, one official), so they are built whole and paged
by key (the id, or the obligation's key) for Relay pagination."""

from datetime import date
from typing import Any

from domain.periods import bounds
from domain.profile import Profile
from projections.evidence.periods import Span
from projections.evidence.queries import EvidenceQueries
from projections.performance.queries import PerformanceQueries
from projections.reports.queries import ReportQueries
from projections.work_plans.queries import WorkPlanQueries

Row = dict[str, Any]


def _obligations(store: Any, profile: Profile, s: Span, today: date, **who: str) -> list[Row]:
    """Reports owed in the span's periods, each due the day after its period and overdue from
    then; an open ad-hoc request is due (no text gives it a deadline)."""
    queries, out, seen = ReportQueries(store), [], set()
    for label in s.periods:
        if bounds(label)[0] > today:
            continue  # a period that has not begun owes nothing yet
        for o in queries.obligations(profile, label, **who):
            key = "|".join(
                str(o[k] or "") for k in ("kind", "subject_id", "period", "reporter_nip", "request_id")
            )
            if key in seen:
                continue  # ad-hoc requests come back with every period
            seen.add(key)
            out.append(
                {
                    **o,
                    "key": key,
                    "overdue": o["kind"] != "ON_REQUEST" and str(o["since"])[:10] <= today.isoformat(),
                }
            )
    return sorted(out, key=lambda o: o["key"])


def _item(
    store: Any, kind: str, row: Row, people: list[str], s: Span, owed: list[Row], performance: dict
) -> Row:
    reports = [
        r for label in s.periods for r in ReportQueries(store).reports(subject_id=row["id"], period=label)
    ]
    latest = reports[-1] if reports else None
    mine = [o for o in owed if o["subject_id"] == row["id"]]
    return {
        "kind": kind,
        "id": row["id"],
        "title": row.get("work") or row.get("name") or "",
        "owning_unit": row["owning_unit"],
        "status": row["status"],
        "period_start": row["period_start"],
        "period_end": row["period_end"],
        "people": people,
        "plan_item_id": row.get("plan_item_id"),
        "reports": len(reports),
        "latest_progress": (latest or {}).get("progress") or [],
        "last_reported_at": (latest or {}).get("reported_at"),
        "reports_due": [o for o in mine if not o["overdue"]],
        "reports_overdue": [o for o in mine if o["overdue"]],
        "dialogues_pending": [d for d in performance["dialogues"] if d["subject_id"] == row["id"]],
        "feedback_overdue": [f for f in performance["feedback"] if f["subject_id"] == row["id"]],
    }


def _performance(store: Any, profile: Profile, today: date, nip: str | None = None) -> dict[str, list[Row]]:
    """Dialogues pending and feedback overdue today (the dialogue helper's rules and periods)."""
    queries = PerformanceQueries(store)
    return {
        "dialogues": queries.pending_dialogues(profile, today, nip),
        "feedback": queries.overdue_feedback(profile, today, nip),
    }


def unit_work(store: Any, profile: Profile, unit_code: str, s: Span, today: date) -> list[Row]:
    params = {"unit": unit_code, "first": s.first.isoformat(), "last": s.last.isoformat()}
    owed = _obligations(store, profile, s, today)
    performance = _performance(store, profile, today)
    # The work that runs in the period, and any work still owing reports for it (a team whose
    # period has passed but whose lines run on).
    owing = {o["subject_id"] for o in owed}
    assignments = [
        a
        for a in store.query(
            "SELECT * FROM assignments WHERE owning_unit = :unit AND team = 0 ORDER BY id", params
        )
        if a["id"] in owing or (a["period_start"] <= params["last"] and a["period_end"] >= params["first"])
    ]
    teams = [
        t
        for t in store.query("SELECT * FROM teams WHERE owning_unit = :unit ORDER BY id", params)
        if t["id"] in owing or (t["period_start"] <= params["last"] and t["period_end"] >= params["first"])
    ]
    items = []
    for a in assignments:
        people = [
            r["nip"]
            for r in store.query(
                "SELECT nip FROM assignment_officials WHERE assignment_id = :id ORDER BY nip", {"id": a["id"]}
            )
        ]
        items.append(_item(store, "ASSIGNMENT", a, people, s, owed, performance))
    for t in teams:
        people = [
            r["nip"]
            for r in store.query(
                "SELECT DISTINCT nip FROM team_members WHERE team_id = :id AND left_at IS NULL ORDER BY nip",
                {"id": t["id"]},
            )
        ]
        items.append(_item(store, "TEAM", t, people, s, owed, performance))
    return sorted(items, key=lambda i: i["id"])


def official_work(store: Any, profile: Profile, nip: str, s: Span, today: date) -> list[Row]:
    evidence = EvidenceQueries(store)
    owed = _obligations(store, profile, s, today, reporter_nip=nip)
    performance = _performance(store, profile, today, nip)
    items = {}
    for a in evidence.assignments_of(nip, s):
        if not a["team"]:
            items[a["id"]] = _item(store, "ASSIGNMENT", a, [nip], s, owed, performance)
    for m in evidence.memberships(nip, s):
        rows = store.query("SELECT * FROM teams WHERE id = :id", {"id": m["team_id"]})
        if rows:
            items[m["team_id"]] = _item(store, "TEAM", rows[0], [nip], s, owed, performance)
    return sorted(items.values(), key=lambda i: i["id"])


def owed_by(store: Any, profile: Profile, nip: str, s: Span, today: date) -> list[Row]:
    return _obligations(store, profile, s, today, reporter_nip=nip)


def owed_to(store: Any, profile: Profile, nip: str, s: Span, today: date) -> list[Row]:
    return _obligations(store, profile, s, today, recipient_nip=nip)


def unit_plan(store: Any, profile: Profile, unit_code: str, s: Span, today: date) -> list[Row]:
    """Per item of the unit's plan for the span's year (by code), the unit's work that serves it;
    last, keyed "~", the work that names no item of that plan."""
    work = unit_work(store, profile, unit_code, s, today)
    plan = WorkPlanQueries(store).plan(unit_code=unit_code, year=s.year)
    items = WorkPlanQueries(store).items(plan["id"]) if plan else []
    boards = [
        {"key": i["code"], "item": i, "work": [w for w in work if w["plan_item_id"] == i["id"]]}
        for i in items
    ]
    planned = {i["id"] for i in items}
    rest = [w for w in work if w["plan_item_id"] not in planned]
    return boards + ([{"key": "~", "item": None, "work": rest}] if rest else [])


def plan_items_of(store: Any, nip: str, s: Span) -> list[Row]:
    """The plan items the official's assignments and teams of the span serve."""
    evidence = EvidenceQueries(store)
    ids = [a.get("plan_item_id") for a in evidence.assignments_of(nip, s)]
    for m in evidence.memberships(nip, s):
        ids += [
            t["plan_item_id"]
            for t in store.query("SELECT plan_item_id FROM teams WHERE id = :id", {"id": m["team_id"]})
        ]
    return [{**r, "key": r["id"]} for r in sorted(evidence.plan_items(ids), key=lambda r: r["id"])]


def expectations_of(store: Any, nip: str, s: Span) -> list[Row]:
    evidence = EvidenceQueries(store)
    subjects = [a["id"] for a in evidence.assignments_of(nip, s)] + [
        m["team_id"] for m in evidence.memberships(nip, s)
    ]
    return sorted(evidence.expectations_of(nip, subjects, s), key=lambda e: e["id"])


def dialogues_owed(store: Any, profile: Profile, nip: str, today: date) -> list[Row]:
    """Dialogues pending today where the official is the one appraised or the counterpart."""
    rows = PerformanceQueries(store).pending_dialogues(profile, today, nip)
    return sorted(({**r, "key": f"{r['subject_id']}|{r['nip']}"} for r in rows), key=lambda r: r["key"])


def feedback_owed(store: Any, profile: Profile, nip: str, today: date) -> list[Row]:
    """Feedback overdue today where the official is a giver or a giver's superior."""
    rows = PerformanceQueries(store).overdue_feedback(profile, today, nip)
    return sorted(
        ({**r, "key": f"{r['subject_id']}|{r['receiver_nip']}"} for r in rows), key=lambda r: r["key"]
    )


def without_key(make: Any) -> Any:
    """A type's constructor for rows that carry the paging key besides its fields."""
    return lambda row: make(**{k: v for k, v in row.items() if k != "key"})


def page(rows: list[Row], key: str, after: str | None, limit: int) -> list[Row]:
    """Rows after the cursor's key, at most `limit` (the caller asks one more than it shows)."""
    return [r for r in rows if after is None or str(r[key]) > after][:limit]
