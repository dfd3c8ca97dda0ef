"""The README's GraphQL examples run verbatim against the demo government, as `make run` serves it
(the conventions they follow: bench/readme.py)."""

import re
from typing import Any

import pytest

from bench.readme import README, line_of, readme_examples, run_example
from infra.bootstrap import build
from infra.demo import load_demo
from infra.settings import Settings
from tests.e2e.conftest import running_server


def test_readme_examples_are_found_and_each_names_its_token():
    readme = README.read_text()
    examples = readme_examples(readme)
    assert len(examples) >= 20
    assert [e.line for e in examples if e.token is None] == []
    # an operation in a fence without the `graphql` info string would escape this test
    fences = re.finditer(r"^```(\w*)\n\s*(mutation|query|\{)", readme, re.M)
    unmarked = [line_of(m.start(), readme) for m in fences if m.group(1) in ("", "gql")]
    assert unmarked == [], "README lines whose GraphQL block is not fenced as ```graphql"


@pytest.fixture
def demo_server(settings: Settings):
    system = build(settings, migrate=True)  # what `sistemkerja demo load` does
    try:
        load_demo(system.app)
    finally:
        system.close()
    with running_server(settings) as server:
        yield server


def test_every_readme_example_answers_against_the_demo(demo_server):
    values: dict[str, Any] = {}
    failures = []
    for example in readme_examples(README.read_text()):
        reason = run_example(demo_server, example, values)
        if reason:
            failures.append(f"README line {example.line}: {reason}\n    {example.text[:200]}")
    assert not failures, f"{len(failures)} README examples fail:\n" + "\n".join(failures)
