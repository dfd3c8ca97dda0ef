"""Test data: valid NIPs and a small agency with heads, built through the application."""

from dataclasses import dataclass
from datetime import date
from itertools import count

from application.commands.assignments import ConfigureOffices
from application.commands.organisation import AppointHead, EstablishUnit, PlaceOfficial, RegisterOfficial
from application.principal import Principal

_sequence = count(1)


def nip(birth: str = "19900101", appointed: str = "201503", sex: int = 1) -> str:
    """A valid NIP with a unique 3-digit sequence."""
    return f"{birth}{appointed}{sex}{next(_sequence) % 1000:03d}"


def spelled(digits: str) -> str:
    """Digits as letters: a person's name has no digits (domain.limits.NAME)."""
    return "".join("ABCDEFGHIJ"[int(d)] for d in digits)


@dataclass
class Agency:
    agency: str
    unit: str
    subunit: str
    agency_head: str
    unit_head: str
    subunit_head: str


def register(
    app,
    admin: Principal,
    *,
    position_type: str,
    grade: str | None = None,
    rank: str = "III/c",
    education: str = "S1",
    name: str | None = None,
    number: str | None = None,
) -> str:
    number = number or nip()
    app.handle(
        admin,
        RegisterOfficial(
            nip=number,
            employee_type="PNS",
            name=name or f"Pegawai {spelled(number[-3:])}",
            position_type=position_type,
            position_title=f"{position_type} {grade or ''}".strip(),
            grade=grade,
            rank=rank,
            education=education,
            legal_basis="SK pengangkatan",
        ),
    )
    return number


def build_agency(
    app,
    admin: Principal,
    code: str = "DINKES",
    kind: str = "DINAS",
    unit_kind: str = "BIDANG",
    subunit_kind: str = "SEKSI",
) -> Agency:
    """An agency (JPT Pratama) with a unit (Administrator) and a sub-unit (Pengawas), all headed."""
    basis = "Perbup SOTK"
    app.handle(
        admin,
        EstablishUnit(
            code=code,
            name=f"{kind} {code}",
            kind=kind,
            head_position="JPT_PRATAMA",
            parent_code=None,
            legal_basis=basis,
        ),
    )
    app.handle(
        admin,
        EstablishUnit(
            code=f"{code}.U1",
            name="Unit 1",
            kind=unit_kind,
            head_position="ADMINISTRATOR",
            parent_code=code,
            legal_basis=basis,
        ),
    )
    app.handle(
        admin,
        EstablishUnit(
            code=f"{code}.U1.S1",
            name="Subunit 1",
            kind=subunit_kind,
            head_position="PENGAWAS",
            parent_code=f"{code}.U1",
            legal_basis=basis,
        ),
    )
    heads = []
    for unit, position, rank in (
        (code, "JPT_PRATAMA", "IV/c"),
        (f"{code}.U1", "ADMINISTRATOR", "IV/a"),
        (f"{code}.U1.S1", "PENGAWAS", "III/d"),
    ):
        head = register(app, admin, position_type=position, rank=rank)
        app.handle(
            admin,
            AppointHead(unit_code=unit, nip=head, effective_date=date(2024, 1, 2), legal_basis="SK jabatan"),
        )
        heads.append(head)
    return Agency(code, f"{code}.U1", f"{code}.U1.S1", *heads)


@dataclass
class World:
    """Two agencies (A with units U1, U2; B), a Setda (its head is Sekda and PyB), officials
    placed in A.U1.S1 under the head of A.U1 (so appraiser and unit head differ), and a
    bystander who holds no role."""

    a: Agency
    a_u2: str
    b: Agency
    setda: Agency
    official: str
    second: str
    bystander: str
    heads: dict


def build_world(app, admin: Principal) -> World:
    a = build_agency(app, admin, code="A")
    app.handle(
        admin,
        EstablishUnit(
            code="A.U2",
            name="Unit 2",
            kind="BIDANG",
            head_position="ADMINISTRATOR",
            parent_code="A",
            legal_basis="Perbup SOTK",
        ),
    )
    u2_head = register(app, admin, position_type="ADMINISTRATOR", rank="IV/a")
    app.handle(
        admin,
        AppointHead(unit_code="A.U2", nip=u2_head, effective_date=date(2024, 1, 2), legal_basis="SK jabatan"),
    )
    b = build_agency(app, admin, code="B")
    setda = build_agency(app, admin, code="SETDA", kind="SETDA", unit_kind="BAGIAN", subunit_kind="SUBBAGIAN")
    app.handle(admin, ConfigureOffices(setda_code="SETDA", legal_basis="Perbup kewenangan"))
    people = []
    for unit, appraiser in ((a.subunit, a.unit_head), (a.subunit, a.unit_head), (b.unit, b.unit_head)):
        person = register(app, admin, position_type="PELAKSANA", rank="II/c", education="SMA")
        app.handle(
            admin,
            PlaceOfficial(
                nip=person, unit_code=unit, appraiser_nip=appraiser, effective_date=date(2024, 1, 2)
            ),
        )
        people.append(person)
    heads = {
        a.agency: a.agency_head,
        a.unit: a.unit_head,
        a.subunit: a.subunit_head,
        "A.U2": u2_head,
        b.agency: b.agency_head,
        b.unit: b.unit_head,
        b.subunit: b.subunit_head,
        setda.agency: setda.agency_head,
    }
    return World(a, "A.U2", b, setda, *people, heads=heads)
