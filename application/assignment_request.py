"""Opening an assignment request: the route the regulation prescribes for its mode and scope,
the officials (or the criteria the other side will fill), the request letter's contents, and
the requester's entitlement to take step 1."""

from datetime import date

from application.app import BaseApp
from application import checks
from application.checks import enum_value, require_admin
from application.principal import Principal
from domain.assignment import Assignment
from domain.decision import Capacity, Decision
from domain.errors import InvalidInput
from domain.limits import NAME, NIP, PERIOD, REFERENCE, TEXT, TITLE
from domain.profile import Action, Mode, Scope, cite
from domain.routes import UnitPlace, is_other_government, route_for, scope_between, steps_snapshot

LETTER_CONTENTS = ("purpose", "competencies", "expected_target")
SIDES = ("OWNING", "OFFICIAL")


class RequestCommands(BaseApp):
    def request_assignment(
        self, actor: Principal, *, mode: str, scope: str, owning_unit_code: str, work: str,
        period_start: date, period_end: date, official_nips: list[str] | None = None,
        official_unit_code: str | None = None, criteria: str | None = None, team: bool = False,
        request_letter: dict | None = None, counterpart: dict | None = None,
        external_officials: list[dict] | None = None, external_letter: dict | None = None,
        on: date | None = None,
    ) -> Assignment:
        m, s = enum_value(Mode, mode, "mode"), enum_value(Scope, scope, "scope")
        route = route_for(self.profile, m, s)
        checks.day(period_start, PERIOD, "period start")
        checks.day(period_end, PERIOD, "period end")
        checks.period(period_start, period_end)
        nips = list(dict.fromkeys(official_nips or ([actor.nip] if m is Mode.VOLUNTARY else [])))
        if m is Mode.VOLUNTARY and (nips != [actor.nip] or external_officials):
            raise InvalidInput("VOLUNTARY_IS_PERSONAL")
        side = self._counterpart(s, counterpart)
        if side == "OWNING":
            owning, official_unit = self.repo.unit(checks.unit_code(owning_unit_code)).code, counterpart.get("unit") or counterpart["government"]
            officials = [{"nip": checks.text(o.get("nip"), NIP, "nip"),
                          "name": checks.text(o.get("name"), NAME, "name")}
                         for o in external_officials or []]
        else:
            owning, official_unit, officials = self._home_side(s, side, owning_unit_code, official_unit_code, nips, team, counterpart)
            self.one_appraiser(officials, [st.role.value for st in route.steps])
        names_later = any(st.action is Action.NAME_OFFICIALS for st in route.steps[1:])
        if not officials and not names_later:
            raise InvalidInput("OFFICIALS_REQUIRED", legal_basis=cite(self.profile, route.citation))
        if not officials:
            criteria = checks.text(criteria, TEXT, "criteria")
        if len(officials) > 1 and not team:
            raise InvalidInput("TEAM_REQUIRED")
        letter = self._request_letter(route, request_letter, period_start, period_end)
        fields = dict(
            mode=m.value, scope=s.value, route_citation=cite(self.profile, route.citation),
            steps=steps_snapshot(self.profile, route),
            letter={"issued_at_step": route.letter.issued_at_step, "copies": [c.value for c in route.letter.copies],
                    "citation": cite(self.profile, route.letter.citation)},
            owning_unit=owning, official_unit=official_unit, counterpart=counterpart if side else None,
            officials=officials, criteria=(criteria or "").strip() or None, team=team,
            work=checks.text(work, TEXT, "work"),
            request_letter=letter, period_start=period_start.isoformat(), period_end=period_end.isoformat(),
            requester_nip=actor.nip)
        probe = Assignment(**fields, decision={})  # never saved: resolves who holds step 1
        first = probe.steps[0]
        if is_other_government(first["role"], probe.tenant_side):
            require_admin(actor, "record_other_request")
            decision = external_decision(actor, first, external_letter, counterpart)
        else:
            decision = Decision(actor.nip, self.roles.capacity_for(actor.nip, probe, 1, first["role"], on or date.today()),
                                first["citation"]).as_event_fields()
        decision = self.roles.with_copies(decision, probe, first)
        a = Assignment(**fields, decision=decision)
        self.save_decision(a)
        return a

    def _counterpart(self, scope: Scope, counterpart: dict | None) -> str | None:
        if scope is not Scope.CROSS_INSTITUTION:
            if counterpart:
                raise InvalidInput("COUNTERPART_NOT_APPLICABLE")
            return None
        if not counterpart:
            raise InvalidInput("COUNTERPART_REQUIRED", field="counterpart")
        checks.text(counterpart.get("government"), TITLE, "counterpart government")
        if counterpart.get("tenant_side") not in SIDES:
            raise InvalidInput("INVALID_VALUE", case="tenant_side", field="tenant_side")
        return counterpart["tenant_side"]

    def _home_side(self, scope, side, owning_code, unit_code, nips, team, counterpart):
        officials = self.placed_officials(nips, None, team)
        units = {self.repo.official(o["nip"]).placement["unit_code"] for o in officials}
        if unit_code:
            units.add(self.repo.unit(checks.unit_code(unit_code)).code)
        if len(units) != 1:
            raise InvalidInput("ONE_OFFICIAL_UNIT", field="official_unit_code")
        official_unit = self.repo.unit(units.pop())
        if side == "OFFICIAL":
            return counterpart.get("unit") or counterpart["government"], official_unit.code, officials
        owning = self.repo.unit(checks.unit_code(owning_code))
        actual = scope_between(UnitPlace(owning.code, owning.agency_code, tuple(owning.ancestors)),
                               UnitPlace(official_unit.code, official_unit.agency_code, tuple(official_unit.ancestors)))
        if actual is not scope:
            raise InvalidInput("SCOPE_MISMATCH", expected=actual.value, owning_code=owning.code,
                               official_unit_code=official_unit.code,
                               scope=scope.value)
        return owning.code, official_unit.code, officials

    def placed_officials(self, nips: list[str], unit_code: str | None, team: bool) -> list[dict]:
        """Officials of this government, each placed under an appraiser (assignment comes after
        placement: the profile's common.placed_before_assigned), in `unit_code` when given."""
        out = []
        for nip in dict.fromkeys(nips):
            official = self.repo.official(nip)
            if not official.placement:
                rule = self.profile.common.placed_before_assigned
                raise InvalidInput("OFFICIAL_NOT_PLACED", nip=nip, official_name=official.name,
                                   legal_basis=cite(self.profile, rule.citation))
            if unit_code and not self.repo.unit(official.placement["unit_code"]).is_at_or_below(unit_code):
                raise InvalidInput("OFFICIAL_OUTSIDE_UNIT", nip=nip, official_name=official.name,
                                   unit_code=unit_code)
            out.append({"nip": official.nip, "name": official.name})
        if len(out) > 1 and not team:
            raise InvalidInput("TEAM_REQUIRED")
        return out

    def one_appraiser(self, officials: list[dict], roles: list[str]) -> None:
        """A request goes to one appraiser (the profile's common.one_appraiser_per_request):
        officials under different appraisers need one request each where the appraiser takes a step."""
        if "OFFICIAL_APPRAISER" not in roles:
            return
        appraisers = {self.repo.official(o["nip"]).placement["appraiser_nip"] for o in officials}
        if len(appraisers) > 1:
            rule = self.profile.common.one_appraiser_per_request
            raise InvalidInput("ONE_APPRAISER_PER_REQUEST", appraisers=sorted(appraisers),
                               legal_basis=cite(self.profile, rule.citation))

    def _request_letter(self, route, letter: dict | None, start: date, end: date) -> dict | None:
        """Purpose, competencies, expected target and duration (the profile's
        common.request_letter_contents); the duration is the period."""
        if not route.request_letter_required:
            return None
        letter = letter or {}
        fields = {key: f"request letter {key.replace('_', ' ')}" for key in LETTER_CONTENTS}
        basis = cite(self.profile, self.profile.common.request_letter_contents.citation)
        for key, field in fields.items():  # a missing content rests on the rule; a malformed one does not
            if not (letter.get(key) or "").strip():
                raise InvalidInput("REQUIRED", field=field, legal_basis=basis)
        out = {key: checks.text(letter.get(key), TEXT, field) for key, field in fields.items()}
        out["duration"] = f"{start.isoformat()}/{end.isoformat()}"
        out["citation"] = cite(self.profile, route.request_letter_citation)
        return out


def external_decision(actor: Principal, step: dict, letter: dict | None, counterpart: dict | None,
                      reason: str | None = None) -> dict:
    """A decision taken outside this store, recorded by the administrator from its letter
    (docs/adr/0002-cross-institution-steps.md)."""
    letter = letter or {}
    stated = {"reference": checks.text(letter.get("reference"), REFERENCE, "letter reference"),
              "signatory": checks.text(letter.get("signatory"), TITLE, "letter signatory"),
              "date": checks.text(letter.get("date"), TITLE, "letter date")}
    if counterpart:
        stated["government"] = counterpart["government"]
    fields = Decision(actor.nip, Capacity(kind="EXTERNAL_LETTER", position=step["role"]), step["citation"],
                      reason=reason).as_event_fields()
    fields["letter"] = stated
    return fields
