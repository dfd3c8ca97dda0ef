"""The demo regency's structure: a synthetic Kabupaten Serang after the simplification of 2022,
drawn from the Lampiran A of Peraturan Bupati Serang 70/2024 (kab-serang-2024) and the SOTK
Perbup it cites in Pasal 18 (Perbup 82–110/2022).

A unit is (code suffix, kind, head position, name, staff, children). `staff` is the number of
Pejabat Fungsional and Pelaksana placed in it; their titles come from the agency's pool.
"""

from datetime import date

JPT, ADM, PGW, JF = "JPT_PRATAMA", "ADMINISTRATOR", "PENGAWAS", "FUNGSIONAL"

ALL_EXPERT = ["AHLI_PERTAMA", "AHLI_MUDA", "AHLI_MADYA"]
SKILLED = ["TERAMPIL", "MAHIR", "PENYELIA"]

# Functional positions per pool: (title, grades it has). Grades follow the PermenPANRB of each JF.
POOLS = {
    "umum": [
        ("Analis Kebijakan", ALL_EXPERT),
        ("Pranata Komputer", ["AHLI_PERTAMA", "AHLI_MUDA", *SKILLED]),
        ("Arsiparis", ["AHLI_PERTAMA", "AHLI_MUDA", *SKILLED]),
        ("Perencana", ALL_EXPERT),
        ("Analis Keuangan Pusat dan Daerah", ALL_EXPERT),
    ],
    "setda": [
        ("Perancang Peraturan Perundang-undangan", ALL_EXPERT),
        ("Analis Hukum", ALL_EXPERT),
        ("Pengelola Pengadaan Barang/Jasa", ALL_EXPERT),
        ("Pranata Hubungan Masyarakat", ["AHLI_PERTAMA", *SKILLED]),
        ("Analis Kebijakan", ALL_EXPERT),
        ("Pranata Komputer", ["AHLI_PERTAMA", "AHLI_MUDA", *SKILLED]),
    ],
    "inspektorat": [
        ("Auditor", ["AHLI_PERTAMA", "AHLI_MUDA", "AHLI_MADYA", "AHLI_UTAMA", *SKILLED]),
        ("Pengawas Penyelenggaraan Urusan Pemerintahan di Daerah", ALL_EXPERT),
    ],
    "kesehatan": [
        ("Dokter", ALL_EXPERT),
        ("Perawat", ["AHLI_PERTAMA", "AHLI_MUDA", *SKILLED]),
        ("Bidan", ["AHLI_PERTAMA", *SKILLED]),
        ("Epidemiolog Kesehatan", ALL_EXPERT),
        ("Sanitarian", ["AHLI_PERTAMA", *SKILLED]),
        ("Nutrisionis", ["AHLI_PERTAMA", "TERAMPIL"]),
        ("Apoteker", ["AHLI_PERTAMA", "AHLI_MUDA"]),
    ],
    "rsud": [
        ("Dokter Spesialis", ["AHLI_MUDA", "AHLI_MADYA", "AHLI_UTAMA"]),
        ("Dokter", ["AHLI_PERTAMA", "AHLI_MUDA"]),
        ("Perawat", ["AHLI_PERTAMA", "AHLI_MUDA", *SKILLED]),
        ("Bidan", ["AHLI_PERTAMA", *SKILLED]),
        ("Radiografer", SKILLED),
        ("Pranata Laboratorium Kesehatan", SKILLED),
        ("Perekam Medis", SKILLED),
        ("Apoteker", ["AHLI_PERTAMA", "AHLI_MUDA"]),
    ],
    "pendidikan": [
        ("Pamong Belajar", ALL_EXPERT),
        ("Pengembang Teknologi Pembelajaran", ALL_EXPERT),
        ("Pamong Budaya", ["AHLI_PERTAMA", "AHLI_MUDA"]),
        ("Penilik", ["AHLI_PERTAMA", "AHLI_MUDA"]),
        ("Pranata Komputer", ["AHLI_PERTAMA", *SKILLED]),
    ],
    "pupr": [
        ("Teknik Jalan dan Jembatan", ["AHLI_PERTAMA", "AHLI_MUDA", "AHLI_MADYA", *SKILLED]),
        ("Teknik Pengairan", ["AHLI_PERTAMA", "AHLI_MUDA", *SKILLED]),
        ("Penata Ruang", ALL_EXPERT),
        ("Teknik Tata Bangunan dan Perumahan", ["AHLI_PERTAMA", "AHLI_MUDA", *SKILLED]),
    ],
    "bappeda": [
        ("Perencana", ["AHLI_PERTAMA", "AHLI_MUDA", "AHLI_MADYA", "AHLI_UTAMA"]),
        ("Peneliti", ["AHLI_PERTAMA", "AHLI_MUDA"]),
        ("Statistisi", ["AHLI_PERTAMA", *SKILLED]),
    ],
    "bkpsdm": [
        ("Analis Sumber Daya Manusia Aparatur", ALL_EXPERT),
        ("Pranata Sumber Daya Manusia Aparatur", SKILLED),
        ("Asesor Sumber Daya Manusia Aparatur", ["AHLI_PERTAMA", "AHLI_MUDA"]),
        ("Widyaiswara", ["AHLI_MUDA", "AHLI_MADYA"]),
    ],
    "perizinan": [
        ("Analis Kebijakan", ALL_EXPERT),
        ("Penata Perizinan", ["AHLI_PERTAMA", "AHLI_MUDA", *SKILLED]),
    ],
    "perhubungan": [
        (
            "Penguji Kendaraan Bermotor",
            ["PEMULA", "TERAMPIL", "MAHIR", "PENYELIA", "AHLI_PERTAMA", "AHLI_MUDA"],
        ),
        ("Perencana", ["AHLI_PERTAMA", "AHLI_MUDA"]),
    ],
    "perikanan": [
        ("Penyuluh Perikanan", ["AHLI_PERTAMA", "AHLI_MUDA", "AHLI_MADYA", *SKILLED]),
        ("Pengendali Hama dan Penyakit Ikan", ["AHLI_PERTAMA", "TERAMPIL", "MAHIR"]),
    ],
    "kecamatan": [
        ("Polisi Pamong Praja", ["PEMULA", "TERAMPIL", "MAHIR", "AHLI_PERTAMA"]),
        ("Penyuluh Sosial", ["AHLI_PERTAMA", "TERAMPIL"]),
        ("Analis Kebijakan", ["AHLI_PERTAMA", "AHLI_MUDA"]),
    ],
}

# Pelaksana positions (PermenPANRB 45/2022 nomenclature): (title, lowest education).
PELAKSANA = [
    ("Pengadministrasi Perkantoran", "SMA"),
    ("Operator Layanan Operasional", "D3"),
    ("Pengolah Data dan Informasi", "D3"),
    ("Penata Layanan Operasional", "S1"),
    ("Penelaah Teknis Kebijakan", "S1"),
    ("Pengelola Layanan Operasional", "S1"),
]


def _sekretariat(sub: list[str], staff: int = 3) -> tuple:
    return (
        "SEKRET",
        "SEKRETARIAT",
        ADM,
        "Sekretariat",
        staff,
        [(f"SUB{i}", "SUBBAGIAN", PGW, f"Subbagian {name}", 1, []) for i, name in enumerate(sub, 1)],
    )


def _bidang(code: str, name: str, staff: int = 5, seksi: list[str] | None = None) -> tuple:
    children = [(f"S{i}", "SEKSI", PGW, f"Seksi {s}", 1, []) for i, s in enumerate(seksi or [], 1)]
    return (code, "BIDANG", ADM, f"Bidang {name}", staff, children)


def _bagian(code: str, name: str, staff: int = 4, sub: list[str] | None = None) -> tuple:
    children = [(f"SUB{i}", "SUBBAGIAN", PGW, f"Subbagian {s}", 1, []) for i, s in enumerate(sub or [], 1)]
    return (code, "BAGIAN", ADM, f"Bagian {name}", staff, children)


UMUM = ["Umum dan Kepegawaian", "Keuangan"]

# (code, kind, head position, name, head title, pool, staff, units)
AGENCIES = [
    (
        "SETDA",
        "SETDA",
        JPT,
        "Sekretariat Daerah",
        "Sekretaris Daerah",
        "setda",
        0,
        [
            (
                "AS1",
                "ASISTEN",
                JPT,
                "Asisten Pemerintahan dan Kesejahteraan Rakyat",
                1,
                [
                    _bagian("PEM", "Pemerintahan"),
                    _bagian("KESRA", "Kesejahteraan Rakyat"),
                    _bagian("HUKUM", "Hukum", 6),
                ],
            ),
            (
                "AS2",
                "ASISTEN",
                JPT,
                "Asisten Perekonomian dan Pembangunan",
                1,
                [
                    _bagian("EKO", "Perekonomian dan Sumber Daya Alam", 4, ["Perekonomian"]),
                    _bagian("ADPEM", "Administrasi Pembangunan"),
                    _bagian("PBJ", "Pengadaan Barang dan Jasa", 6),
                ],
            ),
            (
                "AS3",
                "ASISTEN",
                JPT,
                "Asisten Administrasi Umum",
                1,
                [
                    _bagian("ORG", "Organisasi", 5),
                    _bagian("UMUM", "Umum", 6, ["Tata Usaha Pimpinan"]),
                    _bagian("RENKEU", "Perencanaan dan Keuangan", 4),
                ],
            ),
        ],
    ),
    (
        "SETWAN",
        "SETWAN",
        JPT,
        "Sekretariat DPRD",
        "Sekretaris DPRD",
        "umum",
        0,
        [
            _bagian("UMUM", "Umum dan Keuangan", 5, ["Tata Usaha dan Kepegawaian"]),
            _bagian("SIDANG", "Persidangan dan Perundang-undangan", 4),
            _bagian("FASIL", "Fasilitasi Penganggaran dan Pengawasan", 4),
        ],
    ),
    (
        "INSPEKTORAT",
        "INSPEKTORAT",
        JPT,
        "Inspektorat",
        "Inspektur",
        "inspektorat",
        1,
        [
            _sekretariat(["Umum dan Kepegawaian"], 3),
            *[
                (f"IRBAN{n}", "IRBAN", ADM, f"Inspektur Pembantu Wilayah {r}", 5, [])
                for n, r in enumerate(["I", "II", "III", "IV"], 1)
            ],
        ],
    ),
    (
        "DINKES",
        "DINAS",
        JPT,
        "Dinas Kesehatan",
        "Kepala Dinas Kesehatan",
        "kesehatan",
        1,
        [
            _sekretariat(UMUM),
            _bidang("KESMAS", "Kesehatan Masyarakat"),
            _bidang("P2P", "Pencegahan dan Pengendalian Penyakit"),
            _bidang("YANKES", "Pelayanan dan Sumber Daya Kesehatan"),
            ("PKM-CIRUAS", "UPTD", PGW, "UPTD Puskesmas Ciruas", 5, []),
            ("PKM-KRAMATWATU", "UPTD", JF, "UPTD Puskesmas Kramatwatu", 5, []),
        ],
    ),
    (
        "DINDIKBUD",
        "DINAS",
        JPT,
        "Dinas Pendidikan dan Kebudayaan",
        "Kepala Dinas Pendidikan dan Kebudayaan",
        "pendidikan",
        0,
        [
            _sekretariat(UMUM),
            _bidang("PAUD", "Pendidikan Anak Usia Dini dan Pendidikan Nonformal", 4, ["Kurikulum PAUD"]),
            _bidang("SD", "Pembinaan Sekolah Dasar", 4, ["Kurikulum SD", "Sarana Prasarana SD"]),
            _bidang("SMP", "Pembinaan Sekolah Menengah Pertama", 4, ["Kurikulum SMP"]),
            _bidang("BUD", "Kebudayaan", 4),
        ],
    ),
    (
        "DPUPR",
        "DINAS",
        JPT,
        "Dinas Pekerjaan Umum dan Penataan Ruang",
        "Kepala Dinas Pekerjaan Umum dan Penataan Ruang",
        "pupr",
        1,
        [
            _sekretariat(UMUM),
            _bidang("BM", "Bina Marga", 5),
            _bidang("SDA", "Sumber Daya Air", 5),
            _bidang("CK", "Cipta Karya", 5),
            _bidang("TR", "Penataan Ruang", 4),
        ],
    ),
    (
        "DISHUB",
        "DINAS",
        JPT,
        "Dinas Perhubungan",
        "Kepala Dinas Perhubungan",
        "perhubungan",
        0,
        [  # Model I
            _sekretariat(["Umum dan Kepegawaian"], 2),
            _bidang("LLAJ", "Lalu Lintas", 4, ["Manajemen dan Rekayasa Lalu Lintas"]),
            _bidang("ANGKUTAN", "Angkutan", 3, ["Pengujian Sarana"]),
        ],
    ),
    (
        "DISKAN",
        "DINAS",
        JPT,
        "Dinas Perikanan",
        "Kepala Dinas Perikanan",
        "perikanan",
        0,
        [  # Model IV
            _sekretariat(["Umum dan Kepegawaian"], 2),
            _bidang("TANGKAP", "Perikanan Tangkap", 3, ["Kenelayanan"]),
            _bidang("BUDIDAYA", "Perikanan Budidaya", 3, ["Produksi Budidaya"]),
        ],
    ),
    (
        "DPMPTSP",
        "DINAS",
        JPT,
        "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu",
        "Kepala Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu",
        "perizinan",
        6,
        [_sekretariat(["Umum dan Keuangan"], 3)],
    ),
    (
        "BAPPEDA",
        "BADAN",
        JPT,
        "Badan Perencanaan Pembangunan, Penelitian dan Pengembangan Daerah",
        "Kepala Badan Perencanaan Pembangunan, Penelitian dan Pengembangan Daerah",
        "bappeda",
        1,
        [
            _sekretariat(UMUM, 3),
            _bidang("PEREKO", "Perencanaan Perekonomian dan Sumber Daya Alam", 4),
            _bidang("PEMBANG", "Perencanaan Pemerintahan dan Pembangunan Manusia", 5),
            _bidang("INFRA", "Perencanaan Infrastruktur dan Kewilayahan", 4),
            _bidang("LITBANG", "Penelitian dan Pengembangan", 4),
        ],
    ),
    (
        "BKPSDM",
        "BADAN",
        JPT,
        "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
        "Kepala Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
        "bkpsdm",
        1,
        [
            _sekretariat(UMUM, 3),
            _bidang("PPI", "Pengadaan, Pemberhentian dan Informasi", 4),
            _bidang("MUTASI", "Mutasi dan Promosi", 4),
            _bidang("PSDM", "Pengembangan Sumber Daya Manusia", 4),
            _bidang("PKP", "Penilaian Kinerja Aparatur dan Penghargaan", 4),
        ],
    ),
    (
        "RSUD",
        "RSUD",
        JPT,
        "Rumah Sakit Umum Daerah dr. Dradjat Prawiranegara",
        "Direktur",
        "rsud",
        2,
        [
            (
                "WADIR-UMUM",
                "WAKIL_DIREKTUR",
                ADM,
                "Wakil Direktur Umum dan Keuangan",
                0,
                [
                    _bagian("UMUM", "Umum dan Kepegawaian", 4),
                    _bagian("KEU", "Keuangan", 4),
                    _bagian("REN", "Perencanaan", 3),
                ],
            ),
            (
                "WADIR-YAN",
                "WAKIL_DIREKTUR",
                ADM,
                "Wakil Direktur Pelayanan",
                0,
                [
                    _bidang("MEDIK", "Pelayanan Medik", 6),
                    _bidang("KEP", "Keperawatan", 6),
                    _bidang("PENUNJANG", "Penunjang", 7),
                ],
            ),
        ],
    ),
    *[
        (
            f"KEC-{name.upper()}",
            "KECAMATAN",
            ADM,
            f"Kecamatan {name}",
            f"Camat {name}",
            "kecamatan",
            0,
            [
                ("SEKCAM", "SEKRETARIAT", ADM, "Sekretariat Kecamatan", 3, []),
                ("PEM", "SEKSI", PGW, "Seksi Pemerintahan", 1, []),
                ("TRANTIB", "SEKSI", PGW, "Seksi Ketenteraman dan Ketertiban Umum", 4, []),
                ("KESRA", "SEKSI", PGW, "Seksi Kesejahteraan Sosial", 1, []),
            ],
        )
        for name in ("Ciruas", "Kramatwatu")
    ],
]

# The SOTK Perbup of each agency (kab-serang-2024 Pasal 18 lists them): the legal basis of its units.
SOTK = {
    "SETDA": "Perbup Serang 103/2022",
    "SETWAN": "Perbup Serang 104/2022",
    "INSPEKTORAT": "Perbup Serang 100/2022",
    "DINKES": "Perbup Serang 96/2022",
    "DINDIKBUD": "Perbup Serang 84/2022",
    "DPUPR": "Perbup Serang 95/2022",
    "DPMPTSP": "Perbup Serang 106/2022",
    "BAPPEDA": "Perbup Serang 97/2022",
    "BKPSDM": "Perbup Serang 87/2022",
    "RSUD": "Perbup Serang 110/2022",
    "DISKAN": "Perbup Serang 108/2022",
}  # others: "Perbup Serang"

MALE = [
    "Ahmad",
    "Agus",
    "Budi",
    "Dedi",
    "Eko",
    "Fajar",
    "Hendra",
    "Iwan",
    "Joko",
    "Rudi",
    "Yusuf",
    "Rizki",
    "Asep",
    "Ujang",
    "Dadang",
    "Hasan",
    "Irfan",
    "Bambang",
    "Taufik",
    "Wahyu",
    "Arif",
    "Dimas",
    "Ilham",
    "Ridwan",
]
FEMALE = [
    "Siti",
    "Dewi",
    "Sri",
    "Rina",
    "Nurul",
    "Fitri",
    "Ratna",
    "Yuliani",
    "Euis",
    "Neneng",
    "Lilis",
    "Ayu",
    "Rahmawati",
    "Indah",
    "Maya",
    "Ani",
    "Wulan",
    "Intan",
    "Nia",
    "Dian",
    "Tuti",
    "Eka",
    "Lina",
    "Putri",
]
MALE_FAMILY = [
    "Hidayat",
    "Saputra",
    "Setiawan",
    "Kurniawan",
    "Suryadi",
    "Gunawan",
    "Nugraha",
    "Firmansyah",
    "Mulyana",
    "Rohmat",
    "Sulaeman",
    "Hermawan",
    "Syahputra",
    "Wijaya",
    "Maulana",
    "Ramdani",
    "Permana",
]
FEMALE_FAMILY = [
    "Nurjanah",
    "Susanti",
    "Lestari",
    "Handayani",
    "Rahayu",
    "Fauziah",
    "Marlina",
    "Komalasari",
    "Hasanah",
    "Wulandari",
    "Purnamasari",
    "Septiani",
    "Anggraeni",
    "Kartika",
    "Maulida",
    "Sari",
]

DIRECT_UNDER_HEAD = {"DPMPTSP"}  # Lampiran A angka 9: JF and Pelaksana under the Kepala Dinas
ADMIN_UNIT = "BKPSDM.MUTASI"  # the demo administrator heads BKPSDM's Bidang Mutasi dan Promosi

# (grantor's unit, delegate's unit, first day): a head on leave hands appraisal to a colleague.
DELEGATIONS = [
    ("DINKES.KESMAS", "DINKES.P2P", date(2025, 2, 3)),
    ("SETDA.AS3.ORG", "SETDA.AS3.UMUM", date(2025, 3, 10)),
    ("RSUD.WADIR-YAN.KEP", "RSUD.WADIR-YAN.MEDIK", date(2025, 4, 14)),
    ("INSPEKTORAT.IRBAN2", "INSPEKTORAT.IRBAN1", date(2025, 5, 5)),
]
# And one head on leave the day the demo is loaded (a week before to three weeks after), so that
# delegations held today show: (grantor's unit, delegate's unit, days before, days after).
CURRENT_LEAVE = ("SETDA.AS1.HUKUM", "SETDA.AS1.PEM", 7, 21)

# Work under way in Dinas Kesehatan, so that inboxes, teams, reports and evaluations show data:
# a team of Bidang P2P (leader and members: the officials placed there, by their order of placement),
# its March reports and its results approved by the Kepala Bidang, awaiting the Kepala Dinas; and a
# voluntary request of an official of Bidang Kesmas awaiting the Kepala Bidang.
TEAM = {
    "unit": "DINKES.P2P",
    "name": "Tim Penanggulangan Demam Berdarah Dengue",
    "leader": 0,
    "members": (2, 4),
    "tasks": ["Memetakan kasus DBD per desa", "Mengoordinasikan fogging fokus"],
    "targets": [{"description": "Peta kasus DBD per desa", "measure": "1 peta per bulan"}],
    "roles": ["Pengolah data kasus", "Koordinator lapangan"],
    "period": (date(2025, 1, 6), date(2025, 12, 31)),
    "report_period": "2025-03",
}
VOLUNTARY = {
    "unit": "DINKES.KESMAS",
    "official": 1,
    "work": "Penyuluhan gizi seimbang di posyandu",
    "period": (date(2025, 4, 1), date(2025, 6, 30)),
}


def head_title(kind: str, name: str) -> str:
    if kind == "SEKRETARIAT":
        return "Sekretaris Kecamatan" if name.endswith("Kecamatan") else "Sekretaris"
    if kind in ("ASISTEN", "IRBAN", "WAKIL_DIREKTUR"):
        return name
    return f"Kepala {name}"


# Position or grade -> (birth years, ranks, educations), as such officials usually stand.
PROFILE = {
    "JPT_PRATAMA": ((1966, 1976), ["IV/c", "IV/d"], ["S2", "S2", "S3"]),
    "ADMINISTRATOR": ((1968, 1982), ["IV/a", "IV/b"], ["S1", "S2", "S2"]),
    "PENGAWAS": ((1972, 1986), ["III/c", "III/d", "IV/a"], ["S1", "S1", "S2"]),
    "AHLI_UTAMA": ((1964, 1970), ["IV/d", "IV/e"], ["S2", "S3"]),
    "AHLI_MADYA": ((1966, 1978), ["IV/a", "IV/b", "IV/c"], ["S2", "S2", "S3"]),
    "AHLI_MUDA": ((1975, 1988), ["III/c", "III/d"], ["S1", "S2"]),
    "AHLI_PERTAMA": ((1988, 1998), ["III/a", "III/b"], ["S1", "D4"]),
    "PEMULA": ((1996, 2001), ["II/a"], ["SMA"]),
    "TERAMPIL": ((1985, 1998), ["II/b", "II/c", "II/d"], ["D3", "SMA"]),
    "MAHIR": ((1978, 1990), ["III/a", "III/b"], ["D3"]),
    "PENYELIA": ((1970, 1984), ["III/c", "III/d"], ["D3", "D4"]),
    "PELAKSANA": ((1970, 2000), ["II/a", "II/b", "II/c", "II/d", "III/a", "III/b"], ["SMA", "D3", "S1"]),
}
GRADE_WEIGHT = {
    "AHLI_PERTAMA": 4,
    "AHLI_MUDA": 3,
    "AHLI_MADYA": 1,
    "AHLI_UTAMA": 0.3,
    "PEMULA": 3,
    "TERAMPIL": 3,
    "MAHIR": 2,
    "PENYELIA": 1,
}
GRADE_TITLE = {
    "AHLI_PERTAMA": "Ahli Pertama",
    "AHLI_MUDA": "Ahli Muda",
    "AHLI_MADYA": "Ahli Madya",
    "AHLI_UTAMA": "Ahli Utama",
    "PEMULA": "Pemula",
    "TERAMPIL": "Terampil",
    "MAHIR": "Mahir",
    "PENYELIA": "Penyelia",
}
SENIOR_GRADES = {"AHLI_MADYA", "AHLI_UTAMA"}
PELAKSANA_EDUCATION = dict(PELAKSANA)
PELAKSANA_RANKS = {
    "SMA": ["II/a", "II/b", "II/c", "II/d"],
    "D3": ["II/c", "II/d", "III/a"],
    "S1": ["III/a", "III/b", "III/c"],
}
PPPK_RANK = {"S1": "IX", "D4": "IX", "D3": "VII", "SMA": "V"}  # Perpres 98/2020 golongan by education


class People:
    """Seeded synthetic officials with valid, unique NIPs (BKN layout, see domain/nip.py)."""

    def __init__(self, rng):
        self.rng = rng
        self.used: set[str] = set()

    def position(self, pool, *, senior_only: bool, senior_allowed: bool) -> tuple[str, str | None, str]:
        rng = self.rng
        if not senior_only and rng.random() < 0.35:
            title, _ = rng.choice(PELAKSANA)
            return "PELAKSANA", None, title
        choices = [
            (title, g)
            for title, grades in pool
            for g in grades
            if (g in SENIOR_GRADES) == senior_only or (senior_allowed and not senior_only)
        ]
        if not choices:  # a pool without senior grades: fall back to the whole pool
            choices = [(title, g) for title, grades in pool for g in grades]
        title, grade = rng.choices(choices, weights=[GRADE_WEIGHT[g] for _, g in choices])[0]
        return "FUNGSIONAL", grade, f"{title} {GRADE_TITLE[grade]}"

    def person(self, position: str, grade: str | None, title: str, nip: str | None = None) -> dict:
        rng = self.rng
        (first, last), ranks, educations = PROFILE[grade or position]
        birth = date(rng.randint(first, last), rng.randint(1, 12), rng.randint(1, 28))
        sex = rng.choice("12")
        pppk = (
            nip is None
            and position in ("FUNGSIONAL", "PELAKSANA")
            and birth.year >= 1988
            and rng.random() < 0.2
        )
        education = rng.choice(educations)
        if position == "PELAKSANA":
            education = PELAKSANA_EDUCATION[title]
            ranks = PELAKSANA_RANKS[education]
        if title.startswith(("Dokter", "Apoteker")):
            education = "S2" if "Spesialis" in title else "S1"
        while nip is None or nip in self.used:
            year = min(birth.year + rng.randint(22, 28), 2023) if not pppk else rng.choice([2022, 2023])
            middle = f"{year}21" if pppk else f"{year}{rng.choice([1, 2, 3, 4, 12]):02d}"
            nip = f"{birth:%Y%m%d}{middle}{sex}{rng.randint(1, 999):03d}"
        self.used.add(nip)
        sex = nip[14]
        male = sex == "1"
        name = f"{rng.choice(MALE if male else FEMALE)} {rng.choice(MALE_FAMILY if male else FEMALE_FAMILY)}"
        return {
            "nip": nip,
            "employee_type": "PPPK" if pppk else "PNS",
            "name": name,
            "position_type": position,
            "position_title": title,
            "grade": grade,
            "education": education,
            "rank": PPPK_RANK.get(education, "IX") if pppk else rng.choice(ranks),
        }


# Positions placed whatever the draw, so that every functional grade is in the demo: (unit, JF, grade).
ENSURED = [
    ("RSUD", "Dokter Spesialis", "AHLI_UTAMA"),
    ("BAPPEDA", "Perencana", "AHLI_UTAMA"),
    ("KEC-CIRUAS.TRANTIB", "Polisi Pamong Praja", "PEMULA"),
    ("DISHUB.LLAJ.S1", "Penguji Kendaraan Bermotor", "PEMULA"),
]
