"""Civil-servant numbers: the 18-digit NIP of a PNS and the NI PPPK of a contract employee.

NIP layout (BKN; PP 11/2017): birth date YYYYMMDD (8), appointment year and month YYYYMM (6),
sex 1 = male / 2 = female (1), sequence (3). An NI PPPK also starts with the birth date and
the appointment year, but its next digits are not a month (e.g. "21"), so it must never be
taken for a NIP: the caller says which kind of number it is.
"""

from dataclasses import dataclass
from datetime import date

from domain.errors import InvalidInput
from domain.messages import Localized, phrase
from domain.positions import EmployeeType

FIRST_PPPK_YEAR = 2019  # the first PPPK were appointed under PP 49/2018


@dataclass(frozen=True)
class EmployeeNumber:
    value: str
    kind: EmployeeType
    birth_date: date
    appointed: tuple[int, int | None]  # (year, month); a PPPK number carries no month


def _invalid(number: str, reason: Localized) -> InvalidInput:
    """`reason`: a phrase of the catalogue (nip.*)."""
    return InvalidInput("INVALID_NIP", number=number, reason=reason)


def _real_date(number: str, year: int, month: int, day: int, not_real: Localized) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise _invalid(number, not_real) from None


def parse_employee_number(number: str, kind: EmployeeType = EmployeeType.PNS) -> EmployeeNumber:
    """Validate a NIP (PNS) or NI PPPK and return its parts; raise InvalidInput otherwise."""
    value = number.replace(" ", "")
    if len(value) != 18 or not value.isdigit():
        raise _invalid(number, phrase("nip.not_18_digits"))
    birth = _real_date(
        number, int(value[0:4]), int(value[4:6]), int(value[6:8]), phrase("nip.birth_date_not_real")
    )
    year = int(value[8:12])
    if kind is EmployeeType.PPPK:
        if year < FIRST_PPPK_YEAR:
            raise _invalid(number, phrase("nip.pppk_too_early", first_year=FIRST_PPPK_YEAR))
        appointed: tuple[int, int | None] = (year, None)
    else:
        month = int(value[12:14])
        _real_date(number, year, month, 1, phrase("nip.appointment_month_not_real"))
        if value[14] not in "12":
            raise _invalid(number, phrase("nip.sex_digit"))
        appointed = (year, month)
    if (year, appointed[1] or 12) < (birth.year + 18, birth.month):
        raise _invalid(number, phrase("nip.appointed_before_18"))
    return EmployeeNumber(value=value, kind=kind, birth_date=birth, appointed=appointed)
