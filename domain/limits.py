"""Limits of every value a person can put into the record, defined once.

The chain is append-only: whatever a command records stays forever. So free text has a kind
(how long, which characters, one line or several), dates have a plausible range for what they
date, and anything outside is refused with `INVALID_VALUE` naming the field before anything is
stored. The API checks each mutation input field by field (api.input_limits); the application
checks again, so the CLI, the demo and any other entry meet the same limits.

Text is normalised to Unicode NFC first (the same name typed on two keyboards is one name).
Control and format characters (NUL, BEL, ESC, bidi overrides such as U+202E, zero-width spaces,
line/paragraph separators, private-use and unassigned code points) are refused everywhere;
newlines only in multi-line text.
"""

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any
from uuid import UUID

from domain.errors import InvalidInput
from domain.messages import Localized, phrase

# Unicode categories never accepted in any text: controls, format characters (bidi
# overrides, zero-width), surrogates, private use, unassigned, line/paragraph separators.
_REFUSED_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})

MAX_ITEMS = 500  # items of any list in one command


@dataclass(frozen=True)
class TextKind:
    """A kind of text: its longest length (in characters, after NFC) and what it may contain."""

    name: str
    max_length: int
    multiline: bool = False
    allowed: Callable[[str], bool] | None = None  # per character, beyond the general rule
    what_en: str = ""
    what_id: str = ""
    code: str = "INVALID_VALUE"
    required: bool = False  # blank is refused (REQUIRED) when the value is given


def _name_char(ch: str) -> bool:
    # Letters of any script (with their accents), the space, and the punctuation of Indonesian
    # names and academic titles: "Dr. Ir. H. Budi, S.T., M.Si.", "Ni Luh Putu", "Ma'ruf", "A.Md.Kep".
    return ch in " '.,-’" or unicodedata.category(ch)[0] in "LM"


_CODE_CHARS = re.compile(r"[A-Za-z0-9._/-]")
_NIP_CHARS = re.compile(r"[0-9 ]")

NAME = TextKind(
    "NAME",
    150,
    allowed=_name_char,
    what_en="letters, spaces and . , ' - (names with their titles)",
    what_id="huruf, spasi, dan . , ' - (nama beserta gelar)",
)
TITLE = TextKind("TITLE", 300, what_en="one line", what_id="satu baris")
LINE = TextKind("LINE", 2000, what_en="one line", what_id="satu baris")
TEXT = TextKind(
    "TEXT", 10000, multiline=True, what_en="text (new lines allowed)", what_id="teks (boleh beberapa baris)"
)
REFERENCE = TextKind(
    "REFERENCE",
    300,
    what_en="one line (e.g. 800/123/BKPSDM/2025)",
    what_id="satu baris (mis. 800/123/BKPSDM/2025)",
)
CODE = TextKind(
    "CODE",
    64,
    allowed=lambda ch: bool(_CODE_CHARS.fullmatch(ch)),
    what_en="letters, digits and . _ / -",
    what_id="huruf, angka, dan . _ / -",
)
NIP = TextKind(
    "NIP",
    24,
    allowed=lambda ch: bool(_NIP_CHARS.fullmatch(ch)),
    required=True,
    code="INVALID_NIP",
    what_en="digits",
    what_id="angka",
)
KEY = TextKind("KEY", 200, code="INVALID_IDEMPOTENCY_KEY", what_en="one line", what_id="satu baris")
ID = TextKind("ID", 36, code="INVALID_ID", what_en="an id (UUID)", what_id="id (UUID)")

TEXT_KINDS = (NAME, TITLE, LINE, TEXT, REFERENCE, CODE, NIP, KEY, ID)


@dataclass(frozen=True)
class DateKind:
    """A plausible range for one kind of date, relative to today (the day of the command)."""

    name: str
    before: int  # days back from today
    after: int | None  # days ahead of today; None: up to `latest`
    latest: date | None = None

    def bounds(self, today: date) -> tuple[date, date]:
        earliest = today - timedelta(days=self.before)
        latest = today + timedelta(days=self.after) if self.after is not None else self.latest
        assert latest is not None
        return earliest, latest


_YEAR = 365

EFFECTIVE = DateKind("EFFECTIVE", 50 * _YEAR + 12, _YEAR + 1)  # TMT of placements, appointments, delegations
PERIOD = DateKind("PERIOD", 10 * _YEAR + 3, 5 * _YEAR + 2)  # start and end of work periods
DONE = DateKind("DONE", 10 * _YEAR + 3, 1)  # the day something ended or was dissolved
DELEGATION_END = DateKind("DELEGATION_END", 10 * _YEAR + 3, None, latest=date(2099, 12, 31))

DATE_KINDS = (EFFECTIVE, PERIOD, DONE, DELEGATION_END)


def invalid(field: str, reason: Localized, code: str = "INVALID_VALUE") -> InvalidInput:
    """`reason` is a phrase of the catalogue (limit.*); each code has the frame "{field}: {reason}"
    under its case `limit`."""
    return InvalidInput(code, case="limit", field=field, reason=reason)


def text(value: str, kind: TextKind, field: str) -> str:
    """The value in NFC, or a typed refusal naming the field. Does not strip or require."""
    if not isinstance(value, str):
        raise invalid(field, phrase("limit.not_text"), kind.code)
    if len(value) > kind.max_length * 4:  # refuse a huge value before normalising it
        raise _too_long(kind, field)
    normal = unicodedata.normalize("NFC", value)
    if kind.multiline:
        normal = normal.replace("\r\n", "\n")
    if len(normal) > kind.max_length:
        raise _too_long(kind, field)
    for position, ch in enumerate(normal, 1):
        if ch == "\n" and kind.multiline:
            continue
        if unicodedata.category(ch) in _REFUSED_CATEGORIES or (kind.allowed and not kind.allowed(ch)):
            shown = f"U+{ord(ch):04X}"
            allowed = Localized(en=kind.what_en, id=kind.what_id)
            reason = phrase("limit.character", character=shown, position=position, allowed=allowed)
            raise invalid(field, reason, kind.code)
    if kind.required and not normal.strip():
        raise InvalidInput("REQUIRED", field=field)
    if kind is NAME and normal.strip() and not any(unicodedata.category(ch)[0] == "L" for ch in normal):
        raise invalid(field, phrase("limit.name_has_letters"))
    if kind is ID:
        try:
            UUID(normal)
        except ValueError:
            raise InvalidInput("INVALID_ID", field=field, value=normal) from None
    return normal


def optional_text(value: str | None, kind: TextKind, field: str) -> str | None:
    return None if value is None else text(value, kind, field)


def texts(values: Iterable[str] | None, kind: TextKind, field: str) -> list[str]:
    found = list(values or [])
    items(found, field)
    return [text(v, kind, f"{field}[{i}]") for i, v in enumerate(found)]


def items(values: list, field: str) -> None:
    if len(values) > MAX_ITEMS:
        raise invalid(field, phrase("limit.too_many_items", most=MAX_ITEMS))


def _too_long(kind: TextKind, field: str) -> InvalidInput:
    return invalid(field, phrase("limit.too_long", most=kind.max_length), kind.code)


def day(value: date, kind: DateKind, field: str, today: date | None = None) -> date:
    """The date if it lies in the plausible range for its kind, else a typed refusal."""
    earliest, latest = kind.bounds(today or date.today())
    if not earliest <= value <= latest:
        raise invalid(
            field,
            phrase(
                "limit.out_of_range",
                value=value.isoformat(),
                earliest=earliest.isoformat(),
                latest=latest.isoformat(),
            ),
        )
    return value


# What the record never holds, whoever sends it: the last line of defence, applied to every
# string of every event before it is saved (application.app.BaseApp.save_decision).
def recordable(value: object, field: str) -> None:
    """Refuses any string of an event that holds a refused character, is longer than TEXT, or is
    not in NFC (the API normalises every input; a command fed directly must do the same)."""
    if isinstance(value, str):
        text(value, TEXT, field)
        if not unicodedata.is_normalized("NFC", value):
            raise invalid(field, phrase("limit.not_nfc"))
    elif isinstance(value, dict):
        for key, item in value.items():
            recordable(item, f"{field}.{key}")
    elif isinstance(value, list | tuple):
        for i, item in enumerate(value):
            recordable(item, f"{field}[{i}]")


def nfc(value: Any) -> Any:
    """Every string inside `value` (dicts, lists, tuples) in Unicode NFC, CR LF as LF."""
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value).replace("\r\n", "\n")
    if isinstance(value, dict):
        return {key: nfc(item) for key, item in value.items()}
    if isinstance(value, list):
        return [nfc(item) for item in value]
    if isinstance(value, tuple):
        return tuple(nfc(item) for item in value)
    return value
