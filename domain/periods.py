"""Reporting periods: each tenant reports monthly (2024-03) or quarterly (2024-TW1 .. TW4)."""

import re
from datetime import date, timedelta

from domain.errors import InvalidInput
from domain.profile import Profile, ReportingPeriod

_MONTHLY = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
_QUARTERLY = re.compile(r"^(\d{4})-TW([1-4])$")


def period(profile: Profile, value: str) -> str:
    text = (value or "").strip().upper()
    monthly = profile.reporting_period is ReportingPeriod.MONTHLY
    if (_MONTHLY if monthly else _QUARTERLY).match(text):
        return text
    example = "2024-03" if monthly else "2024-TW1 (triwulan I-IV)"
    raise InvalidInput(
        "INVALID_PERIOD",
        field="period",
        value=value,
        example=example,
        period_kind=profile.reporting_period.value.lower(),
    )


def bounds(label: str) -> tuple[date, date]:
    """First and last day of a period label."""
    if m := _MONTHLY.match(label):
        year, month = int(m[1]), int(m[2])
        first, months = date(year, month, 1), 1
    else:
        m = _QUARTERLY.match(label)
        if m is None:  # labels come from `period`, which admits only these two forms
            raise ValueError(f"not a period label: {label!r}")
        year, quarter = int(m[1]), int(m[2])
        first, months = date(year, 3 * quarter - 2, 1), 3
    end_month = first.month + months
    after = date(year + (end_month - 1) // 12, (end_month - 1) % 12 + 1, 1)
    return first, after - timedelta(days=1)
