"""The columns of the import files: each field with the headers that name it, English and the
Indonesian ones SIMPEG/SIASN exports use. Headers are matched case-, space- and punctuation-blind."""

import re

ORG_COLUMNS: dict[str, tuple[str, ...]] = {
    "code": ("code", "kode", "kode unit", "kode unor", "kode satker", "id unor"),
    "name": ("name", "nama", "nama unit", "nama unor", "unit organisasi"),
    "kind": ("kind", "jenis", "jenis unit", "jenis unor"),
    "head_position": ("head position", "level", "eselon", "jenis jabatan kepala", "level jabatan"),
    "parent_code": ("parent code", "parent", "induk", "kode induk", "kode unor induk", "unor induk"),
    "legal_basis": ("legal basis", "dasar hukum", "perda sotk", "dasar pembentukan"),
    "structure_type": ("structure type", "tipe", "tipe perangkat daerah", "tipologi"),
    "head_nip": ("head nip", "nip kepala", "nip pimpinan"),
    "head_since": ("head since", "tmt kepala", "tmt jabatan kepala", "tmt pelantikan"),
    "head_decree_number": ("head decree number", "nomor sk kepala", "no sk kepala", "nomor sk"),
    "head_decree_date": ("head decree date", "tanggal sk kepala", "tgl sk kepala", "tanggal sk"),
    "head_decree_signed_by": ("head decree signed by", "pejabat penetap", "penandatangan sk"),
}

OFFICIAL_COLUMNS: dict[str, tuple[str, ...]] = {
    "nip": ("nip", "nip baru", "nip/ni pppk", "ni pppk"),
    "name": ("name", "nama", "nama lengkap", "nama pegawai"),
    "employee_type": ("employee type", "jenis pegawai", "status pegawai", "kedudukan hukum"),
    "position_type": ("position type", "jenis jabatan"),
    "position_title": ("position title", "jabatan", "nama jabatan"),
    "grade": ("grade", "jenjang", "jenjang jabatan"),
    "rank": ("rank", "pangkat", "golongan", "pangkat/golongan", "gol ruang", "golongan ruang"),
    "education": ("education", "pendidikan", "pendidikan terakhir", "tingkat pendidikan"),
    "unit_code": ("unit code", "unit", "kode unor", "kode unit", "unit kerja", "unor"),
    "appraiser_nip": ("appraiser nip", "nip atasan", "nip penilai", "nip pejabat penilai"),
    "effective_date": ("effective date", "tmt", "tmt jabatan"),
    "decree_number": ("decree number", "nomor sk", "no sk"),
    "decree_date": ("decree date", "tanggal sk", "tgl sk"),
    "decree_signed_by": ("decree signed by", "pejabat penetap", "penandatangan sk"),
    "legal_basis": ("legal basis", "dasar hukum", "dasar pengangkatan"),
}

ORG_REQUIRED = ("code", "name", "kind", "head_position", "legal_basis")
OFFICIAL_REQUIRED = ("nip", "name", "position_type", "position_title", "rank", "education")


def key(header: str) -> str:
    return re.sub(r"[^a-z0-9/]+", " ", header.lower()).strip()


def mapping(headers: list[str], columns: dict[str, tuple[str, ...]]) -> dict[int, str]:
    """Column index -> field, for the headers this file has (unknown headers are ignored)."""
    aliases = {key(alias): field for field, names in columns.items() for alias in names}
    found: dict[int, str] = {}
    for index, header in enumerate(headers):
        field = aliases.get(key(str(header or "")))
        if field and field not in found.values():
            found[index] = field
    return found


def enum_value(text: str) -> str:
    """ "JPT Pratama", "jpt-pratama" and "JPT_PRATAMA" name the same value."""
    return re.sub(r"[^A-Z0-9]+", "_", text.upper()).strip("_")
