"""Which documents a decision has: the letters of the route, read from its events.

Every document is one decision event: the request letter is the request, the reply is the step
that names the officials or refuses, the Surat Tugas is the issued letter, the Keputusan is the
team's forming, the laporan is the report. Its place in the ledger (`position`) identifies it.
A decision another government took (recorded from its letter) is that government's document.
"""

from dataclasses import dataclass
from enum import Enum
from typing import Any
from uuid import UUID

from projections.ledger.queries import LedgerQueries


class DocumentKind(str, Enum):
    REQUEST_LETTER = "REQUEST_LETTER"  # surat permohonan
    REPLY = "REPLY"  # surat jawaban: the officials named, or the refusal with its reason
    SURAT_TUGAS = "SURAT_TUGAS"
    KEPUTUSAN_TIM = "KEPUTUSAN_TIM"
    LAPORAN = "LAPORAN"  # laporan pelaksanaan tugas


# (aggregate class name, event class name) -> the document that decision is
EVENT_KINDS: dict[tuple[str, str], DocumentKind] = {
    ("Assignment", "Requested"): DocumentKind.REQUEST_LETTER,
    ("Assignment", "OfficialsNamed"): DocumentKind.REPLY,
    ("Assignment", "StepRejected"): DocumentKind.REPLY,
    ("Assignment", "LetterIssued"): DocumentKind.SURAT_TUGAS,
    ("Team", "Formed"): DocumentKind.KEPUTUSAN_TIM,
    ("Report", "Reported"): DocumentKind.LAPORAN,
}


@dataclass(frozen=True)
class DocumentRef:
    aggregate_id: str
    position: int  # the decision event's notification id: its place in the ledger and the chain
    version: int  # the event's version in its aggregate
    kind: DocumentKind


def kind_of(event: Any) -> DocumentKind | None:
    owner, _, name = type(event).__qualname__.rpartition(".")
    return EVENT_KINDS.get((owner, name))


def another_governments(event: Any) -> bool:
    """A decision recorded from another government's letter: that letter is the document, on its
    own letterhead, and the store keeps its reference; this government issues nothing for it."""
    letter = (getattr(event, "decision", None) or {}).get("letter") or {}
    return bool(letter.get("government"))


def documents_of(system: Any, aggregate_id: str | UUID) -> list[DocumentRef]:
    """The documents of an assignment, a team or a report, in the order decided."""
    key = str(aggregate_id)
    positions = LedgerQueries(system.store).positions(key)
    refs = []
    for event in system.app.events.get(UUID(key)):
        kind = kind_of(event)
        position = positions.get(event.originator_version)
        if kind is not None and position is not None and not another_governments(event):
            refs.append(DocumentRef(key, position, event.originator_version, kind))
    return refs
