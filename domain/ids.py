"""Deterministic aggregate ids: the natural key of a thing names its event stream, so a
duplicate registration collides on version 1 instead of creating a second stream."""

from uuid import UUID, uuid5

_NAMESPACE = UUID("6f0b8f1e-4c1e-4b5e-9a51-5157656d6b72")


def unit_id(code: str) -> UUID:
    return uuid5(_NAMESPACE, f"unit:{code}")


def official_id(nip: str) -> UUID:
    return uuid5(_NAMESPACE, f"official:{nip}")
