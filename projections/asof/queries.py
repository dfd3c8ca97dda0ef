"""As-of look-ups on the history views (ADR 0011): one indexed read per question, on both axes.

`at` is a recorded instant (projections.asof.bitemporal.recorded), `on` an ISO day (FOREVER when
the question is only "as recorded")."""

from typing import Any

import orjson

from projections.asof import rectangle
from projections.asof.bitemporal import in_force
from projections.engine.store import ViewStore


def _rows(store: ViewStore, sql: str, params: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    for row in store.query(sql, params):
        state = orjson.loads(row.pop("state"))
        out.append({**row, **state})
    return out


class AsOfQueries:
    def __init__(self, store: ViewStore):
        self.store = store

    def units(self, at: str, on: str, agency_code: str | None = None) -> list[dict[str, Any]]:
        """The units in force then, in tree order (by path), each with its head's name as the
        register has it now (`head_name`): one statement, so one answer per request."""
        return _rows(self.store, *self.units_statement(at, on, agency_code))

    def units_statement(self, at: str, on: str, agency_code: str | None) -> tuple[str, dict[str, Any]]:
        where = in_force("h")
        params: dict[str, Any] = {"at": at, "on": on}
        if self.store.dialect == "postgres" and (point := rectangle.point(at, on)) is not None:
            where += f" AND {rectangle.CONTAINS}"  # narrows by the index; in_force still decides
            params |= point
        if agency_code is not None:
            where += " AND h.agency_code = :agency"
            params["agency"] = agency_code
        sql = (
            "SELECT h.code, h.agency_code, h.path, h.state, o.name AS head_name FROM unit_history h"
            f" LEFT JOIN officials o ON o.nip = {self._member('h.state', 'head_nip')}"
            f" WHERE {where} ORDER BY h.path"
        )
        return sql, params

    def _member(self, state: str, key: str) -> str:
        """A text member of a stored state, in this store's SQL."""
        if self.store.dialect == "postgres":
            return f"CAST({state} AS json) ->> '{key}'"
        return f"json_extract({state}, '$.{key}')"

    def official(self, official_id: str, at: str, on: str) -> dict[str, Any] | None:
        """The official then, with the appraiser's name as the register has it now."""
        rows = _rows(
            self.store,
            "SELECT h.nip, h.state, o.name AS appraiser_name FROM official_history h"
            f" LEFT JOIN officials o ON o.nip = {self._member('h.state', 'appraiser_nip')}"
            f" WHERE h.id = :id AND {in_force('h')}",
            {"id": official_id, "at": at, "on": on},
        )
        return rows[0] if rows else None

    def delegations(
        self, at: str, on: str, *, grantor_nip: str | None = None, delegate_nip: str | None = None
    ) -> list[dict[str, Any]]:
        """Delegations known then (revoked or not), by grantor or by delegate."""
        column, nip = (
            ("grantor_nip", grantor_nip) if grantor_nip is not None else ("delegate_nip", delegate_nip)
        )
        return _rows(
            self.store,
            f"SELECT delegation_id, grantor_nip, delegate_nip, state FROM delegation_history"
            f" WHERE {column} = :nip AND {in_force()} ORDER BY delegation_id",
            {"nip": nip, "at": at, "on": on},
        )

    def delegations_held(self, delegate_nip: str, at: str, on: str, validity_day: str) -> list[dict]:
        """Granted to `delegate_nip`, not revoked, and within their validity period on `validity_day`."""
        return [
            d
            for d in self.delegations(at, on, delegate_nip=delegate_nip)
            if not d["revoked"] and d["valid_from"] <= validity_day <= d["valid_until"]
        ]

    def assignment(self, assignment_id: str, at: str, on: str) -> dict[str, Any] | None:
        rows = _rows(
            self.store,
            f"SELECT id, state FROM assignment_history WHERE id = :id AND {in_force()}",
            {"id": assignment_id, "at": at, "on": on},
        )
        return rows[0] if rows else None

    def team(self, team_id: str, at: str, on: str) -> dict[str, Any] | None:
        rows = _rows(
            self.store,
            f"SELECT id, state FROM team_history WHERE id = :id AND {in_force()}",
            {"id": team_id, "at": at, "on": on},
        )
        return rows[0] if rows else None
