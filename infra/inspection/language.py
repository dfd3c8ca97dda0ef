"""The audit report's words in Indonesian (the default) and English, and the tenant's local time.

Decision kinds are the ledger's people's terms (projections.ledger.view.kind_of); each has its
Indonesian name here. A kind without one is shown as recorded, never dropped (a test lists every
decision event so a new one is noticed).
"""

from datetime import UTC, date, datetime, timedelta, timezone
from enum import Enum

from domain.profile import TimeZone


class Language(str, Enum):
    id = "id"
    en = "en"


KINDS_ID: dict[str, str] = {
    "unit established": "pembentukan unit organisasi",
    "head appointed": "pengangkatan pimpinan unit",
    "head vacated": "kekosongan pimpinan unit",
    "agency structure deepened": "pendalaman struktur perangkat daerah",
    "structure type declared": "penetapan tipe struktur",
    "unit kerja mandiri declared": "penetapan unit kerja mandiri",
    "organisation unit affairs declared": "penetapan urusan unit organisasi",
    "official registered": "pendaftaran pegawai",
    "headship assumed": "mulai menjabat pimpinan",
    "headship ended": "berakhirnya jabatan pimpinan",
    "placement": "penempatan",
    "delegation granted": "pemberian pelimpahan wewenang",
    "delegation revoked": "pencabutan pelimpahan wewenang",
    "appraisal recommended": "rekomendasi penilaian kinerja",
    "assignment requested": "permohonan penugasan",
    "assignment step approved": "persetujuan tahap penugasan",
    "assignment step rejected": "penolakan tahap penugasan",
    "assignment officials named": "penunjukan pegawai yang ditugaskan",
    "assignment letter issued": "penerbitan surat tugas",
    "assignment accepted": "penerimaan penugasan",
    "assignment withdrawn": "penarikan permohonan penugasan",
    "assignment ended": "berakhirnya penugasan",
    "government offices configured": "penetapan pejabat pemerintah daerah",
    "government offices changed": "perubahan pejabat pemerintah daerah",
    "letter register opened": "pembukaan register surat",
    "letter register numbered": "penomoran surat",
    "escalation raised": "pengajuan eskalasi",
    "escalation decided": "keputusan eskalasi",
    "evaluation started": "dimulainya evaluasi",
    "evaluation results submitted": "penyampaian hasil evaluasi",
    "evaluation level approved": "persetujuan tingkat evaluasi",
    "evaluation returned for rework": "pengembalian evaluasi untuk diperbaiki",
    "evaluation declared complete": "penetapan evaluasi selesai",
    "expectation recorded": "pencatatan ekspektasi",
    "expectation agreed": "kesepakatan ekspektasi",
    "expectation revised": "perubahan ekspektasi",
    "feedback given": "pemberian umpan balik",
    "individual plan recorded": "penetapan rencana kinerja individu",
    "individual plan revised": "perubahan rencana kinerja individu",
    "work breakdown recorded": "penetapan rincian kerja",
    "work breakdown revised": "perubahan rincian kerja",
    "reported": "laporan pelaksanaan tugas",
    "report request requested": "permintaan laporan",
    "report request answered": "jawaban permintaan laporan",
    "team formed": "pembentukan tim kerja",
    "document signed": "penandatanganan naskah dinas",
    "team dissolved": "pembubaran tim kerja",
    "team leader proposed": "usulan ketua tim",
    "team leader appointed": "penetapan ketua tim",
    "team members proposed": "usulan anggota tim",
    "team member joined": "penetapan anggota tim",
    "team member left": "berakhirnya keanggotaan tim",
    "team member role changed": "perubahan peran anggota tim",
    "team member performance reported": "laporan kinerja anggota tim",
    "team coordinator appointed": "penetapan koordinator tim",
    "team pptk designated": "penunjukan PPTK tim",
    "transformation team fixed": "penetapan tim transformasi",
    "performance agreement targets recorded": "penetapan target perjanjian kinerja",
    "performance agreement targets revised": "perubahan target perjanjian kinerja",
    "work plan fixed": "penetapan rencana kerja",
    "work plan amended": "perubahan rencana kerja",
}

# domain.decision.CapacityKind, why the actor could act.
CAPACITIES_ID: dict[str, str] = {
    "ADMIN": "administrator (bagian organisasi / kepegawaian)",
    "POSITION": "karena jabatan",
    "DELEGATION": "atas pelimpahan wewenang",
    "SELF": "untuk diri sendiri",
    "EXTERNAL_LETTER": "berdasarkan surat instansi lain",
}

_MONTHS_ID = "Januari Februari Maret April Mei Juni Juli Agustus September Oktober November Desember".split()
_MONTHS_EN = "January February March April May June July August September October November December".split()

# Labels of the report, (Indonesian, English).
WORDS: dict[str, tuple[str, str]] = {
    "title": ("LAPORAN BUKU BESAR KEPUTUSAN", "DECISION LEDGER - AUDIT REPORT"),
    "subtitle": ("untuk Inspektorat (pemeriksaan)", "for the Inspectorate (audit)"),
    "agency": ("Perangkat Daerah", "Agency"),
    "period": ("Periode", "Period"),
    "period_value": (
        "{start} s.d. {end} (waktu dicatat, {zone})",
        "{start} to {end} (recorded time, {zone})",
    ),
    "generated": ("Dibuat pada", "Generated at"),
    "chain": ("Kepala rantai hash", "Chain head"),
    "chain_value": ("posisi {seq}, SHA-256 {hash}", "position {seq}, SHA-256 {hash}"),
    "count": ("Jumlah keputusan", "Decisions"),
    "page": ("Halaman {page} dari {pages}", "Page {page} of {pages}"),
    "examined": ("Diperiksa oleh", "Examined by"),
    "inspector": ("Inspektur", "Inspector"),
    "nip": ("NIP.", "NIP"),
    "delegated_by": ("atas pelimpahan dari", "delegated by"),
    "to": ("s.d.", "to"),
}

# Columns shown in the PDF and the XLSX: (ledger/report key, Indonesian, English).
COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("position", "No. urut rantai", "Position"),
    ("recorded_local", "Waktu dicatat", "Recorded"),
    ("effective_date", "TMT", "Effective"),
    ("kind_label", "Jenis keputusan", "Decision"),
    ("concerning", "Mengenai", "Concerning"),
    ("letter_number", "Nomor surat", "Letter number"),
    ("officials", "Pegawai yang ditugaskan", "Officials concerned"),
    ("actor", "Pengambil keputusan", "Actor"),
    ("capacity", "Kapasitas", "Capacity"),
    ("articles", "Pasal", "Article"),
    ("legal_basis", "Dasar hukum", "Legal basis"),
    ("reason", "Alasan", "Reason"),
)


def word(key: str, language: Language) -> str:
    indonesian, english = WORDS[key]
    return indonesian if language is Language.id else english


def capacity_label(kind: str, language: Language) -> str:
    return CAPACITIES_ID.get(kind, kind) if language is Language.id else kind


def kind_label(kind: str, language: Language) -> str:
    return KINDS_ID.get(kind, kind) if language is Language.id else kind


def zone(tz: TimeZone) -> timezone:
    return timezone(timedelta(hours=tz.utc_offset_hours), tz.value)


def local(recorded_at: str | datetime, tz: TimeZone) -> datetime:
    """A recorded UTC instant (ISO text or datetime) in the tenant's local time."""
    instant = datetime.fromisoformat(recorded_at) if isinstance(recorded_at, str) else recorded_at
    return (instant if instant.tzinfo else instant.replace(tzinfo=UTC)).astimezone(zone(tz))


def long_date(day: date, language: Language) -> str:
    """'2 Desember 2026' / '2 December 2026' (tata naskah dinas writes the month in words)."""
    months = _MONTHS_ID if language is Language.id else _MONTHS_EN
    return f"{day.day} {months[day.month - 1]} {day.year}"


def stamp(instant: datetime, tz: TimeZone) -> str:
    """'2026-12-02 09:15:04 WIB'."""
    return f"{local(instant, tz):%Y-%m-%d %H:%M:%S} {tz.value}"
