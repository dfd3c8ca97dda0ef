"""Each row of an import file becomes the command its change calls for, handled by the
application as the GraphQL mutation would be: a row already recorded is skipped, a new unit or
official is established/registered, a new head is appointed, a changed unit or appraiser is a new
placement. A refused row is a problem with its line number; the rows after it go on."""

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from application.commands.organisation import (
    AppointHead,
    Decree,
    EstablishUnit,
    PlaceOfficial,
    RegisterOfficial,
)
from application.pipeline import Command
from application.principal import ADMIN_ROLE, Principal
from domain.errors import DomainError
from domain.positions import PositionType
from infra.onboarding.columns import OFFICIAL_REQUIRED, ORG_REQUIRED, enum_value
from infra.onboarding.reader import Row

STRUCTURAL = {PositionType.JPT_MADYA.value, PositionType.JPT_PRATAMA.value}
STRUCTURAL |= {PositionType.ADMINISTRATOR.value, PositionType.PENGAWAS.value}
DATE_FORMATS = ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y")
IMPORT_BASIS = "Data kepegawaian (SIMPEG/SIASN)"


NOT_APPLICABLE = "n/a"  # a step this row does not call for (no head named, a structural official)


class RowProblem(Exception):
    """A row the import cannot turn into a command (a missing value, a date it cannot read)."""


@dataclass
class Problem:
    line: int
    step: str
    code: str
    message: str


@dataclass
class Summary:
    recorded: Counter = field(default_factory=Counter)  # command name -> rows recorded
    skipped: int = 0  # rows (or steps) already recorded
    problems: list[Problem] = field(default_factory=list)
    notes: list[Problem] = field(default_factory=list)  # changes no command records (not problems)


def parse_date(text: str, name: str) -> date:
    for form in DATE_FORMATS:
        try:
            return datetime.strptime(text, form).date()
        except ValueError:
            continue
    raise RowProblem(f"{name}: not a date ({text!r}; YYYY-MM-DD or DD-MM-YYYY)")


def _required(row: dict[str, str], names: Iterable[str]) -> None:
    missing = [name for name in names if not row.get(name)]
    if missing:
        raise RowProblem(f"missing value: {', '.join(missing)}")


def _decree(row: dict[str, str], prefix: str) -> Decree | None:
    number = row.get(f"{prefix}decree_number")
    if not number:
        return None
    when, signer = row.get(f"{prefix}decree_date"), row.get(f"{prefix}decree_signed_by")
    if not when or not signer:
        raise RowProblem(f"{prefix}decree_number given without its date and signer")
    return Decree(number=number, date=parse_date(when, f"{prefix}decree_date"), signed_by=signer)


class Importer:
    def __init__(self, app: Any, store: Any, actor_nip: str, tick: Callable[[], None] | None = None):
        self.app, self.store = app, store
        self.actor = Principal(actor_nip, frozenset({ADMIN_ROLE}))
        self.tick = tick or (lambda: None)
        self.summary = Summary()
        self._line = 0
        self.failed: set[tuple[str, int]] = set()  # (file, line): a refused row's later steps wait

    # -- the steps -------------------------------------------------------------------------------

    def units(self, rows: list[Row]) -> None:
        for line, row in _parents_first(rows):
            self._step(("org", line), "unit", lambda row=row: self._unit(row))

    def heads(self, rows: list[Row]) -> None:
        for line, row in rows:
            self._step(("org", line), "head", lambda row=row: self._head(row))

    def register(self, rows: list[Row]) -> None:
        for line, row in rows:
            self._step(("officials", line), "official", lambda row=row: self._official(row))

    def place(self, rows: list[Row]) -> None:
        for line, row in rows:
            self._step(("officials", line), "placement", lambda row=row: self._placement(row))

    # -- one row, one step -----------------------------------------------------------------------

    def _unit(self, row: dict[str, str]) -> Command | str | None:
        _required(row, ORG_REQUIRED)
        if self._one("SELECT code FROM units WHERE code = :code", code=row["code"]):
            return None
        return EstablishUnit(
            code=row["code"],
            name=row["name"],
            kind=enum_value(row["kind"]),
            head_position=enum_value(row["head_position"]),
            parent_code=row.get("parent_code") or None,
            legal_basis=row["legal_basis"],
            structure_type=enum_value(row["structure_type"]) if row.get("structure_type") else None,
        )

    def _head(self, row: dict[str, str]) -> Command | str | None:
        if not row.get("head_nip"):
            return NOT_APPLICABLE
        _required(row, ("code", "head_since"))
        unit = self._one("SELECT head_nip FROM units WHERE code = :code", code=row["code"])
        if unit and unit["head_nip"] == row["head_nip"]:
            return None
        decree = _decree(row, "head_")
        return AppointHead(
            unit_code=row["code"],
            nip=row["head_nip"],
            effective_date=parse_date(row["head_since"], "head_since"),
            legal_basis=f"SK {decree.number}" if decree else row.get("legal_basis") or IMPORT_BASIS,
            decree=decree,
        )

    def _official(self, row: dict[str, str]) -> Command | str | None:
        _required(row, OFFICIAL_REQUIRED)
        known = self._one(
            "SELECT name, position_title, rank, education FROM officials WHERE nip = :nip", nip=row["nip"]
        )
        if known:
            changed = [
                f"{name}: {known[name]!r} -> {row[name]!r}" for name in known if known[name] != row[name]
            ]
            if changed:  # registration data has no command to change it: said, not silently dropped
                self.summary.notes.append(Problem(self._line, "official", "NOT_UPDATED", "; ".join(changed)))
            return None
        return RegisterOfficial(
            nip=row["nip"],
            name=row["name"],
            employee_type=enum_value(row.get("employee_type") or "PNS"),
            position_type=enum_value(row["position_type"]),
            position_title=row["position_title"],
            grade=enum_value(row["grade"]) if row.get("grade") else None,
            rank=row["rank"],
            education=row["education"],
            legal_basis=row.get("legal_basis")
            or (f"SK {row['decree_number']}" if row.get("decree_number") else IMPORT_BASIS),
        )

    def _placement(self, row: dict[str, str]) -> Command | str | None:
        # A structural official's place is the headship (the org file); only JF/pelaksana are placed.
        if not row.get("unit_code") or enum_value(row.get("position_type", "")) in STRUCTURAL:
            return NOT_APPLICABLE
        _required(row, ("nip", "appraiser_nip", "effective_date"))
        now = self._one("SELECT unit_code, appraiser_nip FROM officials WHERE nip = :nip", nip=row["nip"])
        if now and (now["unit_code"], now["appraiser_nip"]) == (row["unit_code"], row["appraiser_nip"]):
            return None
        return PlaceOfficial(
            nip=row["nip"],
            unit_code=row["unit_code"],
            appraiser_nip=row["appraiser_nip"],
            effective_date=parse_date(row["effective_date"], "effective_date"),
            decree=_decree(row, ""),
        )

    # -- plumbing --------------------------------------------------------------------------------

    def _one(self, sql: str, **params: str) -> dict[str, Any] | None:
        found = self.store.query(sql, params)
        return found[0] if found else None

    def _step(self, row: tuple[str, int], step: str, decide: Callable[[], Command | str | None]) -> None:
        line = self._line = row[1]
        if row in self.failed:  # its problem is reported once, at the step that refused it
            self.tick()
            return
        problems = len(self.summary.problems)
        try:
            command = decide()
            if command is None:
                self.summary.skipped += 1
            elif not isinstance(command, str):
                self.app.handle(self.actor, command)
                self.summary.recorded[type(command).__name__] += 1
        except RowProblem as problem:
            self.summary.problems.append(Problem(line, step, "INVALID_ROW", str(problem)))
        except DomainError as error:
            self.summary.problems.append(Problem(line, step, error.code, error.message_en))
        except (TypeError, ValueError) as error:  # e.g. a value the command's types refuse
            self.summary.problems.append(Problem(line, step, "INVALID_ROW", str(error)))
        if len(self.summary.problems) > problems:
            self.failed.add(row)
        self.tick()


def _parents_first(rows: list[Row]) -> list[Row]:
    """Units in an order where each parent in the file comes before its children."""
    parent = {row["code"]: row.get("parent_code") for _, row in rows if row.get("code")}

    def depth(code: str | None, seen: int = 0) -> int:
        return (
            0 if not code or code not in parent or seen > len(parent) else 1 + depth(parent[code], seen + 1)
        )

    return sorted(rows, key=lambda item: depth(item[1].get("parent_code"), 0))
