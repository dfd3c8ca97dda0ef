"""Who may read what: one permission class per rule, declared on every query field and on the
personal fields of an official (README "Who may read what", docs/adr/0006-read-permissions.md).

The rules follow the lines the regulations draw (who appraises whom, who heads which unit, who
takes part in a piece of work) and the purpose limitation and data minimisation of UU 27/2022:
the organisation (units, heads, who holds which position) is open to every official of the
government; personal data (education, placement history, delegations) and the record of a piece
of work (requests, decisions with reasons, reports, evaluations) are open to the official, their
line of superiors, those taking part, and the oversight roles (administrator, inspectorate).

A refused query answers NOT_AUTHORISED (the code every other refusal carries) with an Indonesian
`pesan`; a personal field of an official the caller may not see reads null, so list views still
render. Each class shows in the schema as a directive on the field it guards.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from strawberry.permission import BasePermission, PermissionExtension
from strawberry.types import Info

from api.context import Context, blocking
from application.inspection import AUDITOR_ROLE
from application.principal import Principal
from domain.acting import Grant, in_force
from domain.errors import Forbidden
from projections.assignments.queries import AssignmentQueries
from projections.evaluations.queries import EvaluationQueries
from projections.teams.queries import TeamQueries

_MAX_DEPTH = 16  # the deepest tree the regulations draw is five levels; this bounds a corrupt cycle


def _ctx(info: Info) -> Context:
    return info.context


def is_oversight(principal: Principal) -> bool:
    """The administrator (BKPSDM, Bagian Organisasi) and the inspectorate/auditors read everything."""
    return principal.is_admin or AUDITOR_ROLE in principal.roles


def _usable(key: Any) -> str | None:
    """A key worth looking up: non-empty text without NUL (which PostgreSQL refuses)."""
    text = str(key).strip() if key is not None else ""
    return text if text and "\x00" not in text else None


async def heads_over(info: Info, unit_code: str | None) -> set[str]:
    """NIPs heading the unit or any unit above it, up to the agency (the unit's line)."""
    heads: set[str] = set()
    code = _usable(unit_code)
    for _ in range(_MAX_DEPTH):
        unit = await _ctx(info).units.load(code) if code else None
        if unit is None:
            break
        if unit["head_nip"]:
            heads.add(unit["head_nip"])
        code = unit["parent_code"]
    return heads


async def line_of(info: Info, nip: str | None) -> set[str]:
    """The official's superiors: their appraiser (and whoever holds the appraiser's authority by a
    delegation in force today) and the heads of their unit and every unit above it."""
    key = _usable(nip)
    official = await _ctx(info).officials.load(key) if key else None
    if official is None:
        return set()
    line = set()
    if official["appraiser_nip"]:
        line.add(official["appraiser_nip"])
        line |= await _delegates_of(info, official["appraiser_nip"])
    line |= await heads_over(info, official["unit_code"])
    if official["head_of"]:
        head_of = await _ctx(info).units.load(official["head_of"])
        line |= await heads_over(info, head_of["parent_code"] if head_of else None)
    line.discard(official["nip"])
    return line


async def _delegates_of(info: Info, grantor_nip: str) -> set[str]:
    # Asked once per grantor and request: a directory page checks every row against the same few appraisers.
    cache: dict[str, set[str]] = info.context.__dict__.setdefault("_delegates_cache", {})
    if grantor_nip not in cache:
        rows = await blocking(_ctx(info).queries.delegations, grantor_nip=grantor_nip)
        grants = (
            Grant(
                delegation_id=r["delegation_id"],
                grantor_nip=r["grantor_nip"],
                delegate_nip=r["delegate_nip"],
                authority=r["authority"],
                valid_from=r["valid_from"],
                valid_until=r["valid_until"],
                revoked=r["revoked_at"] is not None,
            )
            for r in rows
        )
        cache[grantor_nip] = {
            g.delegate_nip for g in grants if in_force(g, date.today())
        }  # domain.acting's rule
    return cache[grantor_nip]


async def subject_overseers(info: Info, subject_id: str | None) -> set[str]:
    """Who directs a team or an individual assignment: the team leader or the requester, and the
    heads over its owning unit."""
    key = _usable(subject_id)
    if key is None:
        return set()
    team = await blocking(TeamQueries(_ctx(info).store).team, key)
    if team is not None:
        return {team["leader_nip"]} - {None} | await heads_over(info, team["owning_unit"])
    assignment = await blocking(AssignmentQueries(_ctx(info).store).assignment, key)
    if assignment is not None:
        return {assignment["requester_nip"]} | await heads_over(info, assignment["owning_unit"])
    return set()


async def known_subject(info: Info, subject_id: Any) -> bool:
    """Whether a team or an assignment has this id. An unknown (or malformed) one protects nothing:
    the rule lets the resolver answer it (null, an empty list, or INVALID_ID), as for anyone."""
    key = _usable(subject_id)
    if key is None:
        return False
    store = _ctx(info).store
    return (
        await blocking(TeamQueries(store).team, key) is not None
        or await blocking(AssignmentQueries(store).assignment, key) is not None
    )


async def subject_participants(info: Info, subject_id: str | None) -> set[str]:
    """Everyone who takes part in a team's or an assignment's work, and their superiors: overseers,
    members or assigned officials with their lines, decision takers, evaluation reviewers."""
    key = _usable(subject_id)
    if key is None:
        return set()
    store = _ctx(info).store
    people = await subject_overseers(info, key)
    team = await blocking(TeamQueries(store).team, key)
    if team is not None:
        workers = {m["nip"] for m in await blocking(TeamQueries(store).members, key, current=False)}
    else:
        queries = AssignmentQueries(store)
        workers = {r["nip"] for r in await blocking(queries.officials_of, key)}
        people |= {r["actor_nip"] for r in await blocking(queries.history, key)}
        assignment = await blocking(queries.assignment, key)
        if assignment is not None:
            people |= await heads_over(info, assignment["official_unit"])
    people |= workers
    for nip in workers:
        people |= await line_of(info, nip)
    return people | await _reviewers(info, key)


async def _reviewers(info: Info, subject_id: str) -> set[str]:
    """Heads of the units in the subject's evaluation chain, and whoever has acted in it."""
    queries = EvaluationQueries(_ctx(info).store)
    rows = await blocking(queries.evaluations, subject_id=subject_id)
    if not rows:
        return set()
    people = {s["actor_nip"] for s in await blocking(queries.evaluation_steps, subject_id)}
    for level in rows[0]["chain"]:
        unit = await _ctx(info).units.load(level["unit_code"])
        if unit and unit["head_nip"]:
            people.add(unit["head_nip"])
    return people


async def assignment_participants(info: Info, assignment_id: str | None) -> set[str]:
    """Those an assignment concerns: requester, assigned officials and their superiors, the heads
    over the owning and the officials' unit, everyone who decided a step, and who must act now."""
    key = _usable(assignment_id)
    if key is None:
        return set()
    people = await subject_participants(info, key)
    holders = await blocking(AssignmentQueries(_ctx(info).store).waiting_for, key, date.today())
    return people | {r["nip"] for r in holders if r["nip"]}


class ReadPermission(BasePermission):
    """A read rule. Refusals are expected (the client asked for what it may not see): a typed
    DomainError, shown with its code and pesan, logged at INFO."""

    case = "read"  # its texts: NOT_AUTHORISED in domain/messages.yaml

    def on_unauthorized(self) -> None:
        raise Forbidden("NOT_AUTHORISED", case=self.case)

    async def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
        principal = _ctx(info).principal
        return is_oversight(principal) or await self.allows(principal.nip, source, info, **kwargs)

    async def allows(self, me: str, source: Any, info: Info, **kwargs: Any) -> bool:
        return False


class SignedIn(ReadPermission):
    """Any valid token: the answer is about the caller alone (`me`, their inbox, their requests)."""

    async def allows(self, me: str, source: Any, info: Info, **kwargs: Any) -> bool:
        return True


class GovernmentMember(ReadPermission):
    """An official registered in this government: the organisation, its heads, teams, the directory."""

    case = "read_government"  # its texts: NOT_AUTHORISED in domain/messages.yaml

    async def allows(self, me: str, source: Any, info: Info, **kwargs: Any) -> bool:
        return await _ctx(info).officials.load(me) is not None


class Oversight(ReadPermission):
    """The administrator and the inspectorate/auditors only."""

    case = "read_oversight"  # its texts: NOT_AUTHORISED in domain/messages.yaml


class Administrator(ReadPermission):
    """The administrator alone: the state of the read models (an operator's concern, not an audit's)."""

    case = "read_admin"  # its texts: NOT_AUTHORISED in domain/messages.yaml

    async def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
        return _ctx(info).principal.is_admin


class SelfOrOversight(ReadPermission):
    """The official's own record (argument `nip`), else oversight."""

    case = "read_self_or_oversight"  # its texts: NOT_AUTHORISED in domain/messages.yaml

    async def allows(self, me: str, source: Any, info: Info, **kwargs: Any) -> bool:
        return _usable(kwargs.get("nip")) == me and not (
            kwargs.get("unit_code") or kwargs.get("aggregate_id")
        )


class SelfOrLine(ReadPermission):
    """An official's personal data and workload: the official, their appraiser and the heads above
    them (argument `nip` or `official_nip`, or the Official the field belongs to)."""

    case = "read_self_or_line"  # its texts: NOT_AUTHORISED in domain/messages.yaml

    async def allows(self, me: str, source: Any, info: Info, **kwargs: Any) -> bool:
        nip = _usable(kwargs.get("nip") or kwargs.get("official_nip") or getattr(source, "nip", None))
        return nip is not None and (nip == me or me in await line_of(info, nip))


class AssignmentParticipant(ReadPermission):
    """An assignment and its history: those it concerns (see `assignment_participants`)."""

    case = "read_assignment"  # its texts: NOT_AUTHORISED in domain/messages.yaml

    async def allows(self, me: str, source: Any, info: Info, **kwargs: Any) -> bool:
        key = _usable(kwargs.get("id"))
        if key is None or await blocking(AssignmentQueries(_ctx(info).store).assignment, key) is None:
            return True  # nothing to protect: the resolver answers null (or its own error)
        return me in await assignment_participants(info, key)


class UnitLine(ReadPermission):
    """A unit's work lists: the head of the unit (argument `unit_code` or `reviewing_unit`) or of a
    unit above it; or, with `subject_id`, those taking part in that team or assignment."""

    case = "read_unit_line"  # its texts: NOT_AUTHORISED in domain/messages.yaml

    async def allows(self, me: str, source: Any, info: Info, **kwargs: Any) -> bool:
        unit = kwargs.get("unit_code") or kwargs.get("reviewing_unit")
        if unit and me in await heads_over(info, unit):
            return True
        subject = kwargs.get("subject_id")
        if not subject:
            return False
        return not await known_subject(info, subject) or me in await subject_participants(info, subject)


class SubjectParticipant(ReadPermission):
    """A team's or an assignment's evaluation and the leader's input on members: those taking part
    and their superiors (argument `subject_id` or `team_id`)."""

    case = "read_subject"  # its texts: NOT_AUTHORISED in domain/messages.yaml

    async def allows(self, me: str, source: Any, info: Info, **kwargs: Any) -> bool:
        subject = kwargs.get("subject_id") or kwargs.get("team_id")
        return not await known_subject(info, subject) or me in await subject_participants(info, subject)


class ReportReader(ReadPermission):
    """Reports and report obligations: the reporter, the recipient, the reporter's superiors, or
    those directing the subject. A query must name one of them (`reporter_nip`, `recipient_nip`,
    `subject_id`) that the caller is."""

    case = "read_report"  # its texts: NOT_AUTHORISED in domain/messages.yaml

    async def allows(self, me: str, source: Any, info: Info, **kwargs: Any) -> bool:
        reporter, recipient = _usable(kwargs.get("reporter_nip")), _usable(kwargs.get("recipient_nip"))
        if me in (reporter, recipient):
            return True
        if reporter and me in await line_of(info, reporter):
            return True
        subject = kwargs.get("subject_id")
        if not subject:
            return False
        return not await known_subject(info, subject) or me in await subject_overseers(info, subject)


class PerformanceReader(ReadPermission):
    """Expectations, plans and feedback: the official concerned and their line (argument `nip`),
    or those taking part in the work and their superiors (argument `subject_id` or `team_id`)."""

    case = "read_performance"  # its texts: NOT_AUTHORISED in domain/messages.yaml

    async def allows(self, me: str, source: Any, info: Info, **kwargs: Any) -> bool:
        nip = _usable(kwargs.get("nip"))
        if nip is not None and (nip == me or me in await line_of(info, nip)):
            return True
        subject = kwargs.get("subject_id") or kwargs.get("team_id")
        if not subject:
            return False
        return not await known_subject(info, subject) or me in await subject_participants(info, subject)


class NullUnlessPermitted(PermissionExtension):
    """A personal field of a list item: an outsider reads null (not an error, and not an empty list
    that would pass for "none"), so a directory page still renders."""

    def __init__(self, *permissions: BasePermission):
        super().__init__(permissions=list(permissions), fail_silently=True)

    def apply(self, field: Any) -> None:
        super().apply(field)
        self.return_empty_list = False


class Requires(PermissionExtension):
    """A query's read rule, shown in the schema as a directive on the field (`@unitLine`)."""

    def __init__(self, *permissions: BasePermission):
        super().__init__(permissions=list(permissions), use_directives=True)
