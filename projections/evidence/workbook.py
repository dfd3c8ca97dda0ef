"""The e-Kinerja export rendered: CSV (one sheet at a time) and XLSX (the SKP sheet and the
Matriks Peran Hasil sheet), both with the Indonesian headers of projections/evidence/export.py."""

import csv
import io
from dataclasses import dataclass
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font

from domain.profile import Profile
from projections.evidence.export import MATRIX_COLUMNS, SKP_COLUMNS, matrix_rows, skp_rows
from projections.evidence.periods import span

SKP_SHEET, MATRIX_SHEET = "SKP", "Matriks Peran Hasil"


@dataclass(frozen=True)
class Export:
    agency_code: str
    period: str
    skp: list[dict[str, Any]]
    matrix: list[dict[str, Any]]

    def csv(self, sheet: str = SKP_SHEET) -> str:
        rows, columns = (self.skp, SKP_COLUMNS) if sheet == SKP_SHEET else (self.matrix, MATRIX_COLUMNS)
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        return out.getvalue()

    def xlsx(self) -> bytes:
        book = Workbook()
        first = book.active
        assert first is not None  # a new workbook has its first sheet
        book.remove(first)
        for title, rows, columns in (
            (SKP_SHEET, self.skp, SKP_COLUMNS),
            (MATRIX_SHEET, self.matrix, MATRIX_COLUMNS),
        ):
            sheet = book.create_sheet(title)
            sheet.append(columns)
            for cell in sheet[1]:
                cell.font = Font(bold=True)
            for row in rows:
                sheet.append([row.get(c, "") for c in columns])
            sheet.freeze_panes = "A2"
        out = io.BytesIO()
        book.save(out)
        return out.getvalue()


def export(store: Any, profile: Profile, agency_code: str, period: str) -> Export:
    s = span(profile, period)
    code = (agency_code or "").strip()
    return Export(code, s.label, skp_rows(store, code, s), matrix_rows(store, profile, code, s))
