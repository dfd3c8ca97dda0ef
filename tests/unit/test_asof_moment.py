"""The point an as-of question names (api.inspection.asof.moment) and the recorded-axis text it
is compared in (projections.asof.bitemporal.recorded), at the edges of the calendar."""

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from api.inspection.asof import moment
from domain.errors import InvalidInput
from domain.profile.common import TimeZone
from projections.asof.bitemporal import FOREVER, recorded


def test_the_recorded_text_sorts_as_the_instants_do_across_the_calendar():
    instants = [
        datetime(1, 1, 1, tzinfo=timezone(timedelta(hours=5))),  # before year 1 in UTC
        datetime(1, 1, 1, 12, tzinfo=UTC),
        datetime(999, 12, 31, tzinfo=UTC),
        datetime(2024, 6, 30, 23, 59, 59, tzinfo=timezone(timedelta(hours=7))),
        datetime(2024, 6, 30, 17, 0, 0, 1, tzinfo=UTC),
        datetime(2024, 6, 30, 17, 0, 1),  # naive: UTC
        datetime(9999, 12, 31, 23, tzinfo=timezone(timedelta(hours=-5))),  # after 9999 in UTC
    ]
    texts = [recorded(i) for i in instants]
    assert texts == sorted(texts) and len(set(texts)) == len(texts)
    assert {len(t) for t in texts} == {27}
    assert recorded(datetime(2024, 6, 30, 23, 59, 59, tzinfo=timezone(timedelta(hours=7)))) == (
        "2024-06-30T16:59:59.000000Z"
    )


WIB = TimeZone.WIB


def test_the_axes_a_question_names():
    at = datetime(2025, 3, 1, 1, tzinfo=timezone(timedelta(hours=7)))
    only_recorded = moment(None, at, None, WIB)
    assert (only_recorded.at, only_recorded.on, only_recorded.validity_day) == (
        "2025-02-28T18:00:00.000000Z",
        FOREVER,
        "2025-03-01",  # the day in the government's zone, whose calendar a delegation's period is in
    )
    assert moment(at, None, None, WIB) == only_recorded  # asOf: recordedAt's former name
    both = moment(None, at, date(2024, 6, 30), WIB)
    assert (both.on, both.validity_day) == ("2024-06-30", "2024-06-30")
    assert moment(None, None, date(2024, 6, 30), WIB).at > only_recorded.at  # as recorded now


@pytest.mark.parametrize(
    ("instant", "zone", "day"),
    [
        (datetime(2025, 3, 31, 16, 59, 59, tzinfo=UTC), TimeZone.WIB, "2025-03-31"),
        (datetime(2025, 3, 31, 17, 0, 0, tzinfo=UTC), TimeZone.WIB, "2025-04-01"),
        (datetime(2025, 3, 31, 16, 0, 0, tzinfo=UTC), TimeZone.WITA, "2025-04-01"),
        (datetime(2025, 3, 31, 14, 59, 59, tzinfo=UTC), TimeZone.WIT, "2025-03-31"),
        (datetime(2025, 3, 31, 15, 0, 0, tzinfo=UTC), TimeZone.WIT, "2025-04-01"),
        (datetime(9999, 12, 31, 23, tzinfo=UTC), TimeZone.WIT, "9999-12-31"),  # the calendar's end
    ],
)
def test_a_delegation_s_period_is_judged_on_the_local_day_of_the_instant(instant, zone, day):
    assert moment(None, instant, None, zone).validity_day == day


@pytest.mark.parametrize(
    ("as_of", "recorded_at", "code"),
    [(None, None, "AS_OF_INSTANT_REQUIRED"), (datetime(2025, 1, 1), datetime(2025, 1, 1), "AS_OF_TWICE")],
)
def test_no_moment_or_two_is_refused(as_of, recorded_at, code):
    with pytest.raises(InvalidInput) as refused:
        moment(as_of, recorded_at, None, WIB)
    assert refused.value.code == code
