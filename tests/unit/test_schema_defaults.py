"""Safe defaults of the schema that do not need a server: introspection only in development."""

import asyncio

from api.schema import build_schema

INTROSPECTION = "{ __schema { types { name } } }"


class _Context:
    request_id = "test"


def _run(schema, query):
    return asyncio.run(schema.execute(query, context_value=_Context()))


def test_introspection_is_refused_in_production():
    result = _run(build_schema(development=False), INTROSPECTION)
    assert result.errors and "introspection" in result.errors[0].message.lower()
    assert result.data is None


def test_introspection_answers_in_development():
    result = _run(build_schema(development=True), INTROSPECTION)
    assert result.errors is None
    assert any(t["name"] == "Official" for t in result.data["__schema"]["types"])
