"""The audit report as a workbook: a sheet of decisions (headings in the report's language, the
same columns as the PDF, times local) and a sheet of particulars (agency, period, chain head)."""

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font

from infra.inspection.export import Report, table_row
from infra.inspection.language import COLUMNS, Language, long_date, stamp, word

SHEETS = {Language.id: ("Keputusan", "Keterangan"), Language.en: ("Decisions", "Particulars")}


def write_xlsx(report: Report, path: Path, language: Language = Language.id) -> None:
    book = Workbook()
    decisions = book.active
    assert decisions is not None
    decisions.title, particulars_title = SHEETS[language]
    index = 1 if language is Language.id else 2
    decisions.append([column[index] for column in COLUMNS])
    for cell in decisions[1]:
        cell.font = Font(bold=True)
    for row in report.rows:
        shown = table_row(row, report, language)
        decisions.append([int(shown["position"])] + [shown[column[0]] for column in COLUMNS[1:]])
    decisions.freeze_panes = "A2"
    decisions.auto_filter.ref = decisions.dimensions
    particulars = book.create_sheet(particulars_title)
    period = word("period_value", language).format(
        start=long_date(report.period_from, language),
        end=long_date(report.period_to, language),
        zone=report.time_zone.value,
    )
    for label, value in (
        (word("title", language), report.government),
        (word("agency", language), f"{report.agency_code} {report.agency_name or ''}".strip()),
        (word("period", language), period),
        (word("generated", language), stamp(report.generated_at, report.time_zone)),
        (
            word("chain", language),
            word("chain_value", language).format(seq=report.chain_seq, hash=report.chain_hash),
        ),
        (word("count", language), len(report.rows)),
    ):
        particulars.append([label, value])
    book.save(path)
