"""The page: tata naskah dinas (Permendagri 1/2023) drawn with fpdf2, DejaVu Sans embedded.

Deterministic by construction: the creation date is the decision's recorded time, the file id
is derived from the verification code, and nothing else varies, so a document regenerated from the
same events is byte-identical.
"""

import hashlib
import io
from datetime import datetime
from pathlib import Path

import segno
from fpdf import FPDF

from infra.documents.content import Letter
from infra.documents.kinds import DocumentKind
from infra.documents.letterhead import Letterhead

FONTS = Path(__file__).parent / "fonts"
FONT = "DejaVu"
_CENTRED_TITLE = {DocumentKind.SURAT_TUGAS, DocumentKind.KEPUTUSAN_TIM}


class _Page(FPDF):
    def __init__(self, file_id: str) -> None:
        super().__init__(format="A4")
        self._file_id = file_id

    def file_id(self) -> str:
        return self._file_id


def _id(code: str) -> str:
    digest = hashlib.md5(code.encode(), usedforsecurity=False).hexdigest().upper()
    return f"<{digest}><{digest}>"


def draw(letter: Letter, head: Letterhead, verify_code: str, recorded: datetime) -> bytes:
    pdf = _Page(_id(verify_code))
    pdf.set_creation_date(recorded)
    pdf.set_producer("sistemkerja")
    pdf.set_creator("sistemkerja")
    pdf.set_title(f"{letter.title} {letter.number}")
    pdf.set_margins(20, 15, 20)
    pdf.set_auto_page_break(True, margin=25)
    pdf.add_font(FONT, "", FONTS / "DejaVuSans.ttf")
    pdf.add_font(FONT, "B", FONTS / "DejaVuSans-Bold.ttf")
    pdf.add_page()
    _kop(pdf, head, letter.unit_name)
    if letter.kind in _CENTRED_TITLE:
        _centred_title(pdf, letter)
    else:
        _letter_head(pdf, letter)
    decree = letter.kind is DocumentKind.KEPUTUSAN_TIM
    _dasar(pdf, letter.dasar, "Mengingat" if decree else "Dasar")
    if decree:  # the diktum of a Keputusan
        pdf.set_font(FONT, "B", 10)
        pdf.cell(0, 6, "MEMUTUSKAN:", align="C", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(FONT, "", 10)
        pdf.cell(0, 5, "Menetapkan:", new_x="LMARGIN", new_y="NEXT")
    _body(pdf, letter)
    _signature(pdf, letter)
    _tembusan(pdf, letter.tembusan)
    _verification(pdf, head, verify_code)
    return bytes(pdf.output())


def _kop(pdf: FPDF, head: Letterhead, unit: str) -> None:
    if head.logo:
        pdf.image(str(head.logo), x=20, y=14, h=24)
    pdf.set_font(FONT, "B", 13)
    pdf.cell(0, 7, head.government, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "B", 12)
    pdf.multi_cell(0, 6, unit.upper(), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "", 8)
    pdf.cell(0, 5, head.address, align="C", new_x="LMARGIN", new_y="NEXT")
    y = max(pdf.get_y(), 39) + 2
    pdf.set_line_width(0.8)
    pdf.line(20, y, 190, y)
    pdf.set_line_width(0.2)
    pdf.line(20, y + 1, 190, y + 1)
    pdf.set_y(y + 4)


def _centred_title(pdf: FPDF, letter: Letter) -> None:
    pdf.set_font(FONT, "B", 12)
    pdf.cell(0, 6, letter.title, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "", 10)
    pdf.cell(0, 5, f"NOMOR {letter.number}", align="C", new_x="LMARGIN", new_y="NEXT")
    for label, value in letter.table[:1] if letter.kind is DocumentKind.KEPUTUSAN_TIM else []:
        pdf.multi_cell(0, 5, f"{label.upper()} {value.upper()}", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)


def _letter_head(pdf: FPDF, letter: Letter) -> None:
    if letter.kind is DocumentKind.LAPORAN:  # a laporan is titled; a surat dinas is not
        pdf.set_font(FONT, "B", 12)
        pdf.cell(0, 6, letter.title, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "", 10)
    pdf.cell(0, 5, letter.place_date, align="R", new_x="LMARGIN", new_y="NEXT")
    for label, value in (
        ("Nomor", letter.number),
        ("Sifat", letter.sifat),
        ("Lampiran", letter.lampiran),
        ("Hal", letter.hal),
    ):
        _labelled(pdf, label, value, 25)
    pdf.ln(3)
    for line in letter.addressee:
        pdf.cell(0, 5, line, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)


def _labelled(pdf: FPDF, label: str, value: str, width: float) -> None:
    pdf.cell(width, 5, label)
    pdf.cell(4, 5, ":")
    pdf.multi_cell(0, 5, value, new_x="LMARGIN", new_y="NEXT")


def _dasar(pdf: FPDF, dasar: list[str], label: str) -> None:
    pdf.set_font(FONT, "", 10)
    pdf.cell(25, 5, label)
    pdf.cell(4, 5, ":")
    x = pdf.get_x()
    for i, line in enumerate(dasar, start=1):
        pdf.set_x(x)
        pdf.multi_cell(0, 5, f"{i}. {line}", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)


def _body(pdf: FPDF, letter: Letter) -> None:
    pdf.set_font(FONT, "", 10)
    for paragraph in letter.body:
        pdf.multi_cell(0, 5, paragraph, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1)
    rows = letter.table[1:] if letter.kind is DocumentKind.KEPUTUSAN_TIM else letter.table
    for label, value in rows:
        _labelled(pdf, label, value, 50)
    if letter.people:
        pdf.ln(2)
        pdf.set_font(FONT, "", 8)
        with pdf.table(col_widths=(36, 38, 22, 46, 28), first_row_as_headings=True) as table:
            for row in [["Nama", "NIP", "Pangkat", "Jabatan", "Peran"], *letter.people]:
                cells = table.row()
                for value in row:
                    cells.cell(value)
        pdf.set_font(FONT, "", 10)
    if letter.kind is DocumentKind.SURAT_TUGAS:
        pdf.ln(2)
        pdf.multi_cell(
            0, 5, "Demikian surat tugas ini dibuat untuk dilaksanakan dengan penuh tanggung jawab."
        )
    elif letter.kind in (DocumentKind.REQUEST_LETTER, DocumentKind.REPLY, DocumentKind.LAPORAN):
        pdf.ln(2)
        pdf.multi_cell(0, 5, "Demikian disampaikan, atas perhatiannya diucapkan terima kasih.")


def _signature(pdf: FPDF, letter: Letter) -> None:
    signer = letter.signer
    pdf.ln(6)
    if pdf.get_y() > 230:
        pdf.add_page()
    x = 115
    pdf.set_font(FONT, "", 10)
    if letter.kind in _CENTRED_TITLE:
        pdf.set_x(x)
        pdf.cell(0, 5, letter.place_date, new_x="LMARGIN", new_y="NEXT")
    pdf.set_x(x)
    pdf.multi_cell(75, 5, signer.position, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(16)
    pdf.set_x(x)
    pdf.set_font(FONT, "B", 10)
    pdf.multi_cell(75, 5, signer.name, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "", 10)
    if signer.nip:
        pdf.set_x(x)
        pdf.cell(75, 5, f"NIP {signer.nip}", new_x="LMARGIN", new_y="NEXT")


def _tembusan(pdf: FPDF, copies: list[str]) -> None:
    if not copies:
        return
    pdf.ln(4)
    pdf.set_font(FONT, "", 9)
    pdf.cell(0, 5, "Tembusan:", new_x="LMARGIN", new_y="NEXT")
    for i, line in enumerate(copies, start=1):
        pdf.multi_cell(0, 5, f"{i}. {line}", new_x="LMARGIN", new_y="NEXT")


def _verification(pdf: FPDF, head: Letterhead, code: str) -> None:
    """The QR code (the verification address) and the code itself, at the foot of the last page."""
    buffer = io.BytesIO()
    segno.make(f"{head.verify_url}{code}", error="m").save(buffer, kind="png", scale=4, border=1)
    buffer.seek(0)
    if pdf.get_y() > 250:
        pdf.add_page()
    pdf.set_auto_page_break(False)  # the foot is below the text's bottom margin, on this page
    pdf.image(buffer, x=20, y=262, w=22, h=22)
    pdf.set_xy(44, 268)
    pdf.set_font(FONT, "", 8)
    pdf.cell(0, 4, f"Kode verifikasi: {code}", new_x="LMARGIN", new_y="NEXT")
    pdf.set_x(44)
    pdf.cell(0, 4, f"Periksa keaslian dokumen ini di {head.verify_url}{code}", new_x="LMARGIN", new_y="NEXT")
