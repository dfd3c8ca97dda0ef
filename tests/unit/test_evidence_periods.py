"""Evidence periods: a year, or one of the tenant's reporting periods; anything else is a typed
refusal (INVALID_PERIOD)."""

from datetime import date

import pytest

from domain.errors import InvalidInput
from domain.profile import load_profile
from projections.evidence.periods import span


def test_a_year_covers_the_tenants_reporting_periods():
    s = span(load_profile("pemalang-2023"), " 2025 ")
    assert (s.label, s.first, s.last, s.year) == ("2025", date(2025, 1, 1), date(2025, 12, 31), 2025)
    assert s.periods[0] == "2025-01" and s.periods[-1] == "2025-12" and len(s.periods) == 12


def test_a_reporting_period_is_its_own_span():
    s = span(load_profile("kab-serang-2024"), "2026-02")
    assert (s.first, s.last, s.periods) == (date(2026, 2, 1), date(2026, 2, 28), ("2026-02",))


@pytest.mark.parametrize("bad", ["", "2025-13", "2025-TW1", "tahun 2025", "0999", "2025-3"])
def test_anything_else_is_invalid_period(bad):
    with pytest.raises(InvalidInput) as refused:
        span(load_profile("kab-serang-2024"), bad)
    assert refused.value.code == "INVALID_PERIOD"
