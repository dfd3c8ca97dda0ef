"""The placement rule (kedudukan): may this official stand under this appraiser?

Pure: the caller resolves the organisation (is the appraiser the head of the official's unit or
of a unit above it in the same agency? where does the official stand? is the unit the appraiser
heads a unit kerja mandiri?) and passes the answers in.
"""

from __future__ import annotations

from domain.errors import InvalidInput
from domain.messages import Localized
from domain.positions import Grade, PositionType
from domain.profile import Profile, cite
from domain.profile.placement import Where

POSITION_LABEL = {
    PositionType.JPT_MADYA: "JPT Madya",
    PositionType.JPT_PRATAMA: "JPT Pratama",
    PositionType.ADMINISTRATOR: "Administrator",
    PositionType.PENGAWAS: "Pengawas",
    PositionType.FUNGSIONAL: "Pejabat Fungsional",
    PositionType.PELAKSANA: "Pelaksana",
}
GRADE_LABEL = {
    Grade.AHLI_PERTAMA: "Ahli Pertama",
    Grade.AHLI_MUDA: "Ahli Muda",
    Grade.AHLI_MADYA: "Ahli Madya",
    Grade.AHLI_UTAMA: "Ahli Utama",
    Grade.PEMULA: "Pemula",
    Grade.TERAMPIL: "Terampil",
    Grade.MAHIR: "Mahir",
    Grade.PENYELIA: "Penyelia",
}
# As an appraiser, a Pejabat Fungsional only counts when heading a unit.
APPRAISER_LABEL_EN = {**POSITION_LABEL, PositionType.FUNGSIONAL: "Pejabat Fungsional heading a unit"}
APPRAISER_LABEL_ID = {**POSITION_LABEL, PositionType.FUNGSIONAL: "Pejabat Fungsional pimpinan unit"}


def _a(label: str) -> str:
    return ("an " if label[0] in "AEIOU" else "a ") + label


def _official_label(position_type: PositionType, grade: Grade | None) -> str:
    if position_type is PositionType.FUNGSIONAL and grade is not None:
        return GRADE_LABEL[grade]
    return POSITION_LABEL[position_type]


def _join(items: list[str], last: str) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} {last} {items[-1]}"


def check_placement(
    profile: Profile,
    *,
    position_type: PositionType,
    grade: Grade | None,
    appraiser_position: PositionType,
    appraiser_in_scope: bool,
    where: Where | None = None,
    appraiser_heads_mandiri: bool = False,
) -> str:
    """Return the legal basis string of the rule that admits this placement, or raise
    DomainError(code="PLACEMENT_NOT_ALLOWED", "APPRAISER_OUT_OF_SCOPE" or
    "APPRAISER_NOT_UNIT_KERJA_MANDIRI", ...)."""
    placement = profile.placement
    who = _official_label(position_type, grade)
    if not appraiser_in_scope:
        basis = cite(profile, placement.citation)
        raise InvalidInput("APPRAISER_OUT_OF_SCOPE", citation=basis, official=Localized(en=_a(who), id=who))
    rule = placement.rule_for(position_type, grade, where) or placement.default
    basis = cite(profile, rule.citation)
    mandiri = placement.fungsional_appraiser_mandiri
    if appraiser_position in rule.appraiser_positions:
        if appraiser_position is not PositionType.FUNGSIONAL or mandiri is None:
            return basis
        if appraiser_heads_mandiri:
            return f"{basis}; {mandiri.citation}"
        raise InvalidInput(
            "APPRAISER_NOT_UNIT_KERJA_MANDIRI",
            citation=cite(profile, mandiri.citation),
            official=Localized(en=_a(who), id=who),
        )
    allowed_en = _join([_a(APPRAISER_LABEL_EN[p]) for p in rule.appraiser_positions], "or")
    allowed_id = _join([APPRAISER_LABEL_ID[p] for p in rule.appraiser_positions], "atau")
    proposed = POSITION_LABEL[appraiser_position]
    raise InvalidInput(
        "PLACEMENT_NOT_ALLOWED",
        citation=basis,
        allowed=[p.value for p in rule.appraiser_positions],
        proposed=appraiser_position.value,
        # English needs its article; the position labels are Indonesian words.
        official=Localized(en=_a(who), id=who),
        appraisers=Localized(en=allowed_en, id=allowed_id),
        proposed_appraiser=Localized(en=_a(proposed), id=proposed),
    )
