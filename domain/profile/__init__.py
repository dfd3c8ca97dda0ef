"""Regulation profiles: each government's Peraturan Bupati/Wali Kota as validated data.

A profile is the one place where the five regulations differ (domain.md section 4). Every rule
carries the article it comes from; where the text is ambiguous the profile says which reading it
chose in a `note`. A sixth government is added by writing its YAML file, not code.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from importlib import resources
from typing import Annotated

import yaml
from pydantic import StringConstraints, ValidationError, model_validator

from domain.errors import InvalidInput, NotFound
from domain.profile.assignment import (  # noqa: F401 - re-exported
    COPY_ONLY_ROLES,
    LETTER_ACTIONS,
    OPENING_ACTIONS,
    REPORTING_ONLY_ROLES,
    Action,
    AssignmentRules,
    CitedValues,
    DirectTasking,
    Letter,
    Mode,
    Refusal,
    Role,
    Route,
    Scope,
    Step,
)
from domain.profile.common import (  # noqa: F401 - re-exported
    DEFAULT_LETTER_NUMBER_TEMPLATE,
    LETTER_NUMBER_FIELDS,
    AppraiserScope,
    Citation,
    InForce,
    ReportingPeriod,
    Text,
    TimeZone,
    _Model,
)
from domain.profile.performance import (  # noqa: F401 - re-exported
    PERFORMANCE_ROLES,
    CitedRoles,
    Dialogue,
    Duty,
    Feedback,
    Performance,
    TenantPeriod,
)
from domain.profile.performance_plan import (  # noqa: F401 - re-exported
    Deadline,
    ItemBasis,
    PlanLink,
    WorkPlanRules,
)
from domain.profile.placement import (  # noqa: F401 - re-exported
    Placement,
    PlacementDefault,
    PlacementRule,
    PlacementWhen,
)
from domain.profile.rules import CommonRule, CommonRules  # noqa: F401 - re-exported
from domain.profile.teams import (  # noqa: F401 - re-exported
    Cited,
    CitedFlag,
    CitedRole,
    Coordinator,
    DecisionContent,
    DecisionContents,
    Eligibility,
    ScopeRole,
    Teams,
    _first_admitting,
)
from domain.profile.work import (  # noqa: F401 - re-exported
    Escalation,
    Evaluation,
    EvaluationChain,
    EvaluationLevel,
    Reporting,
    ReportLine,
    SeveralUnits,
)


class Profile(_Model):
    id: Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
    government: Text
    regulation: Text
    seed_file: Text
    in_force: InForce
    letter_number_template: Text = DEFAULT_LETTER_NUMBER_TEMPLATE
    # No text prescribes a numbering format: the note says whose format the template is.
    letter_number_template_note: Text | None = None
    reporting_period: ReportingPeriod
    # The texts only say "secara berkala"; the citation and note say where the choice comes from.
    reporting_period_citation: Citation | None = None
    reporting_period_note: Text | None = None
    # The government's local time (Indonesia: WIB UTC+7, WITA UTC+8, WIT UTC+9, no summer time):
    # the audit report's days and times. No Sistem Kerja text sets it; the note says where it comes from.
    time_zone: TimeZone
    time_zone_note: Text | None = None
    common: CommonRules
    placement: Placement
    assignment: AssignmentRules
    teams: Teams
    reporting: Reporting
    escalation: Escalation
    evaluation: Evaluation
    performance: Performance
    work_plan: WorkPlanRules  # the PK, the unit's annual plan, and what work is linked to

    def in_force_on(self, day: date) -> bool:
        """Whether the regulation had taken effect on `day`."""
        return day >= self.in_force.since

    @model_validator(mode="after")
    def _acceptance_rule_where_accepted(self) -> Profile:
        steps = (step for route in self.assignment.routes for step in route.steps)
        accepting = any(step.action is Action.ACCEPT for step in steps)
        if accepting and self.common.acceptance_is_a_duty is None:
            raise ValueError("a route has an ACCEPT step: common.acceptance_is_a_duty must cite the article")
        return self

    @model_validator(mode="after")
    def _teams_cover_scopes(self) -> Profile:
        formed = {f.scope for f in self.teams.formed_by}
        allowed = set(self.assignment.scopes_allowed.values)
        if formed != allowed:
            raise ValueError(
                "teams.formed_by must name who fixes a team for exactly the allowed scopes "
                f"{sorted(s.value for s in allowed)}; it names {sorted(s.value for s in formed)}"
            )
        return self

    @model_validator(mode="after")
    def _template_fields(self) -> Profile:
        fields = set(re.findall(r"{([^{}]*)}", self.letter_number_template))
        unknown = fields - LETTER_NUMBER_FIELDS
        if unknown:
            raise ValueError(
                f"letter_number_template uses unknown field(s) {sorted(unknown)}; "
                f"allowed: {sorted(LETTER_NUMBER_FIELDS)}"
            )
        if "seq" not in fields:
            raise ValueError("letter_number_template must contain {seq}")
        return self


def cite(profile: Profile, article: str) -> str:
    """The legal-basis string stored on events: the profile id, then the article as the profile
    writes it (e.g. a route's `citation`)."""
    return f"{profile.id} {article}"


def _profile_files():
    return resources.files("domain").joinpath("profiles")


def list_profiles() -> list[str]:
    """Ids of the packaged profiles, sorted."""
    return sorted(
        f.name.removesuffix(".yaml") for f in _profile_files().iterdir() if f.name.endswith(".yaml")
    )


def parse_profile(data: dict) -> Profile:
    """Validate a profile given as data (e.g. a sixth government's file)."""
    if not isinstance(data, dict):
        raise InvalidInput("PROFILE_INVALID", case="not_mapping", given=type(data).__name__)
    try:
        return Profile.model_validate(data)
    except ValidationError as e:
        which = data.get("id", "(no id)")
        errors = [
            {
                "field": ".".join(str(p) for p in err["loc"]) or "(profile)",
                "problem": err["msg"].removeprefix("Value error, ")
                + (f" (got {err['input']!r})" if isinstance(err.get("input"), str | int) else ""),
            }
            for err in e.errors()
        ]
        listing = "; ".join(f"{err['field']}: {err['problem']}" for err in errors)
        raise InvalidInput(
            "PROFILE_INVALID", profile_id=which, errors=errors, count=len(errors), listing=listing
        ) from None


def parse_profile_yaml(text: str) -> Profile:
    """Parse and validate a profile written as YAML."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as e:
        raise InvalidInput("PROFILE_INVALID", case="not_yaml", problem=str(e)) from None
    return parse_profile(data)


@lru_cache(maxsize=None)
def load_profile(profile_id: str) -> Profile:
    """The packaged profile with this id, e.g. 'kab-serang-2024'."""
    known = list_profiles()
    if profile_id not in known:
        raise NotFound("PROFILE_NOT_FOUND", profile_id=profile_id, known=known)
    text = _profile_files().joinpath(f"{profile_id}.yaml").read_text(encoding="utf-8")
    profile = parse_profile_yaml(text)
    if profile.id != profile_id:
        raise InvalidInput("PROFILE_INVALID", case="id_mismatch", profile_id=profile_id, declared=profile.id)
    return profile
