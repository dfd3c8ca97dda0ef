"""Input checks shared by commands: each raises a typed error a person understands."""

import re
from datetime import date
from enum import Enum
from typing import TypeVar
from uuid import UUID

from application.principal import Principal
from domain import limits
from domain.errors import Forbidden, InvalidInput
from domain.messages import phrase
from domain.profile import Profile, cite

E = TypeVar("E", bound=Enum)

_CODE = re.compile(r"^[A-Z0-9][A-Z0-9._-]{0,63}$")


def require_admin(actor: Principal, action: str) -> None:
    """`action` names a phrase of the catalogue (domain/messages.yaml): what only the administrator may do."""
    if not actor.is_admin:
        raise Forbidden("NOT_AUTHORISED", action=phrase(action))


def enum_value(enum: type[E], value: str, field: str) -> E:
    try:
        return enum(value)
    except ValueError:
        allowed = ", ".join(member.value for member in enum)
        raise InvalidInput("INVALID_VALUE", field=field, value=value, allowed=allowed) from None


def non_empty(value: str | None, field: str) -> str:
    text = (value or "").strip()
    if not text:
        raise InvalidInput("REQUIRED", field=field)
    return text


def unit_code(value: str) -> str:
    code = (value or "").strip().upper()
    if not _CODE.match(code):
        raise InvalidInput("INVALID_UNIT_CODE", field="code", value=value)
    return code


def period(valid_from: date, valid_until: date) -> None:
    if valid_until < valid_from:
        raise InvalidInput("INVALID_PERIOD", case="reversed", valid_until=valid_until, valid_from=valid_from)


def text(value: str | None, kind: limits.TextKind, field: str) -> str:
    """Required text of a kind (domain.limits): stripped, in NFC, within its length and characters."""
    return limits.text(non_empty(value, field), kind, field)


def optional_text(value: str | None, kind: limits.TextKind, field: str) -> str | None:
    return None if value is None else limits.text(value, kind, field)


def day(value: date, kind: limits.DateKind, field: str) -> date:
    """A date within the plausible range of its kind (domain.limits)."""
    return limits.day(value, kind, field)


def parse_id(value: str, field: str) -> UUID:
    """A record id; a malformed one is INVALID_ID naming the field, as on every id field."""
    try:
        return UUID(str(value))
    except ValueError:
        raise InvalidInput("INVALID_ID", field=field, value=value) from None


def in_force(profile: Profile, day: date, field: str) -> None:
    """Work under a route or a team takes effect under the regulation: refused on a day before the
    regulation took effect (profile.in_force)."""
    if not profile.in_force_on(day):
        raise InvalidInput(
            "REGULATION_NOT_IN_FORCE",
            field=field,
            day=day.isoformat(),
            since=profile.in_force.since.isoformat(),
            regulation=profile.regulation,
            legal_basis=cite(profile, profile.in_force.citation),
        )


def before_in_force(profile: Profile) -> str:
    """The legal basis of a decision that took effect before the regulation did: not an article of
    it, but the fact that it was not yet in force (the decree it rests on is named after this)."""
    return f"{profile.id} belum berlaku (berlaku sejak {profile.in_force.since.isoformat()})"
