"""JSON in read-model columns: lists and maps are stored as JSON text (one form on SQLite and
PostgreSQL), and each read model's queries name the columns to decode back."""

from collections.abc import Collection
from typing import Any

import orjson

Row = dict[str, Any]


def dumps(value: Any) -> str:
    return orjson.dumps(value).decode()


def decoded(rows: list[Row], columns: Collection[str]) -> list[Row]:
    return [
        {k: (orjson.loads(v) if k in columns and isinstance(v, str) else v) for k, v in row.items()}
        for row in rows
    ]
