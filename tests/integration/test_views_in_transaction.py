"""The read models written in the transaction that records a command's events (ADR 0013): one
commit, read-your-writes as before, and whenever they cannot be written there (the views lag
behind another process, a view fails) the events are still recorded and projected after the
commit as before (ADR 0005; the failing-view cases are tests/integration/test_quarantine.py)."""

from infra.audit.verify import verify_chain
from infra.bootstrap import build
from projections.organisation.queries import OrganisationQueries
from tests.support import build_agency, register


def _catch_ups_after_commit(system) -> list[int]:
    """Records each batch the projector applies in a transaction of its own."""
    applied: list[int] = []
    real = system.projector._apply

    def counting(notifications):
        applied.append(notifications[-1].id)
        return real(notifications)

    system.projector._apply = counting
    return applied


def test_a_command_writes_its_views_in_its_own_transaction(system, admin):
    build_agency(system.app, admin)
    applied = _catch_ups_after_commit(system)
    staff = register(system.app, admin, position_type="PELAKSANA")
    assert applied == []  # nothing left for a second transaction
    assert OrganisationQueries(system.store).official(staff) is not None  # read-your-writes
    last = system.app.recorder.max_notification_id()
    assert system.projector.stored_position() == last
    assert verify_chain(system.app.recorder, None).ok  # the chain is unchanged by it


def test_views_behind_another_process_are_caught_up_after_the_commit(system, settings, admin):
    build_agency(system.app, admin)
    other = build(settings, migrate=False)  # another process whose views do not follow
    try:
        other.app.after_save.clear()
        elsewhere = register(other.app, admin, position_type="PELAKSANA")
    finally:
        other.close()
    applied = _catch_ups_after_commit(system)
    here = register(system.app, admin, position_type="PELAKSANA")
    # Not in the command's transaction (the views were not at the event before it): after it,
    # both the other process's event and this one's, in order.
    assert applied == [system.app.recorder.max_notification_id()]
    queries = OrganisationQueries(system.store)
    assert queries.official(elsewhere) is not None and queries.official(here) is not None
    assert verify_chain(system.app.recorder, None).ok


def test_a_transaction_that_fails_after_its_views_leaves_nothing_and_the_projector_free(
    system, admin, monkeypatch
):
    build_agency(system.app, admin)
    before = system.projector.stored_position()
    recorder = system.app.recorder
    # Where the chain rows and the views are written: the views are in, then the transaction fails.
    name = "_insert_and_chain" if hasattr(recorder, "_insert_and_chain") else "_insert_events"
    real = getattr(recorder, name)

    def then_fail(*args, **kwargs):
        real(*args, **kwargs)
        raise RuntimeError("the commit failed")

    monkeypatch.setattr(recorder, name, then_fail)
    try:
        register(system.app, admin, position_type="PELAKSANA")
    except RuntimeError:
        pass
    else:
        raise AssertionError("the save should have failed")
    monkeypatch.undo()
    assert not system.projector._lock.locked()  # released although nothing committed
    assert system.projector.stored_position() == before == system.app.recorder.max_notification_id()
    staff = register(system.app, admin, position_type="PELAKSANA")  # and the next command goes on
    assert OrganisationQueries(system.store).official(staff) is not None
