"""The PostgreSQL rectangle index of `unit_history` (projections.asof.rectangle, ADR 0011): the
whole tree as of a point is read through it, its expressions take any text a bound may hold
without raising (an instant or a day not in the fixed form, an interval ending before it begins),
and the answer with it is the answer of the text rule alone."""

from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from projections.asof import rectangle
from projections.asof.bitemporal import in_force
from projections.asof.queries import AsOfQueries

on_postgres = pytest.mark.parametrize("settings", ["postgres"], indirect=True)

INSTANTS = [
    "2024-01-01T00:00:00.000000Z",
    "2024-06-30T12:00:00.500000Z",
    "2025-03-01T08:30:00.000001Z",
    "2026-12-03T06:57:30.000000Z",
]
DAYS = ["0001-01-01", "2022-06-30", "2024-07-01", "2025-01-01", "9999-12-31"]
ODD_INSTANTS = ["2024-01-01", "2024-06-30T12:00:00Z", "kemarin", "", "２０２４-01-01T00:00:00.000000Z"]
ODD_DAYS = ["2024-6-1", "31/12/2024", "", "besok", "2024-07-01T00:00:00"]


def test_point_in_the_indexed_form_only():
    assert rectangle.point("2026-12-03T06:57:30.000001Z", "2022-06-30") == {
        "at_number": Decimal("20261203065730000001"),
        "on_number": 20220630,
    }
    for at, on in [
        ("2026-12-03T06:57:30Z", "2022-06-30"),
        ("2026-12-03T06:57:30.000001Z", "2022-6-30"),
        ("２０２６-12-03T06:57:30.000001Z", "2022-06-30"),  # digits, but not ASCII ones
    ]:
        assert rectangle.point(at, on) is None


def _insert(system: Any, rows: list[tuple[str | None, ...]]) -> None:
    with system.store.transaction() as cursor:
        cursor.execute("DELETE FROM unit_history")
        for n, (recorded_from, recorded_to, effective_from, effective_to) in enumerate(rows):
            cursor.execute(
                "INSERT INTO unit_history (id, code, agency_code, path, recorded_from, recorded_to,"
                " effective_from, effective_to, state)"
                " VALUES (:id, :code, 'A', :path, :rf, :rt, :ef, :et, :s)",
                {
                    "id": f"u{n}",
                    "code": f"U{n}",
                    "path": f"/A/U{n}/",
                    "rf": recorded_from,
                    "rt": recorded_to,
                    "ef": effective_from,
                    "et": effective_to,
                    "s": "{}",
                },
            )


def _by_the_rule_alone(system: Any, at: str, on: str) -> list[str]:
    rows = system.store.query(
        f"SELECT code FROM unit_history WHERE {in_force()} ORDER BY path", {"at": at, "on": on}
    )
    return [r["code"] for r in rows]


instant = st.sampled_from(INSTANTS + ODD_INSTANTS)
day = st.sampled_from(DAYS + ODD_DAYS)
rows = st.lists(st.tuples(instant, st.none() | instant, day, st.none() | day), max_size=8)


@on_postgres
def test_the_tree_through_the_index_is_the_rule_s_answer_whatever_the_bounds_hold(system):
    @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(rows=rows, at=st.sampled_from(INSTANTS), on=st.sampled_from(DAYS))
    def check(rows: list[tuple[str | None, ...]], at: str, on: str) -> None:
        _insert(system, rows)  # an odd bound or an inverted interval raises nothing
        answer = [u["code"] for u in AsOfQueries(system.store).units(at, on)]
        assert answer == _by_the_rule_alone(system, at, on)

    check()


@on_postgres
def test_an_inverted_interval_and_odd_bounds_are_stored_and_left_to_the_rule(system):
    _insert(
        system,
        [
            (INSTANTS[2], INSTANTS[0], DAYS[1], None),  # recorded to before recorded from
            ("2024-01-01", None, "2024-01-1", None),  # odd bounds the rule keeps: open ends in the index
            (INSTANTS[0], None, DAYS[0], DAYS[3]),
        ],
    )
    answer = [u["code"] for u in AsOfQueries(system.store).units(INSTANTS[1], DAYS[2])]
    assert answer == _by_the_rule_alone(system, INSTANTS[1], DAYS[2]) == ["U1", "U2"]


@on_postgres
def test_the_whole_tree_as_of_a_point_is_read_through_the_index(system):
    _insert(system, [(INSTANTS[0], None, DAYS[n], None) for n in range(3)])
    sql, params = AsOfQueries(system.store).units_statement(INSTANTS[3], DAYS[2], None)
    with system.store.transaction() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # a 3-row table is scanned otherwise
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(str(next(iter(row.values()))) for row in cursor.fetchall())
    assert "unit_history_rectangle" in plan, plan
