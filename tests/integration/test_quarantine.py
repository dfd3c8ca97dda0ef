"""One event a read model cannot apply never stops the projector: it is quarantined (kept,
reported with its position and error), the other views and later events go on, the command that
produced it answers RECORDED_NOT_YET_VISIBLE, and a fixed release re-applies it."""

from datetime import date

import psycopg
import pytest

from application.commands.organisation import AppointHead, EstablishUnit, PlaceOfficial
from application.visibility import RecordedNotYetVisible
from infra.bootstrap import all_views, build
from projections.engine import quarantine
from projections.engine.rebuild import replay_groups
from projections.organisation.queries import OrganisationQueries
from tests.faulty_view import POISON, FaultyView, faulty_views  # noqa: F401 - a fixture
from tests.support import build_agency, register

BASIS = "Perbup SOTK"


def _poison_unit(app, admin, code: str = "RAC") -> int:
    """Establish a unit whose event the faulty view cannot apply; its position."""
    with pytest.raises(RecordedNotYetVisible) as refused:
        app.handle(
            admin,
            EstablishUnit(
                code=code,
                name=f"Dinas {POISON}",
                kind="DINAS",
                head_position="JPT_PRATAMA",
                parent_code=None,
                legal_basis=BASIS,
            ),
        )
    assert refused.value.code == "RECORDED_NOT_YET_VISIBLE"
    assert "belum tampil" in refused.value.message_id
    return refused.value.details["positions"][0]


def _notes(store) -> list[int]:
    return [row["position"] for row in store.query("SELECT position FROM faulty_notes ORDER BY position")]


def test_an_event_a_view_cannot_apply_is_quarantined_and_everything_else_goes_on(
    settings, admin, faulty_views
):
    system = build(settings)
    try:
        agency = build_agency(system.app, admin)
        position = _poison_unit(system.app, admin)

        # Recorded (the event store keeps it), and every other view applied it.
        assert system.app.repo.unit("RAC").name == f"Dinas {POISON}"
        assert OrganisationQueries(system.store).unit("RAC")["name"] == f"Dinas {POISON}"
        [entry] = quarantine.listing(system.store)
        assert (entry.view, entry.position) == ("FaultyView", position)
        assert entry.topic == "domain.organisation:OrganisationUnit.Established"
        assert entry.originator_id == str(system.app.repo.unit("RAC").id)
        assert ("DataError" if system.store.dialect == "postgres" else "IntegrityError") in entry.error

        # Later commands of other records succeed, in every view, and the position moves on.
        staff = register(system.app, admin, position_type="PELAKSANA")
        system.app.handle(
            admin,
            PlaceOfficial(
                nip=staff,
                unit_code=agency.subunit,
                appraiser_nip=agency.agency_head,
                effective_date=date(2024, 3, 1),
            ),
        )
        assert OrganisationQueries(system.store).official(staff)["unit_code"] == agency.subunit
        assert position < max(_notes(system.store)) == system.app.recorder.max_notification_id()
        assert system.projector.stored_position() == system.app.recorder.max_notification_id()
        assert position not in _notes(system.store)
    finally:
        system.close()


def test_later_events_of_a_quarantined_record_are_held_back_and_a_fix_applies_them_in_order(
    settings, admin, faulty_views
):
    system = build(settings)
    try:
        build_agency(system.app, admin)
        first = _poison_unit(system.app, admin)
        head = register(system.app, admin, position_type="JPT_PRATAMA", rank="IV/c")
        with pytest.raises(RecordedNotYetVisible):  # the same record: held back, in its order
            system.app.handle(
                admin,
                AppointHead(
                    unit_code="RAC", nip=head, effective_date=date(2024, 1, 2), legal_basis="SK jabatan"
                ),
            )
        held = quarantine.listing(system.store)
        assert [q.position for q in held][0] == first and len(held) == 2
        assert first < held[1].position <= system.app.recorder.max_notification_id()
        assert held[1].originator_id == held[0].originator_id and "held back" in held[1].error

        assert system.projector.retry_quarantined() == (0, 2)  # not fixed yet: nothing changes
        faulty_views()  # the fixed release
        assert system.projector.retry_quarantined() == (2, 0)
        assert quarantine.listing(system.store) == []
        assert {first, held[1].position} <= set(_notes(system.store))
        assert system.projector.stored_position() == system.app.recorder.max_notification_id()
    finally:
        system.close()


def test_the_system_starts_with_quarantined_events_and_a_fixed_release_reapplies_them(
    settings, admin, faulty_views
):
    first = build(settings)
    build_agency(first.app, admin)
    position = _poison_unit(first.app, admin)
    first.close()

    still_broken = build(settings)  # starts, and still reports the event
    try:
        assert [q.position for q in quarantine.listing(still_broken.store)] == [position]
    finally:
        still_broken.close()

    faulty_views()
    fixed = build(settings, migrate=False)  # a worker of the fixed release, at start-up
    try:
        assert quarantine.listing(fixed.store) == []
        assert position in _notes(fixed.store)
    finally:
        fixed.close()


# On PostgreSQL the faulty view fails in the scratch copy, either in the rebuild's own process
# or (costed to be replayed alone) in a forked helper, whose error comes back to it.
@pytest.mark.parametrize("replayed_by", ["own process", "forked helper"])
def test_a_rebuild_quarantines_instead_of_dying(settings, admin, faulty_views, monkeypatch, replayed_by):
    if replayed_by == "forked helper":
        monkeypatch.setattr(FaultyView, "replay_cost", 100.0, raising=False)
        groups = replay_groups([*all_views(), FaultyView()], workers=2)
        assert [type(view) for view in groups[-1]] == [FaultyView] and len(groups) == 2
    system = build(settings)
    try:
        build_agency(system.app, admin)
        position = _poison_unit(system.app, admin)
        register(system.app, admin, position_type="PELAKSANA")
        last = system.app.recorder.max_notification_id()

        assert system.projector.rebuild(workers=2) == last
        assert [q.position for q in quarantine.listing(system.store)] == [position]
        assert len(_notes(system.store)) == last - 1
        faulty_views()
        assert system.projector.rebuild() == last  # the fast path again: nothing quarantined
        assert quarantine.listing(system.store) == []
        assert len(_notes(system.store)) == last
    finally:
        system.close()


class _LostConnectionOnce:
    """A view whose database connection drops while it applies one command's event: not the
    event's fault. Twice: the attempt in the events' own transaction (ADR 0013), which leaves
    nothing behind, and the catch-up after the commit, which the command reports."""

    tables: list[str] = []
    ddl: list[str] = []

    def __init__(self) -> None:
        self.failures = 2

    def apply(self, cursor, event, notification) -> None:  # noqa: ARG002
        if self.failures:
            self.failures -= 1
            raise psycopg.OperationalError("server closed the connection unexpectedly")


def test_a_database_failure_is_not_quarantined_and_the_events_are_applied_later(system, admin):
    build_agency(system.app, admin)
    before = system.projector.stored_position()
    system.projector.views.append(_LostConnectionOnce())
    with pytest.raises(psycopg.OperationalError):  # the command fails as before (its event is stored)
        register(system.app, admin, position_type="PELAKSANA")
    assert system.projector.stored_position() == before and quarantine.listing(system.store) == []
    staff = register(system.app, admin, position_type="PELAKSANA")  # the next command catches up
    assert system.projector.stored_position() == system.app.recorder.max_notification_id()
    assert OrganisationQueries(system.store).official(staff) is not None
    assert (
        len(system.store.query("SELECT nip FROM officials")) == 3 + 2
        and quarantine.listing(system.store) == []
    )


def test_an_error_quoting_a_nul_is_kept_as_text_every_store_accepts():
    assert quarantine.describe(ValueError("a\x00b")) == "builtins.ValueError: a\\x00b"
