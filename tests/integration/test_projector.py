"""The read models are kept exactly once: a replayed position changes nothing, a restart resumes
where the stored position says, two workers never apply the same event twice."""

import threading
from datetime import date

import pytest

from application.commands.organisation import GrantDelegation, PlaceOfficial
from infra.bootstrap import all_views, build
from projections.engine.projector import Projector, _Stale
from projections.organisation.queries import OrganisationQueries
from tests.support import build_agency, register


def _dump(store) -> dict[str, list]:
    tables = ("units", "officials", "placement_history", "delegations")
    return {t: store.query(f"SELECT * FROM {t} ORDER BY 1, 2") for t in tables}


def test_a_stale_worker_replaying_an_old_position_changes_nothing(system, admin):
    agency = build_agency(system.app, admin)
    before = _dump(system.store)
    stale = Projector(system.app, system.store, all_views())  # believes it is at position 0
    stale._position = 0
    notifications = system.app.recorder.select_notifications(start=1, limit=5)
    with pytest.raises(_Stale):  # another worker was first: nothing of the batch is applied
        stale._apply(notifications)
    assert _dump(system.store) == before
    assert OrganisationQueries(system.store).unit(agency.unit)["head_nip"] == agency.unit_head


def test_a_restarted_system_resumes_from_the_stored_position(settings, admin):
    first = build(settings)
    agency = build_agency(first.app, admin)
    first.app.after_save.clear()  # the views stop following: events are stored but not projected
    staff = register(first.app, admin, position_type="PELAKSANA")
    first.app.handle(
        admin,
        PlaceOfficial(
            nip=staff,
            unit_code=agency.subunit,
            appraiser_nip=agency.agency_head,
            effective_date=date(2024, 3, 1),
        ),
    )
    assert OrganisationQueries(first.store).official(staff) is None
    position = first.projector.stored_position()
    first.close()

    second = build(settings)  # start-up catches up from the stored position
    try:
        assert second.projector.stored_position() == second.app.recorder.max_notification_id() > position
        assert OrganisationQueries(second.store).official(staff)["appraiser_nip"] == agency.agency_head
        assert len(OrganisationQueries(second.store).placement_history(staff)) == 1
    finally:
        second.close()


def test_two_workers_catching_up_at_once_apply_each_event_once(settings, admin):
    writer = build(settings)
    writer.app.after_save.clear()
    build_agency(writer.app, admin)
    for _ in range(20):
        register(writer.app, admin, position_type="PELAKSANA")
    workers = [Projector(writer.app, writer.store, all_views()) for _ in range(2)]
    threads = [threading.Thread(target=w.catch_up, kwargs={"batch": 3}) for w in workers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    try:
        assert writer.projector.stored_position() == writer.app.recorder.max_notification_id()
        assert len(writer.store.query("SELECT nip FROM officials")) == 23
    finally:
        writer.close()


def test_a_rebuilt_read_model_equals_the_incrementally_maintained_one(system, admin):
    agency = build_agency(system.app, admin)
    staff = register(system.app, admin, position_type="FUNGSIONAL", grade="AHLI_PERTAMA")
    system.app.handle(
        admin,
        PlaceOfficial(
            nip=staff,
            unit_code=agency.subunit,
            appraiser_nip=agency.agency_head,
            effective_date=date(2024, 3, 1),
        ),
    )
    system.app.handle(
        admin,
        PlaceOfficial(
            nip=staff, unit_code=agency.unit, appraiser_nip=agency.unit_head, effective_date=date(2024, 9, 1)
        ),
    )
    system.app.handle(
        admin,
        GrantDelegation(
            grantor_nip=agency.unit_head,
            delegate_nip=staff,
            valid_from=date(2024, 6, 1),
            valid_until=date(2024, 6, 30),
        ),
    )
    incremental = _dump(system.store)
    system.projector.rebuild()
    assert _dump(system.store) == incremental
    assert system.projector.stored_position() == system.app.recorder.max_notification_id()


def test_a_worker_left_behind_by_another_resumes_without_applying_twice(settings, admin):
    writer = build(settings)
    writer.app.after_save.clear()
    try:
        build_agency(writer.app, admin)
        first, second = (Projector(writer.app, writer.store, all_views()) for _ in range(2))
        first.catch_up()
        extra = register(writer.app, admin, position_type="PELAKSANA")
        second.catch_up()  # the other worker projects the new events; `first` still believes its old position
        newest = writer.app.recorder.max_notification_id()
        assert first.catch_up(up_to=newest) == newest
        assert len(writer.store.query("SELECT nip FROM officials WHERE nip = :nip", {"nip": extra})) == 1
        assert writer.projector.stored_position() == newest
    finally:
        writer.close()
