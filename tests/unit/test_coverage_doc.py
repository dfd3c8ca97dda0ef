"""docs/coverage.md holds every row of the audit's section 4 table (issue 10, "Done when"): each
row has its five cells (one per regulation), each cell says "implemented", "the text is silent" or
"out of scope", and every test file the doc names, directly or through an alias, exists and holds
the test named."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "coverage.md"

# The audit's section 4 (../shared/audits/regulation-fidelity-2026-12.md), 40 mechanisms.
ROWS = (
    [f"A{i}" for i in range(1, 6)]
    + [f"B{i}" for i in range(1, 15)]
    + [f"C{i}" for i in range(1, 11)]
    + [f"D{i}" for i in range(1, 7)]
    + [f"E{i}" for i in range(1, 6)]
)
# Rows the doc adds to the audit's: A6, the unit kerja mandiri (issue 10 item 15; the audit's
# section 3 item 11).
EXTRA = ["A6"]
KINDS = ("implemented", "the text is silent", "out of scope")
ALIAS = re.compile(r"^- `(\w+)` = `(tests/[\w/]+\.py)`$", re.M)
REFERENCE = re.compile(r"`(\w+)::(test_\w+)")


def text() -> str:
    return DOC.read_text(encoding="utf-8")


def table_rows() -> dict[str, list[str]]:
    rows = {}
    for line in text().splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if line.startswith("| ") and cells[0] in ROWS + EXTRA:
            assert cells[0] not in rows, f"row {cells[0]} appears twice"
            rows[cells[0]] = cells
    return rows


def test_the_audit_lists_forty_mechanisms():
    assert len(ROWS) == len(set(ROWS)) == 40


def test_every_row_of_the_audit_is_in_the_doc_with_five_filled_cells():
    rows = table_rows()
    assert sorted(set(ROWS + EXTRA) - set(rows)) == []
    for row_id, cells in rows.items():
        assert len(cells) == 7, f"{row_id}: {len(cells)} cells, expected id, mechanism and five regulations"
        for regulation, cell in zip(("KabS", "KotaS", "Banjar", "Pemalang", "Banyumas"), cells[2:]):
            assert cell, f"{row_id} × {regulation} is empty"
            assert cell.startswith(KINDS), f"{row_id} × {regulation} is none of {KINDS}: {cell[:60]}"


def test_every_test_file_the_doc_names_exists():
    paths = set(re.findall(r"tests/[\w/]+\.py", text()))
    assert paths and sorted(p for p in paths if not (ROOT / p).is_file()) == []


def test_every_test_named_through_an_alias_is_defined_in_its_file():
    aliases = dict(ALIAS.findall(text()))
    missing = []
    for alias, name in REFERENCE.findall(text()):
        assert alias in aliases, f"unknown alias {alias}::"
        source = (ROOT / aliases[alias]).read_text(encoding="utf-8")
        if not re.search(rf"^(async )?def {name}\(", source, re.M):
            missing.append(f"{alias}::{name}")
    assert missing == []
