"""Decisions taken outside this store and recorded by the administrator from the signed letter that
carries them: another government's (docs/adr/0002-cross-institution-steps.md), and the PPK's — the
Bupati / Wali Kota, an elected official with no NIP, whom no official of this store stands for
(docs/adr/0008-the-ppk-has-no-nip.md). Never by inventing a NIP for him."""

from collections.abc import Sequence
from datetime import date

from application import checks
from application.checks import require_admin
from application.principal import Principal
from application.roles import Holder, Roles
from domain.decision import Capacity, Decision
from domain.errors import Forbidden, InvalidInput
from domain.limits import DONE, REFERENCE, TITLE
from domain.messages import Localized, role_words
from domain.profile import Role

# Offices no official of this store holds: their decisions arrive as signed letters.
BY_LETTER = frozenset({Role.PPK})


def stated_letter(letter: dict | None) -> dict:
    """The letter as the administrator states it: reference (number), signatory, date."""
    letter = letter or {}
    return {
        "reference": checks.text(letter.get("reference"), REFERENCE, "letter reference"),
        "signatory": checks.text(letter.get("signatory"), TITLE, "letter signatory"),
        "date": _letter_date(letter.get("date")),
    }


def letter_decision(actor: Principal, position: str, basis: str, letter: dict | None, reason=None) -> dict:
    """The event fields of a decision recorded from its letter: the administrator as the actor, in
    the capacity of recording the letter of `position`, and the letter itself."""
    fields = Decision(
        actor.nip, Capacity(kind="EXTERNAL_LETTER", position=position), basis, reason=reason
    ).as_event_fields()
    fields["letter"] = stated_letter(letter)
    return fields


def decided(
    actor: Principal,
    roles: Roles,
    role: Role,
    holders: Sequence[Holder],
    action: Localized,
    basis: str,
    letter: dict | None,
) -> dict:
    """The decision fields of a decision that belongs to `role`: taken in person by a holder (or a
    delegate), or, for an office in BY_LETTER, recorded by the administrator from its letter."""
    if letter is not None:
        if role not in BY_LETTER:
            raise InvalidInput("NOT_A_LETTER_DECISION", role_name=role_words(role), legal_basis=basis)
        require_admin(actor, "record_letter_decisions")
        return letter_decision(actor, role.value, basis, letter)
    if role in BY_LETTER and not holders:
        raise Forbidden("DECIDED_BY_LETTER", role_name=role_words(role), legal_basis=basis)
    capacity = roles.acting_capacity(actor.nip, list(holders), action)
    return Decision(actor.nip, capacity, basis).as_event_fields()


def _letter_date(value: date | None) -> str:
    """The letter's date, recorded as ISO text (it becomes the issued letter's date)."""
    if not isinstance(value, date):
        raise InvalidInput("REQUIRED", field="letter date")
    return checks.day(value, DONE, "letter date").isoformat()
