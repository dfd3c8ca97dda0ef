"""The agency's PK targets and the unit's annual work plan (issue 11 part 1), and the check that a
request or a team decision names an item of the owning unit's plan (part 2). Who decides and what
an item rests on are the profile's (`work_plan`)."""

from datetime import date

from application import checks
from application.checks import require_admin
from application.commands.work_plan import AmendWorkPlan, FixWorkPlan, RecordPkTargets
from application.pipeline import Decided
from application.principal import Principal
from application.repository import Repository
from application.roles import Roles, Work
from domain import limits
from domain.decision import Capacity, Decision
from domain.errors import Conflict, InvalidInput, NotFound
from domain.limits import CODE, EFFECTIVE, LINE, REFERENCE, TEXT, TITLE
from domain.messages import phrase
from domain.profile import Profile, cite
from domain.work_plan import (
    ACTIVE,
    PerformanceAgreement,
    WorkPlan,
    agreement_id,
    pk_target_id,
    plan_id,
    plan_item_id,
)

ITEM_FIELDS = ("description", "indicator", "target", "pk_target_id", "budget_activity")


def plan_year(year: int, today: date | None = None) -> int:
    """A year a plan or PK may be recorded for: the last ten, this one and the next."""
    this = (today or date.today()).year
    if not isinstance(year, int) or not this - 10 <= year <= this + 1:
        raise InvalidInput("INVALID_PLAN_YEAR", field="year", value=year, earliest=this - 10, latest=this + 1)
    return year


# --- the PK --------------------------------------------------------------------------------------


def record_pk_targets(
    c: RecordPkTargets, actor: Principal, repo: Repository, roles: Roles, profile: Profile
) -> Decided:
    agency = repo.unit(checks.unit_code(c.agency_code))
    if not agency.is_agency:
        raise InvalidInput("NOT_AN_AGENCY", field="agency_code", unit=agency.code)
    year = plan_year(c.year)
    on = c.on or date.today()
    checks.in_force(profile, on, "today")
    rule = profile.work_plan.pk_fixed_by
    basis = cite(profile, rule.citation)
    if c.document is not None:  # the administrator records the PK from its signed document
        require_admin(actor, "record_pk_from_document")
        document = _document(c.document)
        capacity = Capacity(kind="ADMIN")
        basis = f"{basis}; PK {document['number']} tanggal {document['date']} ({document['signed_by']})"
    else:
        document = None
        holders = roles.role_holders(rule.role.value, Work(agency.code))
        capacity = roles.acting_capacity(actor.nip, holders, phrase("record_pk", agency=agency.code), on)
    targets = _targets(c.targets, agency.code, year)
    existing = agreement_id(agency.code, year)
    reason = checks.text(c.reason, TEXT, "reason") if repo.exists(existing) else None
    decision = Decision(actor.nip, capacity, basis, reason=reason, effective_date=f"{year}-01-01")
    fields = decision.as_event_fields()
    if document:
        fields["document"] = document
    if reason is None:
        agreement = PerformanceAgreement(agency_code=agency.code, year=year, targets=targets, decision=fields)
    else:
        agreement = repo.get(PerformanceAgreement, existing, _no_agreement(agency.code, year))
        listed = {t["id"] for t in targets}
        dropped = sorted(i for i in agreement.targets if agreement.active_target(i) and i not in listed)
        agreement.revise(targets=targets, dropped=dropped, decision=fields)
    return Decided(agreement, result=str(agreement.id))


def _document(given: dict) -> dict:
    """The signed PK: its number, date and signatory."""
    day = given.get("date")
    if not isinstance(day, date):
        raise InvalidInput("REQUIRED", field="document date")
    return {
        "number": checks.text(given.get("number"), REFERENCE, "document number"),
        "date": checks.day(day, EFFECTIVE, "document date").isoformat(),
        "signed_by": checks.text(given.get("signed_by"), TITLE, "document signed by"),
    }


def _targets(given: list[dict], agency: str, year: int) -> list[dict]:
    if not given:
        raise InvalidInput("REQUIRED", field="targets")
    limits.items(given, "targets")
    out, codes = [], set()
    for i, t in enumerate(given, 1):
        code = checks.text(t.get("code") or f"S{i}", CODE, "code").upper()
        if code in codes:
            raise InvalidInput("DUPLICATE_CODE", field="code", item_code=code)
        codes.add(code)
        out.append(
            {
                "id": pk_target_id(agency, year, code),
                "code": code,
                "description": checks.text(t.get("description"), LINE, "description"),
                "indicator": checks.text(t.get("indicator"), LINE, "indicator"),
                "target": checks.text(t.get("target"), LINE, "target"),
            }
        )
    return out


def _no_agreement(agency: str, year: int):
    return lambda: NotFound("PK_NOT_FOUND", agency=agency, year=year)


# --- the unit's plan -----------------------------------------------------------------------------


def fix_work_plan(
    c: FixWorkPlan, actor: Principal, repo: Repository, roles: Roles, profile: Profile
) -> Decided:
    unit = repo.unit(checks.unit_code(c.unit_code))
    year = plan_year(c.year)
    on = c.on or date.today()
    checks.in_force(profile, on, "today")
    rules = profile.work_plan
    capacity = _head(actor, roles, unit.code, on)
    if repo.exists(plan_id(unit.code, year)):
        raise Conflict(
            "WORK_PLAN_ALREADY_FIXED", unit=unit.code, year=year, plan_id=str(plan_id(unit.code, year))
        )
    items = _items(profile, repo, unit.code, unit.agency_code, year, c.items, None)
    due = rules.deadline.for_year(year) if rules.deadline else None
    basis = cite(profile, rules.plan_fixed_by.citation)
    if rules.deadline:
        basis = f"{basis}; {cite(profile, rules.deadline.citation)}"
    plan = WorkPlan(
        unit_code=unit.code,
        agency_code=unit.agency_code,
        year=year,
        items=items,
        deadline=due.isoformat() if due else None,
        late=bool(due and on > due),  # recorded all the same: the text voids nothing (profile note)
        decision=Decision(actor.nip, capacity, basis, effective_date=f"{year}-01-01").as_event_fields(),
    )
    return Decided(plan, result=str(plan.id))


def amend_work_plan(
    c: AmendWorkPlan, actor: Principal, repo: Repository, roles: Roles, profile: Profile
) -> Decided:
    plan = repo.get(
        WorkPlan,
        checks.parse_id(c.plan_id, "plan_id"),
        lambda: NotFound("WORK_PLAN_NOT_FOUND", plan_id=c.plan_id),
    )
    on = c.on or date.today()
    capacity = _head(actor, roles, plan.unit_code, on)
    reason = checks.text(c.reason, TEXT, "reason")
    items = _items(profile, repo, plan.unit_code, plan.agency_code, plan.year, c.items, plan)
    listed = {i["id"]: i for i in items}
    before = {i: plan.items[i] for i in plan.items if plan.active_item(i)}
    added = [i for i in listed if i not in plan.items]
    changed = [i for i in listed if i in before and _content(listed[i]) != _content(before[i])]
    withdrawn = sorted(set(before) - set(listed))
    if not (added or changed or withdrawn):
        raise InvalidInput("WORK_PLAN_UNCHANGED", plan_id=str(plan.id))
    plan.amend(
        items=items,
        added=added,
        changed=changed,
        withdrawn=withdrawn,
        decision=Decision(
            actor.nip,
            capacity,
            cite(profile, profile.work_plan.amendment.citation),
            reason=reason,
            effective_date=on.isoformat(),
        ).as_event_fields(),
    )
    return Decided(plan, result=str(plan.id))


def _head(actor: Principal, roles: Roles, unit_code: str, on: date) -> Capacity:
    rule = roles.profile.work_plan.plan_fixed_by
    holders = roles.role_holders(rule.role.value, Work(unit_code))
    return roles.acting_capacity(actor.nip, holders, phrase("fix_work_plan", unit=unit_code), on)


def _content(item: dict) -> tuple:
    return tuple(item.get(k) for k in ITEM_FIELDS)


def _items(
    profile: Profile,
    repo: Repository,
    unit: str,
    agency: str,
    year: int,
    given: list[dict],
    plan: WorkPlan | None,
) -> list[dict]:
    """The items as stated, each resting on a target of the agency's PK for the year or, while
    that PK is not recorded, on a budget activity (work_plan.item_basis)."""
    if not given:
        raise InvalidInput("REQUIRED", field="items")
    limits.items(given, "items")
    pk_id = agreement_id(agency, year)
    agreement = (
        repo.get(PerformanceAgreement, pk_id, _no_agreement(agency, year)) if repo.exists(pk_id) else None
    )
    known = plan.items if plan else {}
    explicit = {str(raw.get("code") or "").strip().upper() for raw in given}
    taken = {i["code"] for i in known.values()} | explicit
    numbers = (f"K{n}" for n in range(1, 10_000) if f"K{n}" not in taken)
    out, codes = [], set()
    for raw in given:
        code = _item_code(raw, known, numbers)
        item_id = known[str(raw["id"])]["id"] if raw.get("id") else plan_item_id(unit, year, code)
        if code in codes or (not raw.get("id") and item_id in known):
            raise InvalidInput("DUPLICATE_CODE", field="code", item_code=code)
        codes.add(code)
        out.append(
            {
                "id": item_id,
                "code": code,
                "description": checks.text(raw.get("description"), LINE, "description"),
                "indicator": checks.text(raw.get("indicator"), LINE, "indicator"),
                "target": checks.text(raw.get("target"), LINE, "target"),
                **_basis(profile, agreement, agency, year, code, raw),
                "status": ACTIVE,
            }
        )
    return out


def _item_code(raw: dict, known: dict, numbers) -> str:
    """An existing item keeps its code; a new one takes the code given, or the next free K<n>."""
    if raw.get("id"):
        item_id = str(checks.parse_id(raw["id"], "id"))
        item = known.get(item_id)
        if item is None:
            raise NotFound("PLAN_ITEM_NOT_FOUND", plan_item_id=item_id)
        if item.get("status", ACTIVE) != ACTIVE:
            raise InvalidInput("PLAN_ITEM_WITHDRAWN", field="id", item_code=item["code"])
        return item["code"]
    given = str(raw.get("code") or "").strip()
    return checks.text(given, CODE, "code").upper() if given else next(numbers)


def _basis(
    profile: Profile, agreement: PerformanceAgreement | None, agency: str, year: int, code: str, raw: dict
) -> dict:
    rule = profile.work_plan.item_basis
    target = (raw.get("pk_target_id") or "").strip()
    budget = checks.optional_text((raw.get("budget_activity") or "").strip() or None, LINE, "budget activity")
    if agreement is not None:
        if not target:
            raise InvalidInput(
                "PLAN_ITEM_BASIS_REQUIRED",
                case="pk_target",
                field="pk_target_id",
                item_code=code,
                agency=agency,
                year=year,
                legal_basis=cite(profile, rule.pk_target.citation),
            )
        found = agreement.active_target(str(checks.parse_id(target, "pk_target_id")))
        if found is None:
            raise InvalidInput(
                "PK_TARGET_NOT_IN_PK",
                field="pk_target_id",
                value=target,
                agency=agency,
                year=year,
                legal_basis=cite(profile, rule.pk_target.citation),
            )
        return {"pk_target_id": found["id"], "pk_target_code": found["code"], "budget_activity": budget}
    if target:
        raise InvalidInput(
            "PK_NOT_FIXED",
            field="pk_target_id",
            agency=agency,
            year=year,
            legal_basis=cite(profile, rule.budget_activity_while_pk_pending.citation),
        )
    if not budget:
        raise InvalidInput(
            "PLAN_ITEM_BASIS_REQUIRED",
            case="budget_activity",
            field="budget_activity",
            item_code=code,
            agency=agency,
            year=year,
            legal_basis=cite(profile, rule.budget_activity_while_pk_pending.citation),
        )
    return {"pk_target_id": None, "pk_target_code": None, "budget_activity": budget}


# --- the link from a request or a team decision ----------------------------------------------------


def linked_plan_item(
    repo: Repository, profile: Profile, plan_item: str | None, owning_unit: str, start: date, end: date
) -> str | None:
    """The plan item a request or a team decision serves: an active item of the owning unit's plan
    for a year the period overlaps (work_plan.link); None where none is named and none is required."""
    rule = profile.work_plan.link
    basis = cite(profile, rule.citation)
    if not (plan_item or "").strip():
        if rule.required:
            raise InvalidInput("PLAN_ITEM_REQUIRED", field="plan_item_id", legal_basis=basis)
        return None
    item_id = str(checks.parse_id(str(plan_item).strip(), "plan_item_id"))
    years = range(start.year, end.year + 1)
    for year in years:
        pid = plan_id(owning_unit, year)
        if not repo.exists(pid):
            continue
        plan = repo.get(WorkPlan, pid, lambda: NotFound("WORK_PLAN_NOT_FOUND", plan_id=str(pid)))
        if item_id in plan.items:
            if plan.active_item(item_id) is None:
                raise InvalidInput(
                    "PLAN_ITEM_WITHDRAWN", field="plan_item_id", item_code=plan.items[item_id]["code"]
                )
            return item_id
    raise InvalidInput(
        "PLAN_ITEM_NOT_IN_UNIT_PLAN",
        field="plan_item_id",
        plan_item_id=item_id,
        unit=owning_unit,
        years=", ".join(str(y) for y in years),
        legal_basis=basis,
    )


HANDLERS = {
    RecordPkTargets: record_pk_targets,
    FixWorkPlan: fix_work_plan,
    AmendWorkPlan: amend_work_plan,
}
