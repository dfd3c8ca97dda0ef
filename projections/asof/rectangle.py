"""On PostgreSQL, a GiST index over each history row's rectangle (ADR 0011), so the whole-government
tree reads the rows in force instead of every row of `unit_history`.

The rule stays `bitemporal.in_force`: text comparisons, one SQL for both stores. The index maps
each bound to a number that sorts as its text does (a recorded instant's 20 digits, an effective
day's 8), and a query asks for the rows whose rectangle holds the point *beside* that rule, so the
index only narrows what the rule then reads. A bound not in that fixed form maps to an open end,
and an interval that ends before it begins to an empty one (the text rule never matches it
either): the expressions cannot raise inside a command's transaction, and never leave out a row
the rule would keep.
"""

import re
from decimal import Decimal
from typing import Any

INSTANT = "[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}[.][0-9]{6}Z"  # bitemporal.recorded
DAY = "[0-9]{4}-[0-9]{2}-[0-9]{2}"  # ISO day


def _number(column: str, form: str, cast: str) -> str:
    return f"CASE WHEN {column} ~ '^{form}$' THEN CAST(translate({column}, '-:.TZ', '') AS {cast}) END"


def _interval(range_type: str, lower: str, upper: str) -> str:
    return f"{range_type}({lower}, CASE WHEN {upper} < {lower} THEN {lower} ELSE {upper} END)"


RECORDED = _interval(
    "numrange", _number("recorded_from", INSTANT, "numeric"), _number("recorded_to", INSTANT, "numeric")
)
EFFECTIVE = _interval(
    "int4range", _number("effective_from", DAY, "integer"), _number("effective_to", DAY, "integer")
)


def index(table: str) -> str:
    return f"CREATE INDEX IF NOT EXISTS {table}_rectangle ON {table} USING gist (({RECORDED}), ({EFFECTIVE}))"


CONTAINS = f"({RECORDED}) @> CAST(:at_number AS numeric) AND ({EFFECTIVE}) @> CAST(:on_number AS integer)"


def point(at: str, on: str) -> dict[str, Any] | None:
    """The parameters of `CONTAINS` for recorded instant `at` and effective day `on`, or None when
    either is not in the indexed form (the query then does without the index)."""
    if not (re.fullmatch(INSTANT, at) and re.fullmatch(DAY, on)):
        return None
    return {"at_number": Decimal(re.sub("[^0-9]", "", at)), "on_number": int(on.replace("-", ""))}
