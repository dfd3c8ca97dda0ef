from infra.documents.codes import normalise, verify_code


def test_the_code_is_derived_stable_and_differs_per_kind_and_decision():
    code = verify_code("kab-serang-2024", "SURAT_TUGAS", 42, bytes(32))
    assert code == verify_code("kab-serang-2024", "SURAT_TUGAS", 42, bytes(32))
    assert len(code) == 14 and code.count("-") == 2
    assert code != verify_code("kab-serang-2024", "REQUEST_LETTER", 42, bytes(32))
    assert code != verify_code("kab-serang-2024", "SURAT_TUGAS", 43, bytes(32))
    assert code != verify_code("kab-serang-2024", "SURAT_TUGAS", 42, b"\x01" * 32)


def test_a_typed_code_is_read_as_printed():
    code = verify_code("kota-serang-2023", "KEPUTUSAN_TIM", 7, b"\x02" * 32)
    assert normalise(code.lower().replace("-", " ")) == code
    assert normalise("o1il-0000-0000") == "0111-0000-0000"
