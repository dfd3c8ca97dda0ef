"""Rows of a CSV or XLSX file as (line number, {field: text}), the line number as a spreadsheet
shows it (the header is line 1)."""

import csv
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

from infra.onboarding.columns import mapping

Row = tuple[int, dict[str, str]]


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # a NIP typed as a number
    return str(value).strip()


def _raw(path: Path) -> Iterator[list[Any]]:
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        from openpyxl import load_workbook

        book = load_workbook(path, read_only=True, data_only=True)
        try:
            yield from (list(row) for row in book.active.iter_rows(values_only=True))  # type: ignore[union-attr]
        finally:
            book.close()
        return
    with path.open(encoding="utf-8-sig", newline="") as handle:
        sample = handle.read(4096)
        handle.seek(0)
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t") if sample else csv.excel
        yield from csv.reader(handle, dialect)


def read_rows(path: Path, columns: dict[str, tuple[str, ...]]) -> tuple[list[str], list[Row]]:
    """The fields the header names, and the non-empty rows."""
    rows = _raw(path)
    header = next(rows, [])
    fields = mapping([_text(h) for h in header], columns)
    out: list[Row] = []
    for line, values in enumerate(rows, start=2):
        row = {field: _text(values[i]) if i < len(values) else "" for i, field in fields.items()}
        if any(row.values()):
            out.append((line, row))
    return list(fields.values()), out
