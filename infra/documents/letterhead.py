"""A government's letterhead (kop surat) and the numbering of its letters: tenant data in
domain/documents/<profile-id>/letterhead.yaml beside the profile, with its logo file."""

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

import domain

LETTERHEADS = Path(domain.__file__).parent / "documents"


@dataclass(frozen=True)
class Letterhead:
    government: str
    address: str
    place: str
    head_of_region: str
    logo: Path | None
    verify_url: str
    numbering: dict[str, str] = field(default_factory=dict)


@lru_cache(maxsize=16)
def letterhead(profile_id: str, root: Path = LETTERHEADS) -> Letterhead:
    folder = root / profile_id
    data = yaml.safe_load((folder / "letterhead.yaml").read_text(encoding="utf-8"))
    logo = folder / data["logo"] if data.get("logo") else None
    return Letterhead(
        government=str(data["government"]),
        address=str(data.get("address") or ""),
        place=str(data["place"]),
        head_of_region=str(data.get("head_of_region") or ""),
        logo=logo if logo and logo.is_file() else None,
        verify_url=str(data.get("verify_url") or "/verify/"),
        numbering={str(k): str(v) for k, v in (data.get("numbering") or {}).items()},
    )
