"""Letterheads are tenant data beside the profile (issue 12 part 2): every profile has one, and a
sixth government's folder is read without code."""

from pathlib import Path

import pytest

from domain.profile import list_profiles
from infra.documents.kinds import DocumentKind
from infra.documents.letterhead import letterhead


@pytest.mark.parametrize("profile", list_profiles())
def test_every_profile_has_its_letterhead_and_logo(profile):
    head = letterhead(profile)
    assert head.government.startswith("PEMERINTAH") and head.place and head.logo is not None
    # every kind without a register of its own is numbered by the letterhead's template
    assert {k.value for k in DocumentKind} - {"SURAT_TUGAS"} <= set(head.numbering)


def test_a_sixth_government_brings_its_own_letterhead(tmp_path: Path):
    folder = tmp_path / "kab-contoh-2026"
    folder.mkdir()
    (folder / "letterhead.yaml").write_text(
        "government: PEMERINTAH KABUPATEN CONTOH\nplace: Contoh\nlogo: lambang.png\n"
        "numbering:\n  LAPORAN: '{position}/LAP/{year}'\n",
        encoding="utf-8",
    )
    head = letterhead("kab-contoh-2026", tmp_path)
    assert (
        head.government == "PEMERINTAH KABUPATEN CONTOH"
        and head.numbering["LAPORAN"] == "{position}/LAP/{year}"
    )
    assert head.logo is None  # named but not there: the kop is printed without it
