"""Fast tier for the work-plan handlers (application.handlers.work_plan): the agency's PK targets,
the unit's plan fixed and amended by its head, lateness against Kota Serang's deadline, and the
link a request or a team decision makes to a plan item."""

from datetime import date

import pytest

from application.commands.assignments import RequestAssignment
from application.commands.teams import FormTeam
from application.commands.work_plan import AmendWorkPlan, FixWorkPlan, RecordPkTargets
from application.principal import ADMIN_ROLE, Principal
from domain.errors import Conflict, Forbidden, InvalidInput
from domain.work_plan import pk_target_id
from tests.support import build_world

ADMIN = Principal("196805121990031003", frozenset({ADMIN_ROLE}))
YEAR = date.today().year
TARGETS = [
    {"code": "S1", "description": "Prevalensi stunting turun", "indicator": "Prevalensi", "target": "14%"}
]


def as_(nip: str) -> Principal:
    return Principal(nip)


def names(events) -> list[str]:
    return [type(e).__qualname__ for e in events]


@pytest.fixture
def world(given):
    def make(profile: str = "kab-serang-2024"):
        g = given(profile)
        return g, build_world(g.app, ADMIN)

    return make


def item(**extra) -> dict:
    return {"description": "Peta stunting", "indicator": "Peta", "target": "1 dokumen", **extra}


def test_the_agency_head_records_pk_targets_and_a_revision_needs_a_reason(world):
    g, w = world()
    outcome, events = g.when(
        as_(w.a.agency_head), RecordPkTargets(agency_code="A", year=YEAR, targets=TARGETS)
    )
    assert names(events) == ["PerformanceAgreement.TargetsRecorded"]
    decision = events[0].decision
    assert decision["legal_basis"] == "kab-serang-2024 Lampiran E.1 huruf a dan huruf c"
    assert decision["capacity"]["kind"] == "POSITION" and decision["effective_date"] == f"{YEAR}-01-01"
    with pytest.raises(InvalidInput) as e:
        g.when(as_(w.a.agency_head), RecordPkTargets(agency_code="A", year=YEAR, targets=TARGETS))
    assert e.value.code == "REQUIRED"
    _, events = g.when(
        as_(w.a.agency_head),
        RecordPkTargets(
            agency_code="A", year=YEAR, targets=[{**TARGETS[0], "code": "S2"}], reason="PK perubahan"
        ),
    )
    assert names(events) == ["PerformanceAgreement.TargetsRevised"]
    assert events[0].dropped == [pk_target_id("A", YEAR, "S1")]


def test_the_administrator_records_the_pk_only_from_its_signed_document(world):
    g, w = world()
    with pytest.raises(Forbidden):
        g.when(ADMIN, RecordPkTargets(agency_code="A", year=YEAR, targets=TARGETS))
    document = {"number": "PK/01/2026", "date": date(YEAR, 1, 5), "signed_by": "Kepala Dinas A"}
    _, events = g.when(ADMIN, RecordPkTargets(agency_code="A", year=YEAR, targets=TARGETS, document=document))
    assert events[0].decision["capacity"] == {"kind": "ADMIN"}
    assert "PK PK/01/2026" in events[0].decision["legal_basis"]
    with pytest.raises(Forbidden):  # not for anyone else
        g.when(
            as_(w.a.unit_head),
            RecordPkTargets(agency_code="B", year=YEAR, targets=TARGETS, document=document),
        )
    with pytest.raises(InvalidInput) as e:
        g.when(as_(w.a.unit_head), RecordPkTargets(agency_code="A.U1", year=YEAR, targets=TARGETS))
    assert e.value.code == "NOT_AN_AGENCY"


def test_items_rest_on_the_budget_activity_until_the_pk_is_fixed_then_on_its_targets(world):
    g, w = world()
    head = as_(w.a.unit_head)
    with pytest.raises(InvalidInput) as e:
        g.when(head, FixWorkPlan(unit_code="A.U1", year=YEAR, items=[item()]))
    assert (e.value.code, e.value.details["case"]) == ("PLAN_ITEM_BASIS_REQUIRED", "budget_activity")
    assert e.value.legal_basis == ["kab-serang-2024 Lampiran B (paragraf kelima)"]
    _, events = g.when(
        head, FixWorkPlan(unit_code="A.U1", year=YEAR, items=[item(budget_activity="1.02.02")])
    )
    assert names(events) == ["WorkPlan.Fixed"] and events[0].items[0]["code"] == "K1"
    assert events[0].late is False and events[0].deadline is None
    g.given(as_(w.a.agency_head), RecordPkTargets(agency_code="A", year=YEAR + 1, targets=TARGETS))
    with pytest.raises(InvalidInput) as e:
        g.when(head, FixWorkPlan(unit_code="A.U1", year=YEAR + 1, items=[item(budget_activity="1.02.02")]))
    assert e.value.details["case"] == "pk_target"
    with pytest.raises(InvalidInput) as e:
        g.when(
            head,
            FixWorkPlan(
                unit_code="A.U1", year=YEAR + 1, items=[item(pk_target_id=pk_target_id("B", YEAR, "S1"))]
            ),
        )
    assert e.value.code == "PK_TARGET_NOT_IN_PK"
    _, events = g.when(
        head,
        FixWorkPlan(
            unit_code="A.U1", year=YEAR + 1, items=[item(pk_target_id=pk_target_id("A", YEAR + 1, "S1"))]
        ),
    )
    assert events[0].items[0]["pk_target_code"] == "S1"


def test_only_the_unit_head_fixes_once_and_amends_with_a_reason(world):
    g, w = world()
    with pytest.raises(Forbidden) as e:
        g.when(
            as_(w.a.agency_head), FixWorkPlan(unit_code="A.U1", year=YEAR, items=[item(budget_activity="X")])
        )
    assert e.value.code == "NOT_YOUR_STEP"
    plan_id = g.given(
        as_(w.a.unit_head), FixWorkPlan(unit_code="A.U1", year=YEAR, items=[item(budget_activity="X")])
    )[0].result
    with pytest.raises(Conflict):
        g.when(
            as_(w.a.unit_head), FixWorkPlan(unit_code="A.U1", year=YEAR, items=[item(budget_activity="X")])
        )
    from domain.work_plan import plan_item_id

    first = plan_item_id("A.U1", YEAR, "K1")
    with pytest.raises(InvalidInput) as e:
        g.when(
            as_(w.a.unit_head),
            AmendWorkPlan(plan_id=plan_id, reason="Sama", items=[item(budget_activity="X", id=first)]),
        )
    assert e.value.code == "WORK_PLAN_UNCHANGED"
    _, events = g.when(
        as_(w.a.unit_head),
        AmendWorkPlan(
            plan_id=plan_id, reason="Kegiatan berubah", items=[item(budget_activity="Y", code="K2")]
        ),
    )
    amended = events[0]
    assert names(events) == ["WorkPlan.Amended"] and amended.withdrawn == [first]
    assert amended.decision["reason"] == "Kegiatan berubah"
    assert (
        amended.decision["legal_basis"]
        == "kab-serang-2024 Lampiran C (Tanggung jawab Pimpinan Unit Organisasi huruf a)"
    )


def test_kota_serang_pasal_7_ayat_1_a_plan_fixed_after_december_is_marked_late(world):
    g, w = world("kota-serang-2023")
    head = as_(w.a.unit_head)
    _, events = g.when(
        head, FixWorkPlan(unit_code="A.U1", year=YEAR, items=[item(budget_activity="X")], on=date(YEAR, 1, 5))
    )
    assert events[0].late is True and events[0].deadline == f"{YEAR - 1}-12-31"
    assert (
        events[0].decision["legal_basis"]
        == "kota-serang-2023 Pasal 7 ayat (1); kota-serang-2023 Pasal 7 ayat (1)"
    )
    _, events = g.when(
        head,
        FixWorkPlan(
            unit_code="A.U1", year=YEAR + 1, items=[item(budget_activity="X")], on=date(YEAR, 12, 31)
        ),
    )
    assert events[0].late is False


def _request(w, **extra) -> RequestAssignment:
    fields = dict(
        mode="APPOINTMENT",
        scope="WITHIN_UNIT",
        owning_unit_code="A.U1",
        work="Peta stunting",
        period_start=date(YEAR, 2, 1),
        period_end=date(YEAR, 3, 31),
        official_nips=[w.official],
        request_letter={"purpose": "Peta", "competencies": "Data", "expected_target": "Peta"},
    )
    return RequestAssignment(**{**fields, **extra})


def test_a_request_and_a_team_name_an_item_of_the_owning_units_plan(world):
    g, w = world()
    g.given(as_(w.a.unit_head), FixWorkPlan(unit_code="A.U1", year=YEAR, items=[item(budget_activity="X")]))
    from domain.work_plan import plan_item_id

    mine = plan_item_id("A.U1", YEAR, "K1")
    _, events = g.when(as_(w.a.unit_head), _request(w, plan_item_id=mine))
    assert events[0].plan_item_id == mine
    assert events[0].decision["plan_basis"] == "kab-serang-2024 Lampiran B (paragraf ketiga dan kelima)"
    for wrong in (plan_item_id("A.U2", YEAR, "K1"), plan_item_id("A.U1", YEAR + 1, "K1")):
        with pytest.raises(InvalidInput) as e:
            g.when(as_(w.a.unit_head), _request(w, plan_item_id=wrong))
        assert e.value.code == "PLAN_ITEM_NOT_IN_UNIT_PLAN"
    _, events = g.when(as_(w.a.unit_head), _request(w))  # optional (work_plan.link.required: false)
    assert events[0].plan_item_id is None
    team = FormTeam(
        owning_unit="A.U1",
        scope="WITHIN_UNIT",
        name="Tim Stunting",
        tasks=["Peta"],
        targets=[{"description": "Peta", "measure": "1"}],
        period_start=date(YEAR, 1, 1),
        period_end=date(YEAR, 12, 31),
        plan_item_id=mine,
    )
    _, events = g.when(as_(w.a.agency_head), team)
    assert events[0].plan_item_id == mine


def test_the_unit_heads_delegate_fixes_the_plan_in_his_place(world):
    from application.commands.organisation import GrantDelegation

    g, w = world()
    g.given(
        as_(w.a.unit_head),
        GrantDelegation(
            grantor_nip=w.a.unit_head,
            delegate_nip=w.a.subunit_head,
            valid_from=date.today(),
            valid_until=date(YEAR, 12, 31),
        ),
    )
    _, events = g.when(
        as_(w.a.subunit_head), FixWorkPlan(unit_code="A.U1", year=YEAR, items=[item(budget_activity="X")])
    )
    capacity = events[0].decision["capacity"]
    assert (capacity["kind"], capacity["delegated_by"]) == ("DELEGATION", w.a.unit_head)


def test_bad_input_is_a_typed_error_and_nothing_is_recorded(world):
    g, w = world()
    head = as_(w.a.unit_head)
    before = g.app.recorder.max_notification_id()
    bad = [
        FixWorkPlan(unit_code="A.U1", year=YEAR + 5, items=[item(budget_activity="X")]),
        FixWorkPlan(unit_code="A.U1", year=YEAR, items=[]),
        FixWorkPlan(
            unit_code="A.U1",
            year=YEAR,
            items=[item(budget_activity="X", code="K1"), item(budget_activity="Y", code="k1")],
        ),
        FixWorkPlan(unit_code="A.U1", year=YEAR, items=[item(budget_activity="X", description=" ")]),
        FixWorkPlan(unit_code="A.U1", year=YEAR, items=[item(pk_target_id=pk_target_id("A", YEAR, "S1"))]),
    ]
    codes = []
    for command in bad:
        with pytest.raises(InvalidInput) as e:
            g.when(head, command)
        codes.append(e.value.code)
    assert codes == ["INVALID_PLAN_YEAR", "REQUIRED", "DUPLICATE_CODE", "REQUIRED", "PK_NOT_FIXED"]
    assert g.app.recorder.max_notification_id() == before


def test_where_a_tenant_makes_the_link_compulsory_a_request_without_it_is_refused(given):
    from application.sistemkerja import SistemKerja
    from domain.profile import load_profile

    base = load_profile("kota-serang-2023")
    rules = base.work_plan.model_copy(
        update={"link": base.work_plan.link.model_copy(update={"required": True})}
    )
    app = SistemKerja(
        base.model_copy(update={"work_plan": rules}), env={"PERSISTENCE_MODULE": "eventsourcing.popo"}
    )
    try:
        w = build_world(app, ADMIN)
        with pytest.raises(InvalidInput) as e:
            app.handle(as_(w.a.unit_head), _request(w))
        assert e.value.code == "PLAN_ITEM_REQUIRED"
        assert e.value.legal_basis == [
            "kota-serang-2023 Pasal 8 ayat (1); Pasal 8 ayat (7); Pasal 13 ayat (3)"
        ]
    finally:
        app.close()
