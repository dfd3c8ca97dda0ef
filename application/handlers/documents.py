"""The signature on a document rendered from a decision (issue 12 part 3): recorded as an event
with who signed, the signed file's SHA-256 and the signer's backend. The signer must hold, at
the moment of signing, the role in which the decision was taken: the decision's recorded
capacity is resolved again through `roles`, as the decision itself was (the unit's head now, or
a delegate of theirs; the PyB; the official concerned; the administrator)."""

import re
from datetime import date

from application.checks import require_admin
from application.commands.documents import SignDocument
from application.pipeline import Decided
from application.principal import Principal
from application.repository import Repository
from application.roles import Holder, Roles
from domain.acting import Target
from domain.decision import Capacity, CapacityKind, Decision
from domain.document import SignedDocument, document_id
from domain.errors import Conflict, Forbidden, InvalidInput
from domain.messages import phrase
from domain.profile import Profile, Role

_CODE = re.compile(r"^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$")
_KIND = re.compile(r"^[A-Z][A-Z_]{0,39}$")
_SHA256 = re.compile(r"^[0-9a-f]{64}$")
BACKENDS = ("local", "bsre")
# Positions a capacity records for a role held by a named person, not by heading the unit it names.
_PERSONAL = {role.value for role in Role} | {"OFFICIAL"}


def _checked(c: SignDocument) -> None:
    for field, pattern, value in (
        ("verify_code", _CODE, c.verify_code),
        ("kind", _KIND, c.kind),
        ("sha256", _SHA256, c.sha256),
    ):
        if not pattern.match(value):
            raise InvalidInput("INVALID_DOCUMENT_FIELD", field=field)
    if c.signer_backend not in BACKENDS:
        raise InvalidInput("INVALID_DOCUMENT_FIELD", field="signer_backend")


def deciding_holders(roles: Roles, decision: dict) -> list[Holder]:
    """Who holds now the role the decision was taken in, from its recorded capacity."""
    capacity = decision.get("capacity") or {}
    kind, unit = capacity.get("kind"), capacity.get("unit_code")
    if kind == CapacityKind.SELF.value:
        nip = decision["actor_nip"]
        return [Holder(nip, roles.repo.official(nip).name, Capacity(kind="SELF"))]
    position = capacity.get("position") or ""
    if position == "PYB":
        return roles.office_holders(Target.PYB)
    if unit and position not in _PERSONAL:  # a unit's head, or their delegate: that unit's head now
        return roles.head_of_unit(unit)
    # A role held by a named person (the team's leader, the assigner, an appraiser): that person.
    return roles.person(capacity.get("delegated_by") or decision["actor_nip"], position)


def signing_capacity(actor: Principal, decision: dict, roles: Roles) -> Capacity:
    kind = (decision.get("capacity") or {}).get("kind")
    if kind == CapacityKind.EXTERNAL_LETTER.value:
        raise Forbidden("DOCUMENT_OF_OTHER_GOVERNMENT")
    if kind == CapacityKind.ADMIN.value:
        require_admin(actor, "sign_documents")
        return Capacity(kind="ADMIN")
    return roles.acting_capacity(
        actor.nip, deciding_holders(roles, decision), phrase("sign_document"), date.today()
    )


def sign_document(
    c: SignDocument, actor: Principal, repo: Repository, roles: Roles, profile: Profile
) -> Decided:
    _checked(c)
    event = repo.decision_at(c.position)
    decision = getattr(event, "decision", None)
    if not isinstance(decision, dict) or "legal_basis" not in decision:
        raise InvalidInput("NOT_A_DECISION", position=c.position)
    if repo.exists(document_id(c.verify_code)):
        raise Conflict("DOCUMENT_ALREADY_SIGNED", verify_code=c.verify_code)
    capacity = signing_capacity(actor, decision, roles)
    document = SignedDocument(
        verify_code=c.verify_code,
        kind=c.kind,
        position=c.position,
        decision_id=str(event.originator_id),
        signer_nip=actor.nip,
        sha256=c.sha256,
        signer_backend=c.signer_backend,
        decision=Decision(actor.nip, capacity, decision["legal_basis"]).as_event_fields(),
    )
    return Decided(document, result={"document_id": str(document.id), "verify_code": c.verify_code})


HANDLERS = {SignDocument: sign_document}
