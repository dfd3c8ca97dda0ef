"""NIP (PNS) and NI PPPK validation: 18 digits, real embedded dates, sex digit 1 or 2."""

import pytest

from domain.errors import InvalidInput
from domain.nip import parse_employee_number
from domain.positions import EmployeeType


def test_a_valid_nip_is_split_into_its_parts():
    number = parse_employee_number("198507202010011002")
    assert number.birth_date.isoformat() == "1985-07-20"
    assert number.appointed == (2010, 1)
    assert number.kind is EmployeeType.PNS


def test_spaces_as_printed_on_cards_are_ignored():
    assert parse_employee_number("19850720 201001 1 002").value == "198507202010011002"


@pytest.mark.parametrize(
    "number, why",
    [
        ("19850720201001100", "18 digits"),
        ("1985072020100110022", "18 digits"),
        ("19850720201001100A", "18 digits"),
        ("198502302010011002", "birth date"),  # 30 February
        ("198513012010011002", "birth date"),
        ("198507202010131002", "appointment month"),
        ("198507202010001002", "appointment month"),
        ("198507202010013002", "sex digit"),
        ("198507202000011002", "before the official turned 18"),
    ],
)
def test_invalid_nips_are_refused_with_the_reason(number, why):
    with pytest.raises(InvalidInput) as refused:
        parse_employee_number(number)
    assert refused.value.code == "INVALID_NIP"
    assert why in refused.value.message_en
    assert refused.value.message_id


def test_a_pppk_number_is_accepted_as_pppk_not_as_a_nip():
    pppk = "199205152023212012"  # appointment year 2023, then "21": not a month
    assert parse_employee_number(pppk, EmployeeType.PPPK).appointed == (2023, None)
    with pytest.raises(InvalidInput, match="appointment month"):
        parse_employee_number(pppk, EmployeeType.PNS)


def test_a_pppk_number_before_the_first_pppk_year_is_refused():
    with pytest.raises(InvalidInput, match="2019"):
        parse_employee_number("198001012010211001", EmployeeType.PPPK)
