"""bench.workload.interleaved and bench.report.command_ceiling: the turns that give issue 14's
target 4 its ceiling, and the arithmetic printed from them."""

import pytest

from bench.report import COMMAND_RATIO, command_ceiling
from bench.workload import interleaved


def test_cases_take_turns_and_the_first_turn_only_warms_up():
    calls: list[tuple[str, int]] = []
    samples = interleaved(
        {"a": lambda n: calls.append(("a", n)), "b": lambda n: calls.append(("b", n))}, rounds=2, burst=3
    )
    assert calls == [
        *[("a", n) for n in range(0, 3)],
        *[("b", n) for n in range(0, 3)],
        *[("a", n) for n in range(3, 6)],
        *[("b", n) for n in range(3, 6)],
        *[("a", n) for n in range(6, 9)],
        *[("b", n) for n in range(6, 9)],
    ]
    assert {name: len(times) for name, times in samples.items()} == {"a": 6, "b": 6}
    assert all(time >= 0 for times in samples.values() for time in times)


def test_the_ceiling_and_the_budget_follow_from_the_p50s():
    figures = {
        "turns": {"floor": [3.0] * 5, "hollow": [5.0] * 5, "placement": [12.0] * 5},
        "raw_plain": (1000.0, 0),  # events/s: a raw save of 1 ms
    }
    line = command_ceiling(figures)
    assert "ratio 0.33" in line  # (3 + 1) / 12
    assert "= 0.67" in line  # ceiling: (3 + 1) / (5 + 1)
    assert "placement - hollow, 7.00 ms" in line
    budget = (3.0 + 1.0) / COMMAND_RATIO - 5.0
    assert f"against the {budget:.2f} ms" in line
    assert budget == pytest.approx(0.714, abs=0.001)
