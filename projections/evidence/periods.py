"""An evidence period: a year (2025), or one of the tenant's reporting periods (2025-03 or
2025-TW1), as its first and last day and the reporting periods it covers."""

import re
from dataclasses import dataclass
from datetime import date

from domain.errors import InvalidInput
from domain.periods import bounds
from domain.periods import period as check_period
from domain.profile import Profile, ReportingPeriod

_YEAR = re.compile(r"^(\d{4})$")


@dataclass(frozen=True)
class Span:
    label: str
    first: date
    last: date
    periods: tuple[str, ...]  # the reporting periods inside (the leader's input and reports are per period)

    @property
    def year(self) -> int:
        return self.first.year


def span(profile: Profile, value: str) -> Span:
    text = (value or "").strip().upper()
    if m := _YEAR.match(text):
        year = int(m[1])
        if year < 1900:
            raise InvalidInput(
                "INVALID_PERIOD", field="period", value=value, example="2025", period_kind="year"
            )
        monthly = profile.reporting_period is ReportingPeriod.MONTHLY
        labels = (
            [f"{year}-{n:02d}" for n in range(1, 13)] if monthly else [f"{year}-TW{q}" for q in range(1, 5)]
        )
        return Span(text, date(year, 1, 1), date(year, 12, 31), tuple(labels))
    label = check_period(profile, text)
    first, last = bounds(label)
    return Span(label, first, last, (label,))
