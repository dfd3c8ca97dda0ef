"""Read-model rows keep dates and instants as ISO text; the GraphQL types expose them as `Date`
and `DateTime` (issue 9 part 5), converted here once."""

from datetime import date, datetime


def day(value: str | date | None) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(value[:10])


def instant(value: str | datetime | None) -> datetime | None:
    if value is None or isinstance(value, datetime):
        return value
    return datetime.fromisoformat(value)
