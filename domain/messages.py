"""One message catalogue (domain/messages.yaml): the Indonesian and English text of every error code.

A raise site names only the code and the details; the texts are templates with named placeholders
(`{nip}`, `{unit}`, ...) filled from those details in the language asked for. A detail that is itself
text for people (a reason from a profile, a role) is given as `Localized`, so each language gets its own.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum
from functools import cache
from importlib import resources
from string import Formatter

import yaml

LANGUAGES = ("id", "en")
DEFAULT_LANGUAGE = "id"  # the caller's language when Accept-Language names neither


@dataclass(frozen=True)
class Localized:
    """A piece of text for people in both languages (a reason read from a profile, a role's name)."""

    en: str
    id: str

    def in_language(self, language: str) -> str:
        return self.en if language == "en" else self.id

    def __str__(self) -> str:
        return self.en


@cache
def catalogue() -> dict:
    text = resources.files("domain").joinpath("messages.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


def templates(code: str, case: object = None) -> dict[str, str]:
    """The `id` and `en` templates of a code (of one of its cases); a code missing from the catalogue is
    a programming error (tests/unit/test_messages.py checks every code raised anywhere)."""
    entry = catalogue()["codes"][code]
    return entry["cases"][case] if case else entry


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in Formatter().parse(template) if name}


def role_words(code: str | Enum) -> Localized:
    """A role code (OWNING_AGENCY_HEAD) in words; Indonesian text never shows the bare code."""
    value = code.value if isinstance(code, Enum) else str(code)
    names = catalogue()["roles"].get(value)
    return Localized(en=names["en"], id=names["id"]) if names else Localized(en=value, id=value)


def roles_words(codes: Iterable[str | Enum]) -> Localized:
    named = [role_words(c) for c in codes]
    return Localized(en=" or ".join(r.en for r in named), id=" atau ".join(r.id for r in named))


def phrase(key: str, **values: object) -> Localized:
    """A shared sub-text of the catalogue (`phrases:`), filled like a message."""
    entry = catalogue()["phrases"][key]
    return Localized(en=_fill(entry["en"], "en", values), id=_fill(entry["id"], "id", values))


def render(code: str, language: str, details: dict[str, object]) -> str:
    return _fill(templates(code, details.get("case"))[language], language, details)


def _shown(value: object, language: str) -> str:
    if isinstance(value, Localized):
        return value.in_language(language)
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, list | tuple):
        return ", ".join(_shown(v, language) for v in value)
    return str(value)


def _fill(template: str, language: str, values: dict[str, object]) -> str:
    return template.format_map({name: _shown(values[name], language) for name in placeholders(template)})


_TAG = re.compile(r"^\s*([A-Za-z]{1,8})(?:-[A-Za-z0-9]{1,8})*\s*(?:;\s*q\s*=\s*([0-9.]+))?\s*$")


def preferred_language(accept_language: str | None) -> str:
    """`en` or `id` from an Accept-Language header (RFC 9110 weights); Indonesian unless English is
    preferred. Anything unreadable counts as not given."""
    best, best_weight = DEFAULT_LANGUAGE, 0.0
    for part in (accept_language or "")[:500].split(","):
        match = _TAG.match(part)
        if not match:
            continue
        try:
            weight = float(match.group(2)) if match.group(2) else 1.0
        except ValueError:
            continue
        primary = match.group(1).lower()
        if primary in ("in",):  # the old ISO 639 code of Indonesian
            primary = "id"
        if primary in LANGUAGES and weight > best_weight:
            best, best_weight = primary, weight
    return best
