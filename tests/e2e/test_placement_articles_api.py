"""Placement (kedudukan) to the letter, over GraphQL: the declared structure type (banjarnegara-2024
Pasal 40-41), the Kecamatan (Pasal 51-52) and Setda (Pasal 31) rules, Kab. Serang Lampiran A, the unit
kerja mandiri, and the SK behind a placement or a head appointment."""

import pytest

from tests.e2e.test_organisation_api import APPOINT, ESTABLISH, register

PLACE = (
    "mutation($i: PlaceOfficialInput!) { placeOfficial(input: $i) { "
    "... on OfficialSuccess { official { nip appraiser { nip } placementHistory { legalBasis "
    "decree { number date signedBy } } } } ... on CommandError { code message pesan } } }"
)
DECLARE_TYPE = (
    "mutation($i: DeclareStructureTypeInput!) { declareStructureType(input: $i) { "
    "... on UnitSuccess { unit { code structureType } } ... on CommandError { code message } } }"
)
DECLARE_MANDIRI = (
    "mutation($i: DeclareUnitKerjaMandiriInput!) { declareUnitKerjaMandiri(input: $i) { "
    "... on UnitSuccess { unit { code unitKerjaMandiri } } ... on CommandError { code } } }"
)
ON = "2025-01-06"  # after every regulation took effect (profile in_force)


def headed(server, code, kind, head_position, parent=None, grade=None, **extra) -> str:
    """A unit established (with any extra input fields), and its head appointed; the head's NIP."""
    result = server.gql(
        ESTABLISH,
        {
            "i": {
                "code": code,
                "name": code,
                "kind": kind,
                "headPosition": head_position,
                "parentCode": parent,
                "legalBasis": "Perbup SOTK",
                **extra,
            }
        },
    )
    assert "unit" in result["establishUnit"], result
    head = register(server, head_position, grade=grade, rank="IV/a")
    answer = server.gql(
        APPOINT,
        {"i": {"unitCode": code, "nip": head, "effectiveDate": "2024-01-02", "legalBasis": "SK jabatan"}},
    )["appointHead"]
    assert "unit" in answer, answer
    return head


def place(server, nip, unit, appraiser, decree=None) -> dict:
    return server.gql(
        PLACE,
        {
            "i": {
                "nip": nip,
                "unitCode": unit,
                "appraiserNip": appraiser,
                "effectiveDate": ON,
                "decree": decree,
            }
        },
    )["placeOfficial"]


@pytest.mark.profile("banjarnegara-2024")
def test_banjarnegara_pasal_40_ayat_2_huruf_b_one_level_dinas_declared(live_server):
    """Pasal 40 ayat (2) huruf b and Pasal 41 huruf a: a Dinas declared of one structural level (it
    keeps its Sekretariat, Pasal 42 ayat (2)) places a Pelaksana under the JPT Pratama; before the
    declaration the general Pasal 17 ayat (5) refuses it."""
    head = headed(live_server, "DINSOS", "DINAS", "JPT_PRATAMA")
    headed(live_server, "DINSOS.SEK", "SEKRETARIAT", "ADMINISTRATOR", "DINSOS")
    staff = register(live_server, "PELAKSANA", rank="II/c")
    refused = place(live_server, staff, "DINSOS", head)
    assert refused["code"] == "PLACEMENT_NOT_ALLOWED" and "Pasal 17 ayat (5)" in refused["message"]
    declared = live_server.gql(
        DECLARE_TYPE,
        {
            "i": {
                "agencyCode": "DINSOS",
                "structureType": "ONE_LEVEL",
                "legalBasis": "Perbup Banjarnegara 12/2023 SOTK",
            }
        },
    )
    assert declared["declareStructureType"]["unit"] == {"code": "DINSOS", "structureType": "ONE_LEVEL"}
    placed = place(live_server, staff, "DINSOS", head)["official"]
    assert placed["placementHistory"][0]["legalBasis"] == (
        "banjarnegara-2024 Pasal 40 ayat (2) huruf b dan huruf d; Pasal 42 ayat (2) huruf c"
    )
    not_agency = live_server.gql(
        DECLARE_TYPE, {"i": {"agencyCode": "DINSOS.SEK", "legalBasis": "SOTK", "structureType": "ONE_LEVEL"}}
    )["declareStructureType"]
    assert not_agency["code"] == "STRUCTURE_TYPE_FOR_AGENCIES"


@pytest.mark.profile("banjarnegara-2024")
def test_banjarnegara_pasal_52_ayat_2_huruf_b_kecamatan_pengawas_only(live_server):
    """Pasal 51 ayat (2), Pasal 52 ayat (2) huruf b: in a Kecamatan, Pelaksana under a Pengawas only."""
    headed(live_server, "KEC", "KECAMATAN", "ADMINISTRATOR")
    sekcam = headed(live_server, "KEC.SEK", "SEKRETARIAT", "ADMINISTRATOR", "KEC")
    kasi = headed(live_server, "KEC.SEK.S1", "SEKSI", "PENGAWAS", "KEC.SEK")
    staff = register(live_server, "PELAKSANA", rank="II/c")
    assert place(live_server, staff, "KEC.SEK.S1", sekcam)["code"] == "PLACEMENT_NOT_ALLOWED"
    placed = place(live_server, staff, "KEC.SEK.S1", kasi)["official"]
    assert placed["placementHistory"][0]["legalBasis"] == (
        "banjarnegara-2024 Pasal 51 ayat (2); Pasal 52 ayat (2) huruf b"
    )


@pytest.mark.profile("banjarnegara-2024")
def test_banjarnegara_pasal_31_ayat_2_huruf_b_setda_ahli_muda_under_an_administrator(live_server):
    sekda = headed(live_server, "SETDA", "SETDA", "JPT_PRATAMA")
    headed(live_server, "SETDA.AS1", "ASISTEN", "JPT_PRATAMA", "SETDA")
    kabag = headed(live_server, "SETDA.AS1.HUK", "BAGIAN", "ADMINISTRATOR", "SETDA.AS1")
    expert = register(live_server, "FUNGSIONAL", grade="AHLI_MUDA")
    assert place(live_server, expert, "SETDA.AS1.HUK", sekda)["code"] == "PLACEMENT_NOT_ALLOWED"
    placed = place(live_server, expert, "SETDA.AS1.HUK", kabag)["official"]
    assert placed["placementHistory"][0]["legalBasis"] == "banjarnegara-2024 Pasal 31 ayat (2) huruf b"


def test_kab_serang_lampiran_a_kasi_coordinates_and_pasal_6_ayat_1_where_it_does_not_reach(live_server):
    """Lampiran A: JF and Pelaksana under the Kepala Bidang, not the Kepala Seksi ("seperti ketua tim");
    Pasal 6 ayat (1): in a UPTD, which Lampiran A does not depict, the unit head, here a doctor."""
    headed(live_server, "DINKES", "DINAS", "JPT_PRATAMA")
    kabid = headed(live_server, "DINKES.P2P", "BIDANG", "ADMINISTRATOR", "DINKES")
    kasi = headed(live_server, "DINKES.P2P.S1", "SEKSI", "PENGAWAS", "DINKES.P2P")
    doctor = headed(live_server, "DINKES.PKM", "UPTD", "FUNGSIONAL", "DINKES", grade="AHLI_MUDA")
    staff, nurse = (register(live_server, "PELAKSANA", rank="II/c") for _ in range(2))
    refused = place(live_server, staff, "DINKES.P2P.S1", kasi)
    assert refused["code"] == "PLACEMENT_NOT_ALLOWED" and "Lampiran A" in refused["message"]
    placed = place(live_server, staff, "DINKES.P2P.S1", kabid)["official"]
    assert placed["placementHistory"][0]["legalBasis"] == (
        "kab-serang-2024 Pasal 6 ayat (1) dan ayat (4); Lampiran A"
    )
    in_uptd = place(live_server, nurse, "DINKES.PKM", doctor)["official"]
    assert in_uptd["placementHistory"][0]["legalBasis"] == "kab-serang-2024 Pasal 6 ayat (1)"


@pytest.mark.profile("banyumas-2024")
def test_banyumas_pasal_1_angka_4_a_fungsional_appraises_only_heading_a_unit_kerja_mandiri(live_server):
    """Banyumas Pasal 1 angka 4 and Lampiran BAB II B.1 huruf b."""
    headed(live_server, "DINKES", "DINAS", "JPT_PRATAMA")
    doctor = headed(live_server, "DINKES.PKM", "UPTD", "FUNGSIONAL", "DINKES", grade="AHLI_MADYA")
    lab = headed(
        live_server,
        "DINKES.LAB",
        "UNIT_KERJA",
        "FUNGSIONAL",
        "DINKES",
        grade="AHLI_MUDA",
        unitKerjaMandiri=True,
    )
    nurse, analyst = (register(live_server, "PELAKSANA", rank="II/c") for _ in range(2))
    refused = place(live_server, nurse, "DINKES.PKM", doctor)
    assert refused["code"] == "APPRAISER_NOT_UNIT_KERJA_MANDIRI" and "unit kerja mandiri" in refused["pesan"]
    assert place(live_server, analyst, "DINKES.LAB", lab)["official"]["appraiser"]["nip"] == lab
    declared = live_server.gql(
        DECLARE_MANDIRI,
        {
            "i": {
                "unitCode": "DINKES.PKM",
                "mandiri": True,
                "legalBasis": "Perbup Banyumas tentang UPTD Puskesmas",
            }
        },
    )
    assert declared["declareUnitKerjaMandiri"]["unit"] == {"code": "DINKES.PKM", "unitKerjaMandiri": True}
    placed = place(live_server, nurse, "DINKES.PKM", doctor)["official"]
    assert placed["placementHistory"][0]["legalBasis"] == (
        "banyumas-2024 Pasal 7 ayat (1) dan ayat (2); Lampiran BAB II B.1 huruf b; Pasal 1 angka 4"
    )


@pytest.mark.profile("banjarnegara-2024")
def test_banjarnegara_pasal_17_ayat_7_the_sk_of_the_placement_and_of_the_head(live_server):
    """Pasal 17 ayat (7) "ditetapkan oleh Bupati selaku Pejabat Pembina Kepegawaian": the SK is recorded
    on the placement (placementHistory.decree, and named in its legal basis) and on the head's appointment."""
    head = headed(live_server, "DINSOS", "DINAS", "JPT_PRATAMA", structureType="ONE_LEVEL")
    staff = register(live_server, "PELAKSANA", rank="II/c")
    sk = {"number": "821.2/45/2024", "date": "2024-05-30", "signedBy": "Bupati Banjarnegara selaku PPK"}
    history = place(live_server, staff, "DINSOS", head, decree=sk)["official"]["placementHistory"]
    assert history[0]["decree"] == sk
    assert history[0]["legalBasis"].endswith(
        "; SK 821.2/45/2024 tanggal 2024-05-30 (Bupati Banjarnegara selaku PPK)"
    )
    successor = register(live_server, "JPT_PRATAMA", rank="IV/c")
    appointed = live_server.gql(
        "mutation($i: AppointHeadInput!) { appointHead(input: $i) { ... on UnitSuccess { unit { head { nip } "
        "headDecree { number date signedBy } } } ... on CommandError { code } } }",
        {
            "i": {
                "unitCode": "DINSOS",
                "nip": successor,
                "effectiveDate": "2024-07-01",
                "legalBasis": "Pelantikan",
                "decree": {**sk, "number": "821.2/60/2024"},
            }
        },
    )
    appointed = appointed["appointHead"]["unit"]
    assert appointed == {"head": {"nip": successor}, "headDecree": {**sk, "number": "821.2/60/2024"}}
    blank = place(
        live_server,
        register(live_server, "PELAKSANA", rank="II/c"),
        "DINSOS",
        successor,
        decree={**sk, "number": ""},
    )
    assert blank["code"] == "REQUIRED"


RECOMMEND = (
    "mutation($i: RecommendAppraisalInput!) { recommendAppraisal(input: $i) { ... on OfficialSuccess {"
    " official { nip } } ... on CommandError { code message pesan legalBasis } } }"
)
RECOMMENDATIONS = (
    "query($nip: String!) { official(nip: $nip) { appraisalRecommendations { year unitCode recommenderNip"
    " recommendation legalBasis } } }"
)


@pytest.mark.profile("kab-serang-2024")
def test_kab_serang_pasal_6_ayat_3_the_unit_head_recommends_an_ahli_madya_for_appraisal(live_server):
    """Pasal 6 ayat (2): an Ahli Madya in a Bidang is appraised by the kepala Perangkat Daerah; ayat (3):
    on the recommendation of the head of the unit where he is (the Kepala Bidang)."""
    head = headed(live_server, "DINKES", "DINAS", "JPT_PRATAMA")
    kabid = headed(live_server, "DINKES.P2P", "BIDANG", "ADMINISTRATOR", parent="DINKES")
    madya = register(live_server, "FUNGSIONAL", grade="AHLI_MADYA", rank="IV/b")
    pertama = register(live_server, "FUNGSIONAL", grade="AHLI_PERTAMA", rank="III/a")
    assert place(live_server, madya, "DINKES.P2P", head)["official"]["appraiser"]["nip"] == head
    place(live_server, pertama, "DINKES.P2P", kabid)
    given = {"nip": madya, "year": 2025, "recommendation": "Capaian kinerja 2025 sangat baik."}
    by_appraiser = live_server.gql(RECOMMEND, {"i": given}, token=live_server.token(head))
    assert by_appraiser["recommendAppraisal"]["code"] == "NOT_YOUR_STEP"  # the unit head's, not his
    recorded = live_server.gql(RECOMMEND, {"i": given}, token=live_server.token(kabid))
    assert recorded["recommendAppraisal"]["official"]["nip"] == madya
    shown = live_server.gql(RECOMMENDATIONS, {"nip": madya}, token=live_server.token(head))
    assert shown["official"]["appraisalRecommendations"] == [
        {
            "year": 2025,
            "unitCode": "DINKES.P2P",
            "recommenderNip": kabid,
            "recommendation": "Capaian kinerja 2025 sangat baik.",
            "legalBasis": "kab-serang-2024 Pasal 6 ayat (3)",
        }
    ]
    outsider = register(live_server, "PELAKSANA", rank="II/c")
    hidden = live_server.gql(RECOMMENDATIONS, {"nip": madya}, token=live_server.token(outsider))
    assert hidden["official"]["appraisalRecommendations"] is None  # personal: outside his line
    wrong_grade = live_server.gql(
        RECOMMEND, {"i": {**given, "nip": pertama}}, token=live_server.token(kabid)
    )["recommendAppraisal"]
    assert wrong_grade["code"] == "RECOMMENDATION_NOT_FOR_GRADE"
    assert wrong_grade["legalBasis"] == ["kab-serang-2024 Pasal 6 ayat (3)"]


@pytest.mark.profile("banyumas-2024")
def test_a_recommendation_for_appraisal_is_refused_where_the_regulation_has_none(live_server):
    head = headed(live_server, "DINKES", "DINAS", "JPT_PRATAMA")
    madya = register(live_server, "FUNGSIONAL", grade="AHLI_MADYA", rank="IV/b")
    place(live_server, madya, "DINKES", head)
    refused = live_server.gql(
        RECOMMEND,
        {"i": {"nip": madya, "year": 2025, "recommendation": "Baik"}},
        token=live_server.token(head),
    )["recommendAppraisal"]
    assert refused["code"] == "NO_APPRAISAL_RECOMMENDATION" and "Kabupaten Banyumas" in refused["pesan"]


@pytest.mark.profile("banyumas-2024")
def test_banyumas_pasal_20_a_placement_dated_before_2_january_2025_rests_on_its_sk(live_server):
    """Pasal 20: the Perbup took effect on 2 January 2025; a placement with an earlier TMT (history
    loaded at go-live) does not cite it, but its SK; the `regulation` query says so."""
    regulation = live_server.gql("{ regulation { profileId inForceSince inForceCitation } }")["regulation"]
    assert regulation == {
        "profileId": "banyumas-2024",
        "inForceSince": "2025-01-02",
        "inForceCitation": "Pasal 20",
    }
    head = headed(live_server, "DINKES", "DINAS", "JPT_PRATAMA")
    staff = register(live_server, "PELAKSANA", rank="II/c")
    sk = {"number": "821/5/2024", "date": "2024-06-20", "signedBy": "Bupati Banyumas selaku PPK"}
    placed = live_server.gql(
        PLACE,
        {
            "i": {
                "nip": staff,
                "unitCode": "DINKES",
                "appraiserNip": head,
                "effectiveDate": "2024-07-01",
                "decree": sk,
            }
        },
    )["placeOfficial"]["official"]
    assert placed["placementHistory"][0]["legalBasis"] == (
        "banyumas-2024 belum berlaku (berlaku sejak 2025-01-02); "
        "SK 821/5/2024 tanggal 2024-06-20 (Bupati Banyumas selaku PPK)"
    )
