"""The audit report as a PDF (A4 landscape): the government's letterhead (kop), the report's
particulars, one row per decision, the inspector's signature block, "Halaman x dari y"."""

from pathlib import Path
from typing import Any

from fpdf import FPDF
from fpdf.fonts import FontFace

from infra.documents.layout import FONT, FONTS
from infra.inspection.export import Report, local_generated_at, table_row
from infra.inspection.kop import Kop
from infra.inspection.language import COLUMNS, Language, long_date, stamp, word

_WIDTHS = (12, 25, 16, 26, 30, 26, 32, 28, 26, 16, 26, 14)  # mm, 277 = A4 landscape less margins


def _latin(text: Any) -> str:
    """The text as printed: the embedded DejaVu Sans covers the names and titles of every script
    the officials' names use (the letters' font, infra/documents/fonts)."""
    return str(text if text is not None else "")


class _Pdf(FPDF):
    language: Language = Language.id

    def footer(self) -> None:
        self.set_y(-10)
        self.set_font(FONT, size=7)
        label = word("page", self.language).format(page=self.page_no(), pages=self.str_alias_nb_pages)
        self.cell(0, 5, label, align="R")


def _letterhead(pdf: FPDF, report: Report) -> None:
    """Kop: logo, the government, the Inspektorat, the address, then a double rule."""
    kop = report.kop or Kop(f"PEMERINTAH {report.government.upper()}")
    top = pdf.get_y()
    if kop.logo:
        pdf.image(str(kop.logo), x=pdf.l_margin + 20, y=top, h=16)
    pdf.set_font(FONT, "B", 13)
    pdf.cell(0, 6, _latin(kop.government), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "B", 11)
    pdf.cell(0, 5, "INSPEKTORAT", align="C", new_x="LMARGIN", new_y="NEXT")
    if kop.address:
        pdf.set_font(FONT, size=8)
        pdf.cell(0, 4, _latin(kop.address), align="C", new_x="LMARGIN", new_y="NEXT")
    y = max(pdf.get_y(), top + 16 if kop.logo else 0) + 1.5
    pdf.set_line_width(0.8)
    pdf.line(pdf.l_margin, y, pdf.w - pdf.r_margin, y)
    pdf.set_line_width(0.2)
    pdf.line(pdf.l_margin, y + 1, pdf.w - pdf.r_margin, y + 1)
    pdf.set_y(y + 3)


def _particulars(pdf: FPDF, report: Report, language: Language) -> None:
    pdf.set_font(FONT, "B", 12)
    pdf.cell(0, 6, word("title", language), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, size=8)
    pdf.cell(0, 4, word("subtitle", language), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    period = word("period_value", language).format(
        start=long_date(report.period_from, language),
        end=long_date(report.period_to, language),
        zone=report.time_zone.value,
    )
    chain = word("chain_value", language).format(seq=report.chain_seq, hash=report.chain_hash)
    for label, value in (
        (word("agency", language), f"{report.agency_code} {report.agency_name or ''}".strip()),
        (word("period", language), period),
        (word("generated", language), stamp(report.generated_at, report.time_zone)),
        (word("chain", language), chain),
        (word("count", language), str(len(report.rows))),
    ):
        pdf.cell(38, 4.5, _latin(label))
        pdf.cell(0, 4.5, _latin(f": {value}"), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)


def _table(pdf: FPDF, report: Report, language: Language) -> None:
    pdf.set_font(FONT, size=6.5)
    index = 1 if language is Language.id else 2
    with pdf.table(
        col_widths=_WIDTHS,
        headings_style=FontFace(emphasis="BOLD", fill_color=(225, 225, 225)),
        line_height=3.2,
        text_align="LEFT",
        repeat_headings=1,
    ) as table:
        table.row([column[index] for column in COLUMNS])
        for row in report.rows:
            shown = table_row(row, report, language)
            table.row([_latin(shown[column[0]]) for column in COLUMNS])


def _signature(pdf: FPDF, report: Report, language: Language) -> None:
    """The inspector's block, right-hand side: date, capacity, room to sign, name, NIP."""
    x = pdf.w - pdf.r_margin - 80
    inspector = report.inspector
    place = report.kop.place if report.kop else ""
    lines = [
        (
            ", ".join(
                part for part in (place, long_date(local_generated_at(report).date(), language)) if part
            ),
            "",
        ),
        (word("examined", language), ""),
        (inspector.position if inspector else f"{word('inspector', language)} {report.government}", ""),
        ("", ""),
        ("", ""),
        ("", ""),
        (inspector.name if inspector else "(" + "." * 50 + ")", "B"),
        (f"{word('nip', language)} {inspector.nip if inspector else '.' * 30}", ""),
    ]
    if pdf.get_y() + 6 + 4.5 * len(lines) > pdf.h - pdf.b_margin:
        pdf.add_page()  # the block is never split over two pages
    pdf.ln(6)
    for text, style in lines:
        pdf.set_x(x)
        pdf.set_font(FONT, style, 8)
        pdf.cell(80, 4.5, _latin(text), align="C", new_x="LMARGIN", new_y="NEXT")


def write_pdf(report: Report, path: Path, language: Language = Language.id) -> None:
    pdf = _Pdf(orientation="landscape", format="A4")
    pdf.language = language
    pdf.set_title(_latin(f"{word('title', language)} {report.agency_code}"))
    pdf.set_lang(language.value)
    pdf.set_auto_page_break(auto=True, margin=14)
    pdf.add_font(FONT, "", FONTS / "DejaVuSans.ttf")
    pdf.add_font(FONT, "B", FONTS / "DejaVuSans-Bold.ttf")
    pdf.add_page()
    _letterhead(pdf, report)
    _particulars(pdf, report, language)
    _table(pdf, report, language)
    _signature(pdf, report, language)
    pdf.output(str(path))
