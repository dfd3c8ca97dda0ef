"""What a document says, taken from the events of its decision (never typed): the fields of
the tata naskah dinas layout (Permendagri 1/2023), filled per kind.

Names, ranks and positions of officials come from the organisation read model; everything the
decision itself states (work, period, officials named, numbers, reasons, copies, the article)
comes from the events up to and including the decision's own.
"""

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any
from uuid import UUID

from domain.assignment import OFFICES_ID
from domain.ids import official_id, unit_id
from domain.messages import role_words
from domain.routes import ROMAN
from domain.work_plan import plan_id
from infra.documents.kinds import DocumentKind, DocumentRef
from infra.documents.letterhead import Letterhead

MONTHS = ("Januari Februari Maret April Mei Juni Juli Agustus September Oktober November Desember").split()
TITLES = {
    DocumentKind.REQUEST_LETTER: "SURAT PERMOHONAN",
    DocumentKind.REPLY: "SURAT JAWABAN",
    DocumentKind.SURAT_TUGAS: "SURAT TUGAS",
    DocumentKind.KEPUTUSAN_TIM: "KEPUTUSAN",
    DocumentKind.LAPORAN: "LAPORAN PELAKSANAAN TUGAS",
}


@dataclass
class Signer:
    position: str  # the office signing ("Kepala Dinas Kesehatan", "Bupati Serang")
    name: str
    nip: str | None  # None for the elected head (no NIP) or another government's signatory
    role: str  # the deciding role (a profile role code, or the capacity)


@dataclass
class Letter:
    kind: DocumentKind
    title: str
    number: str
    place_date: str
    unit_name: str
    hal: str
    addressee: list[str]
    dasar: list[str]
    body: list[str]
    table: list[tuple[str, str]] = field(default_factory=list)  # labelled lines ("Nama", "...")
    people: list[list[str]] = field(default_factory=list)  # rows: name, NIP, rank, position, role
    tembusan: list[str] = field(default_factory=list)
    signer: Signer = field(default_factory=lambda: Signer("", "", None, ""))
    sifat: str = "Biasa"
    lampiran: str = "-"


def tanggal(day: str | date) -> str:
    d = date.fromisoformat(day) if isinstance(day, str) else day
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def _words(role: str) -> str:
    return role_words(role).id


class Sources:
    """People, units and offices as they stood when the decision was recorded: their aggregates
    replayed to that moment, so a promotion or a renamed unit later does not change the letter
    (and a regenerated document stays byte-identical)."""

    def __init__(self, system: Any, at: datetime):
        self.app, self.at = system.app, at
        self._seen: dict[UUID, Any] = {}

    def _as_at(self, key: UUID) -> Any:
        if key not in self._seen:
            version = sum(1 for e in self.app.events.get(key) if e.timestamp <= self.at)
            self._seen[key] = self.app.repository.get(key, version=version) if version else None
        return self._seen[key]

    def official(self, nip: str | None) -> dict:
        o = self._as_at(official_id(nip)) if nip else None
        if o is None:
            return {"nip": nip, "name": nip or "-", "rank": "", "grade": "", "position_title": ""}
        return {
            "nip": o.nip,
            "name": o.name,
            "rank": o.rank,
            "grade": o.grade,
            "position_title": o.position_title,
            "head_of": o.head_of,
            "unit_code": (o.placement or {}).get("unit_code"),
        }

    def unit_name(self, code: str | None) -> str:
        unit = self._as_at(unit_id(code)) if code else None
        return str(unit.name) if unit else str(code or "")

    def agency_name(self, code: str | None) -> str:
        """The Perangkat Daerah a unit belongs to: the kop names the agency, not the sub-unit."""
        unit = self._as_at(unit_id(code)) if code else None
        return self.unit_name(unit.agency_code) if unit else str(code or "")

    def office_of(self, official: dict) -> str:
        """The signer's position: the headship he holds, else his position title."""
        if official.get("head_of"):
            return f"Kepala {self.unit_name(official['head_of'])}"
        return str(official.get("position_title") or "")

    def kop(self, decision: dict, fallback_unit: str | None) -> str:
        """The agency whose letterhead it is: the signer's (the unit he heads, else his own), else
        the fallback's (the elected head or another government signing by letter)."""
        if (decision.get("capacity") or {}).get("kind") != "EXTERNAL_LETTER":
            actor = self.official(decision.get("actor_nip"))
            unit = actor.get("head_of") or actor.get("unit_code")
            if unit:
                return self.agency_name(unit)
        return self.agency_name(fallback_unit)

    def plan_item(self, item_id: str, unit_code: str, start: str, end: str) -> str:
        """The work-plan item served, as its plan stated it then: "code description"."""
        for year in range(int(start[:4]), int(end[:4]) + 1):
            plan = self._as_at(plan_id(unit_code, year))
            item = plan.items.get(item_id) if plan is not None else None
            if item:
                return f"{item.get('code', '')} {item.get('description', '')} (rencana kerja {year})".strip()
        return item_id

    def offices(self) -> dict:
        offices = self._as_at(OFFICES_ID)
        if offices is None:
            return {}
        return {"ppk_name": offices.ppk_name, "ppk_office": offices.ppk_office}


def signer_of(src: Sources, head: Letterhead, decision: dict, role: str) -> Signer:
    """Who signs: the official who decided, in the capacity recorded; the elected head by his name
    and office; another government's signatory as its letter names him."""
    capacity = decision.get("capacity") or {}
    if capacity.get("kind") == "EXTERNAL_LETTER":
        letter = decision.get("letter") or {}
        if capacity.get("position") == "PPK":
            offices = src.offices()
            office = offices.get("ppk_office") or head.head_of_region
            return Signer(office, offices.get("ppk_name") or letter.get("signatory", ""), None, "PPK")
        return Signer(_words(capacity.get("position") or role), letter.get("signatory", ""), None, role)
    actor = src.official(decision["actor_nip"])
    position = src.office_of(actor) or _words(role)
    if capacity.get("kind") == "DELEGATION":
        position = f"a.n. {_words(role)}, {position}"
    return Signer(position, actor["name"], actor["nip"], role)


def _copies(copies: list[dict]) -> list[str]:
    out = []
    for c in copies or []:
        who = c.get("name") or c.get("government") or ("(kosong)" if c.get("vacant") else "")
        out.append(f"{_words(c['role'])}{f' ({who})' if who else ''}")
    return out


def _person(src: Sources, o: dict, role: str = "") -> list[str]:
    row = src.official(o.get("nip"))
    rank = " ".join(x for x in (row.get("rank") or "", row.get("grade") or "") if x)
    return [
        o.get("name") or row["name"],
        o.get("nip") or "-",
        rank or "-",
        row.get("position_title") or "-",
        role,
    ]


def _number(head: Letterhead, kind: DocumentKind, position: int, unit: str, on: date) -> str:
    template = head.numbering.get(kind.value, "{position}/{unit}/{year}")
    return template.format(position=position, unit=unit, roman_month=ROMAN[on.month - 1], year=on.year)


def build(system: Any, ref: DocumentRef, head: Letterhead) -> tuple[Letter, Any]:
    """The letter and the decision event it is made from."""
    events = [e for e in system.app.events.get(UUID(ref.aggregate_id)) if e.originator_version <= ref.version]
    event = events[-1]
    src = Sources(system, event.timestamp)
    build_kind = {
        "Assignment": _assignment,
        "Team": _team,
        "Report": _report,
    }[type(event).__qualname__.split(".")[0]]
    return build_kind(system, src, head, ref, events), event


def _regulation(system: Any) -> str:
    return str(system.app.profile.regulation)


def _plain(system: Any, citation: str) -> str:
    """A recorded citation without the profile id it is prefixed with ("Pasal 10 ayat (3)")."""
    return citation.replace(f"{system.app.profile.id} ", "")


def _assignment(system: Any, src: Sources, head: Letterhead, ref: DocumentRef, events: list) -> Letter:
    first, event = events[0], events[-1]
    officials = list(first.officials)
    for e in events:
        if type(e).__name__ == "OfficialsNamed":
            officials = list(e.officials)
    decision = event.decision
    recorded = event.timestamp.date()
    owning = src.unit_name(first.owning_unit)
    official_unit = src.unit_name(first.official_unit)
    period = f"{tanggal(first.period_start)} s.d. {tanggal(first.period_end)}"
    dasar = [f"{_regulation(system)}, {_plain(system, first.route_citation)}"]
    if decision.get("legal_basis") and _plain(system, decision["legal_basis"]) not in dasar[0]:
        dasar.append(_plain(system, decision["legal_basis"]))
    step = first.steps[getattr(event, "step", 1) - 1]
    signer = signer_of(src, head, decision, step["role"])
    tembusan = _copies(decision.get("copies") or [])
    other = first.counterpart or {}
    counterpart = other.get("unit") or other.get("government")
    kind = ref.kind
    unit = first.owning_unit
    if kind is DocumentKind.REQUEST_LETTER:
        contents = first.request_letter
        table = [("Pekerjaan", first.work)]
        if contents:  # the four contents, where the route requires a request letter
            table += [
                ("Maksud dan tujuan", contents["purpose"]),
                ("Kompetensi yang dibutuhkan", contents["competencies"]),
                ("Target yang diharapkan", contents["expected_target"]),
            ]
            dasar.append(_plain(system, contents["citation"]))
        elif first.criteria:
            table.append(("Kriteria pegawai", first.criteria))
        table.append(("Jangka waktu", period))
        letter = (decision.get("letter") or {}).get("reference")
        return Letter(
            kind,
            TITLES[kind],
            letter or _number(head, kind, ref.position, unit, recorded),
            f"{head.place}, {tanggal(recorded)}",
            src.kop(decision, first.owning_unit),
            "Permohonan Pelibatan Pegawai",
            [f"Yth. {counterpart or 'Kepala ' + official_unit}", f"di {head.place}"],
            dasar,
            [
                f"Dalam rangka pelaksanaan pekerjaan {first.work} pada {owning}, dengan hormat kami "
                "mohon pelibatan pegawai dengan rincian sebagai berikut:"
            ],
            table,
            [_person(src, o) for o in officials],
            tembusan,
            signer,
        )
    if kind is DocumentKind.REPLY:
        rejected = type(event).__name__ == "StepRejected"
        if rejected:
            body = [
                f"Menjawab surat permohonan pelibatan pegawai untuk pekerjaan {first.work}, dengan ini "
                "kami sampaikan bahwa permohonan tersebut tidak dapat disetujui, dengan alasan:",
                str(decision.get("reason") or "-"),
            ]
        else:
            body = [
                f"Menjawab surat permohonan pelibatan pegawai untuk pekerjaan {first.work}, dengan ini "
                f"kami tunjuk pegawai berikut untuk jangka waktu {period}:"
            ]
        return Letter(
            kind,
            TITLES[kind],
            _number(head, kind, ref.position, first.official_unit or unit, recorded),
            f"{head.place}, {tanggal(recorded)}",
            src.kop(decision, first.official_unit or first.owning_unit),
            "Penolakan Permohonan Pelibatan Pegawai" if rejected else "Jawaban Permohonan Pelibatan Pegawai",
            [
                f"Yth. {counterpart if other.get('tenant_side') == 'OFFICIAL' else 'Kepala ' + owning}",
                f"di {head.place}",
            ],
            dasar,
            body,
            [],
            [] if rejected else [_person(src, o) for o in officials],
            tembusan,
            signer,
        )
    # SURAT_TUGAS
    number, issued_on = event.number, event.issued_on
    table = [("Untuk", first.work), ("Jangka waktu", period)]
    if first.plan_item_id:
        plan_item = src.plan_item(first.plan_item_id, first.owning_unit, first.period_start, first.period_end)
        table.append(("Rencana kerja", plan_item))
    return Letter(
        kind,
        TITLES[kind],
        number,
        f"{head.place}, {tanggal(issued_on)}",
        src.kop(decision, first.owning_unit),
        "Surat Tugas",
        [],
        dasar,
        ["Menugaskan:"],
        table,
        [_person(src, o) for o in officials],
        _copies(event.copies) or tembusan,
        signer,
    )


def _team(system: Any, src: Sources, head: Letterhead, ref: DocumentRef, events: list) -> Letter:
    event = events[0]
    decision = event.decision
    recorded = event.timestamp.date()
    dasar = [f"{_regulation(system)}, {_plain(system, decision['legal_basis'])}"]
    if decision.get("plan_basis"):
        dasar.append(_plain(system, decision["plan_basis"]))
    decree = decision.get("decree")
    if decree:
        dasar.append(f"SK {decree['number']} tanggal {tanggal(decree['date'])} ({decree['signed_by']})")
    capacity = decision.get("capacity") or {}
    signer = signer_of(src, head, decision, capacity.get("position") or capacity.get("kind", ""))
    targets = [
        f"{t.get('code', '')} {t.get('description', '')} ({t.get('measure', '')})" for t in event.targets
    ]
    body = [
        f"Membentuk {event.name}, untuk jangka waktu {tanggal(event.period_start)} s.d. "
        f"{tanggal(event.period_end)}, dengan rincian tugas:"
    ]
    body += [f"{i}. {task}" for i, task in enumerate(event.tasks, start=1)]
    body += ["Target:"] + [f"- {t.strip()}" for t in targets]
    body += ["Susunan keanggotaan tim sebagaimana tercantum di bawah ini."]
    people = [_person(src, m, str(m.get("role", ""))) for m in event.planned_members]
    table = [("Tentang", f"Pembentukan {event.name}")]
    if event.plan_item_id:
        plan_item = src.plan_item(event.plan_item_id, event.unit_code, event.period_start, event.period_end)
        table.append(("Rencana kerja", plan_item))
    return Letter(
        ref.kind,
        TITLES[ref.kind],
        _number(head, ref.kind, ref.position, event.unit_code, recorded),
        f"{head.place}, {tanggal(recorded)}",
        src.kop(decision, event.unit_code),
        f"Pembentukan {event.name}",
        [],
        dasar,
        body,
        table,
        people,
        [],
        signer,
    )


def _report(system: Any, src: Sources, head: Letterhead, ref: DocumentRef, events: list) -> Letter:
    event = events[0]
    decision = event.decision
    recorded = event.timestamp.date()
    signer = signer_of(src, head, decision, "REPORTER")
    body = [event.text]
    for p in event.progress:
        body.append("- " + ", ".join(f"{k}: {v}" for k, v in p.items()))
    if event.attachments:
        body.append("Lampiran: " + "; ".join(event.attachments))
    recipients = [f"Yth. {r.get('name') or r.get('nip')}" for r in event.recipients] or ["Yth. Atasan"]
    return Letter(
        ref.kind,
        TITLES[ref.kind],
        _number(head, ref.kind, ref.position, event.unit_code, recorded),
        f"{head.place}, {tanggal(recorded)}",
        src.kop(decision, event.unit_code),
        f"Laporan Pelaksanaan Tugas periode {event.period}",
        recipients,
        [f"{_regulation(system)}, {_plain(system, decision['legal_basis'])}"],
        body,
        [("Periode", event.period)],
        [],
        [],
        signer,
        lampiran=str(len(event.attachments)) + " berkas" if event.attachments else "-",
    )
