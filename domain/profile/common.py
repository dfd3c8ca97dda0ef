"""What every profile section shares: immutable models, citations, periods."""

from __future__ import annotations

from datetime import date
from enum import Enum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, StringConstraints

# Non-empty after trimming: a rule without an article is not a rule.
Citation = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]

DEFAULT_LETTER_NUMBER_TEMPLATE = "{seq}/ST/{unit}/{roman_month}/{year}"
LETTER_NUMBER_FIELDS = {"seq", "unit", "roman_month", "month", "year"}


class _Model(BaseModel):
    # Profiles are cached and shared: immutable, and unknown keys are typos, not extensions.
    model_config = ConfigDict(frozen=True, extra="forbid")


class ReportingPeriod(str, Enum):
    MONTHLY = "MONTHLY"
    QUARTERLY = "QUARTERLY"  # triwulan I-IV


class TimeZone(str, Enum):
    """Indonesia's three zones (no summer time): WIB UTC+7, WITA UTC+8, WIT UTC+9."""

    WIB = "WIB"
    WITA = "WITA"
    WIT = "WIT"

    @property
    def utc_offset_hours(self) -> int:
        return {"WIB": 7, "WITA": 8, "WIT": 9}[self.value]


class AppraiserScope(str, Enum):
    # The appraiser heads the official's unit or a unit above it in the same agency.
    SAME_UNIT_OR_ANCESTOR = "SAME_UNIT_OR_ANCESTOR"


class InForce(_Model):
    """When the regulation took effect ("mulai berlaku"): a decision that takes effect before it
    does not cite it (Profile.in_force_on)."""

    since: date
    citation: Citation
    note: Text | None = None
