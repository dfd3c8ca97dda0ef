"""The cross-tenant relay (docs/adr/0010-native-cross-tenant-routes.md).

Outbox: each tenant's own event store. A step of a native route is committed with the decision
that takes it, so nothing can be lost between them. The relay reads each tenant's assignment
events after its cursor (kept in the registry's database, not in memory), picks those of native
routes taken on that tenant's side, and hands each to the other tenant as a command.

Inbox: the receiver's idempotency keys (application.idempotency). The command carries the key
`crossing:<sender>:<position>`, saved in the transaction that records the step, so a delivery
repeated after a crash (delivered, cursor not yet moved) answers the first outcome and records
nothing; so the cursor moves once a batch, not once an event. A delivery the receiver refuses
stops that sender's relay at that event (retried every round, logged): later events of the same
request could not be recorded before it anyway.
"""

from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING, Any

from eventsourcing.utils import get_topic

from application.commands.crossing import MirrorStep, OpenCrossing
from application.handlers.crossing import MIRRORED
from application.pipeline import Command
from application.principal import Principal
from domain.assignment import Assignment
from infra.audit.store import reading

if TYPE_CHECKING:
    from infra.tenancy.registry import Tenant
    from infra.tenancy.tenants import Tenants

log = logging.getLogger("sistemkerja.crossing")
CROSSING_ROLE = "crossing"  # the relay's principal: the sender's official, delivered by the platform
STEPS = (
    Assignment.StepApproved,
    Assignment.OfficialsNamed,
    Assignment.LetterIssued,
    Assignment.Accepted,
    Assignment.StepRejected,
    Assignment.Withdrawn,
)
TOPICS = [get_topic(cls) for cls in (Assignment.Requested, *STEPS)]
STEP_FIELDS = ("step", "role", "action", "officials", "number", "issued_on", "copies", "nip")
BATCH = 200


class Undeliverable(Exception):
    """The receiver refused or could not take an event: the sender's relay waits at it."""


class Relay:
    """`built_only`: relay from the tenants this process has built (the server's relay: it builds
    no tenant only to read its outbox; a tenant's steps are taken where it is served). The command
    `sistemkerja crossing relay` reads every active tenant."""

    def __init__(
        self,
        tenants: Tenants,
        batch: int = BATCH,
        *,
        built_only: bool = False,
        only: set[str] | None = None,
    ):
        self.tenants, self.batch, self.built_only, self.only = tenants, batch, built_only, only

    def once(self) -> int:
        """One round over the active tenants; the number of events delivered."""
        delivered = 0
        built = {served.tenant for served in self.tenants.served()}
        for tenant in self.tenants.registry.list():
            if not tenant.active or (self.built_only and tenant.id not in built):
                continue
            if self.only is not None and tenant.id not in self.only:
                continue
            try:
                delivered += self.relay_from(tenant)
            except Exception as error:  # noqa: BLE001 - one tenant's trouble does not stop the others
                log.error("cross-tenant relay from %s waits: %s", tenant.id, error)
        return delivered

    def relay_from(self, tenant: Tenant) -> int:
        registry = self.tenants.registry
        app = self.tenants.system(tenant.id).app
        after = cursor = registry.crossing_cursor(tenant.id)
        delivered = 0
        while True:
            notifications = app.recorder.select_notifications(
                start=after, limit=self.batch, topics=TOPICS, inclusive_of_start=False
            )
            try:
                for notification in notifications:
                    outgoing = self.outgoing(tenant, app, notification)
                    if outgoing is not None:
                        self.deliver(*outgoing)
                        delivered += 1
                    after = notification.id
            finally:  # once a batch (or up to a refusal): what is re-read is answered from the inbox
                if notifications and after != cursor:
                    registry.move_crossing_cursor(tenant.id, after)
                    cursor = after
            if len(notifications) < self.batch:
                return delivered

    def outgoing(self, tenant: Tenant, app: Any, notification: Any) -> tuple[str, Principal, Command] | None:
        """The receiving tenant, the principal and the command for one event of the sender's log;
        None for events of routes with no other tenant, or recorded here from the other tenant."""
        event = app.mapper.to_domain_event(notification)
        decision = event.decision
        if decision["capacity"]["kind"] == "OTHER_TENANT":  # came from there: never echoed back
            return None
        if isinstance(event, Assignment.Requested):
            counterpart = event.counterpart or {}
        else:
            counterpart = app.repo.assignment(str(event.originator_id)).counterpart or {}
        receiver = counterpart.get("tenant")
        if not receiver:
            return None
        sender = {
            "tenant": tenant.id,
            "government": tenant.government,
            **chain_reference(app, notification.id),
        }
        key = f"crossing:{tenant.id}:{notification.id}"
        command: Command
        if isinstance(event, Assignment.Requested):
            requested = {
                k: getattr(event, k) for k in (*MIRRORED, "counterpart", "owning_unit", "official_unit")
            }
            command = OpenCrossing(
                sender=sender,
                assignment_id=str(event.originator_id),
                requested=requested,
                decision=decision,
                idempotency_key=key,
            )
        else:
            command = MirrorStep(
                sender=sender,
                assignment_id=str(event.originator_id),
                event=type(event).__name__,
                fields={k: getattr(event, k) for k in STEP_FIELDS if hasattr(event, k)},
                decision=decision,
                idempotency_key=key,
            )
        actor = Principal(nip=decision["actor_nip"], roles=frozenset({CROSSING_ROLE}), tenant=receiver)
        return receiver, actor, command

    def deliver(self, receiver: str, actor: Principal, command: Command) -> None:
        try:
            self.tenants.system(receiver).app.handle(actor, command)
        except Exception as error:  # noqa: BLE001 - any refusal: wait at this event, retry next round
            raise Undeliverable(f"{type(command).__name__} to {receiver}: {error}") from error


def chain_reference(app: Any, position: int) -> dict:
    """The event's place in its tenant's hash chain: chain position (seq) and hash (hex)."""
    with reading(app.recorder) as tables:
        row = tables.chain_of_event(position)
    assert row is not None, "the chain row is written in the event's own transaction"
    return {"position": row.seq, "hash": row.hash.hex()}


class RelayThread:
    """The relay in the server process, next to the tenants' follower: one round every interval."""

    def __init__(self, relay: Relay, interval: float):
        self.relay, self.interval = relay, interval
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        if self._thread is not None and self._thread.is_alive():
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="crossing-relay", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self.relay.once()
            except Exception as error:  # noqa: BLE001 - a database outage: logged, retried
                log.error("cross-tenant relay failed (%s); retrying in %.1f s", error, self.interval)
            self._stop.wait(self.interval)
