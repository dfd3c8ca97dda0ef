"""The state of the read models, for the administrator: events a view could not apply
(projections.engine.quarantine). The same facts answer `GET /ready` (api.app)."""

from datetime import datetime
from typing import Any

import strawberry
from strawberry.types import Info

from api.context import blocking, context
from api.permissions import Administrator, Requires
from api.scalars import instant
from application.checks import require_admin
from projections.engine import quarantine
from projections.engine.store import ViewStore


@strawberry.type(
    description="An event a read model could not apply: recorded, but not yet visible in that "
    "view. A fixed release re-applies it (at start-up, or `sistemkerja projections retry`)."
)
class QuarantinedEvent:
    view: str = strawberry.field(description="The read model that could not apply it.")
    position: int = strawberry.field(description="Its position (notification id) in the event store.")
    originator_id: strawberry.ID = strawberry.field(description="The record (aggregate) it belongs to.")
    topic: str
    error: str = strawberry.field(
        description="Why it could not be applied (or that an earlier event of the "
        "same record is quarantined, so it is held back)."
    )
    quarantined_at: datetime


def readiness(store: ViewStore) -> tuple[bool, dict[str, Any]]:
    """Ready when no event waits in quarantine; else the count and positions, for /ready."""
    entries = quarantine.listing(store)
    if not entries:
        return True, {"status": "ready"}
    positions = sorted({entry.position for entry in entries})
    return False, {
        "status": "degraded",
        "reason": "quarantined events",
        "quarantined": len(positions),
        "positions": positions[:100],
        "views": sorted({entry.view for entry in entries}),
    }


@strawberry.type
class ReadModelQuery:
    @strawberry.field(
        description="Events a read model could not apply, oldest first (administrator only).",
        extensions=[Requires(Administrator())],
    )
    async def quarantined_events(self, info: Info) -> list[QuarantinedEvent]:
        ctx = context(info)
        require_admin(ctx.principal, "see_quarantine")
        entries = await blocking(quarantine.listing, ctx.store)
        return [
            QuarantinedEvent(
                view=e.view,
                position=e.position,
                originator_id=e.originator_id,
                topic=e.topic,
                error=e.error,
                quarantined_at=instant(e.quarantined_at),
            )
            for e in entries
        ]
