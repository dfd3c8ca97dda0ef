"""A transformation-management team (tim transformasi manajemen): a government-wide team that
steers the adoption of the work system, fixed by the regional head's decree, its members each
with the role the profile's teams.transformation_team lists. Recorded by the administrator from
that decree; a later decree is recorded as another team (the query lists them, newest first)."""

from typing import Any
from uuid import uuid4

from eventsourcing.domain import Aggregate, event


class TransformationTeam(Aggregate):
    @staticmethod
    def create_id(**_: Any):
        return uuid4()

    @event("Fixed")
    def __init__(self, name: str, decree: dict, members: list[dict], decision: dict):
        self.name = name
        self.decree = decree  # {number, date, signed_by}
        self.members = members  # [{nip, name, role}]
