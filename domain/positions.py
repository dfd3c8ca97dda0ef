"""The vocabulary of positions, grades, ranks, education and unit kinds (domain.md section 2)."""

from enum import Enum


class PositionType(str, Enum):
    """Jenis jabatan: the kind of position an official holds."""

    JPT_MADYA = "JPT_MADYA"
    JPT_PRATAMA = "JPT_PRATAMA"
    ADMINISTRATOR = "ADMINISTRATOR"
    PENGAWAS = "PENGAWAS"
    FUNGSIONAL = "FUNGSIONAL"
    PELAKSANA = "PELAKSANA"


# Structural (leadership) positions, highest first. A unit is led by one of these, or by a
# Pejabat Fungsional where the regulation allows it (the profile's placement rules admit FUNGSIONAL).
STRUCTURAL_ORDER = [
    PositionType.JPT_MADYA,
    PositionType.JPT_PRATAMA,
    PositionType.ADMINISTRATOR,
    PositionType.PENGAWAS,
]
STRUCTURAL = {position.value for position in STRUCTURAL_ORDER}


class Grade(str, Enum):
    """Jenjang jabatan fungsional: expert (keahlian) and skilled (keterampilan) grades."""

    AHLI_PERTAMA = "AHLI_PERTAMA"
    AHLI_MUDA = "AHLI_MUDA"
    AHLI_MADYA = "AHLI_MADYA"
    AHLI_UTAMA = "AHLI_UTAMA"
    PEMULA = "PEMULA"
    TERAMPIL = "TERAMPIL"
    MAHIR = "MAHIR"
    PENYELIA = "PENYELIA"


EXPERT_GRADES = [Grade.AHLI_PERTAMA, Grade.AHLI_MUDA, Grade.AHLI_MADYA, Grade.AHLI_UTAMA]
SKILLED_GRADES = [Grade.PEMULA, Grade.TERAMPIL, Grade.MAHIR, Grade.PENYELIA]


class EmployeeType(str, Enum):
    """PNS carry a NIP; PPPK (government employees on contract) carry an NI PPPK."""

    PNS = "PNS"
    PPPK = "PPPK"


# Golongan/ruang of a PNS, lowest first (PP 11/2017).
PNS_RANKS = [
    f"{group}/{room}"
    for group, rooms in (("I", "abcd"), ("II", "abcd"), ("III", "abcd"), ("IV", "abcde"))
    for room in rooms
]
# Golongan of a PPPK, I to XVII (Perpres 98/2020).
PPPK_RANKS = [
    "I",
    "II",
    "III",
    "IV",
    "V",
    "VI",
    "VII",
    "VIII",
    "IX",
    "X",
    "XI",
    "XII",
    "XIII",
    "XIV",
    "XV",
    "XVI",
    "XVII",
]


class Education(str, Enum):
    """Highest education (pendidikan terakhir), lowest first."""

    SD = "SD"
    SMP = "SMP"
    SMA = "SMA"
    D1 = "D1"
    D2 = "D2"
    D3 = "D3"
    D4 = "D4"
    S1 = "S1"
    S2 = "S2"
    S3 = "S3"


# D-IV is treated as equal to S1 (sarjana terapan), so "at least S1" admits it.
EDUCATION_LEVEL = {
    Education.SD: 1,
    Education.SMP: 2,
    Education.SMA: 3,
    Education.D1: 4,
    Education.D2: 5,
    Education.D3: 6,
    Education.D4: 7,
    Education.S1: 7,
    Education.S2: 8,
    Education.S3: 9,
}


class UnitKind(str, Enum):
    """Kinds of Perangkat Daerah (agencies, level 1) and of units inside them."""

    # Agencies (Perangkat Daerah)
    SETDA = "SETDA"
    SETWAN = "SETWAN"
    INSPEKTORAT = "INSPEKTORAT"
    DINAS = "DINAS"
    BADAN = "BADAN"
    RSUD = "RSUD"
    KECAMATAN = "KECAMATAN"
    UPTD = "UPTD"
    # Units inside an agency
    ASISTEN = "ASISTEN"
    BAGIAN = "BAGIAN"
    BIDANG = "BIDANG"
    SEKRETARIAT = "SEKRETARIAT"
    SEKSI = "SEKSI"
    SUBBAGIAN = "SUBBAGIAN"
    SUBBIDANG = "SUBBIDANG"
    IRBAN = "IRBAN"
    WAKIL_DIREKTUR = "WAKIL_DIREKTUR"
    KELURAHAN = "KELURAHAN"
    UNIT_KERJA = "UNIT_KERJA"


AGENCY_KINDS = {
    UnitKind.SETDA,
    UnitKind.SETWAN,
    UnitKind.INSPEKTORAT,
    UnitKind.DINAS,
    UnitKind.BADAN,
    UnitKind.RSUD,
    UnitKind.KECAMATAN,
    UnitKind.UPTD,
}
