"""The letterhead (kop) of the audit report: the tenant's letterhead data where the government
has given it (domain/documents/<profile-id>/letterhead.yaml, the file the letters are drawn
from: `government`, `address`, `place`, `logo`), else the government's name from the profile."""

from dataclasses import dataclass
from pathlib import Path

import yaml

import domain

LETTERHEADS = Path(domain.__file__).parent / "documents"


@dataclass(frozen=True)
class Kop:
    government: str  # as printed: "PEMERINTAH KABUPATEN SERANG"
    address: str = ""
    place: str = ""  # printed before the date of the signature block
    logo: Path | None = None


def kop_of(profile_id: str, government: str, root: Path | None = None) -> Kop:
    path = (root or LETTERHEADS) / profile_id / "letterhead.yaml"
    if not path.is_file():
        return Kop(f"PEMERINTAH {government.upper()}")
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    logo = path.parent / str(data["logo"]) if data.get("logo") else None
    return Kop(
        str(data.get("government") or f"PEMERINTAH {government.upper()}"),
        str(data.get("address") or ""),
        str(data.get("place") or ""),
        logo if logo and logo.is_file() else None,
    )
