"""The performance half of the Sistem Kerja (pengelolaan kinerja): the performance dialogue and
its agreed expectations, the leader's and members' plans, and periodic feedback.

Who takes each step is a list of roles ("dan/atau": any one of them), relative to the work as
for reports (TEAM_LEADER, OWNING_UNIT_HEAD, OFFICIAL_APPRAISER, ...). Periods no text fixes
("secara berkala") are the tenant's setting: `days` with a note saying so.
"""

from __future__ import annotations

from pydantic import Field, model_validator

from domain.profile.assignment import Role
from domain.profile.common import Citation, Text, _Model

# Roles a dialogue counterpart or feedback giver may hold: people who stand over the work.
PERFORMANCE_ROLES = frozenset(
    {
        Role.TEAM_LEADER,
        Role.OWNING_UNIT_HEAD,
        Role.OWNING_AGENCY_HEAD,
        Role.OFFICIAL_APPRAISER,
        Role.OFFICIAL_UNIT_HEAD,
    }
)


class CitedRoles(_Model):
    """Any one of `roles` takes the step."""

    roles: tuple[Role, ...]
    citation: Citation
    note: Text | None = None

    @model_validator(mode="after")
    def _known_roles(self) -> CitedRoles:
        if not self.roles:
            raise ValueError("roles must name at least one role")
        bad = sorted(r.value for r in self.roles if r not in PERFORMANCE_ROLES)
        if bad:
            raise ValueError(f"roles {bad} do not stand over the work")
        return self


class Duty(_Model):
    citation: Citation
    note: Text | None = None


class TenantPeriod(_Model):
    """A period no text fixes: the tenant's setting, and the note must say so."""

    days: int = Field(gt=0, le=366)
    note: Text
    citation: Citation | None = None


class Dialogue(_Model):
    # Whether a fixed assignment without an agreed dialogue shows as pending.
    compulsory: bool
    citation: Citation
    note: Text | None = None
    # Who records the dialogue's outcome with the official: on individual work, on team work.
    individual_with: CitedRoles
    team_with: CitedRoles
    # The official's agreement to what was recorded ("menyepakati").
    agreed_by_official: Duty
    # After how many days from the letter (or joining the team) a missing dialogue is pending.
    due: TenantPeriod


class Feedback(_Model):
    """Who gives feedback to whom ("dan/atau": feedback from any of them meets the period)."""

    on_individual: CitedRoles
    on_team: CitedRoles
    period: TenantPeriod


class Performance(_Model):
    dialogue: Dialogue
    work_breakdown: Duty  # the leader's rincian pelaksanaan kegiatan
    individual_plan: Duty  # each member's rencana kerja individu
    feedback: Feedback
