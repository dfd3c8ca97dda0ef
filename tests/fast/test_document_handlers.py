"""Fast tier for the signature on a document (application.handlers.documents): the signer must
hold, when signing, the role in which the decision was taken; bad input records nothing."""

from datetime import date

import pytest

from application.commands.documents import SignDocument
from application.commands.organisation import AppointHead
from application.commands.reporting import ReportMemberPerformance
from application.principal import Principal
from domain.errors import Conflict, Forbidden, InvalidInput, NotFound
from tests.integration.assignment_walk import ADMIN
from tests.integration.team_world import _build, fixed_team_assignment, form, staffed_team
from tests.support import register

SHA = "ab" * 32
PERIOD = date.today().strftime("%Y-%m")


PROFILES = ["kab-serang-2024", "kota-serang-2023", "banjarnegara-2024", "pemalang-2023", "banyumas-2024"]


@pytest.fixture
def formed(given):
    """Kab. Serang: a team formed by the head of its unit (a decision in the POSITION capacity)."""
    g = given()
    world = _build(g.app)
    team = form(g.app, world)
    position = g.app.recorder.max_notification_id()
    return g, world, team, position


def sign(position: int, **fields) -> SignDocument:
    values = dict(verify_code="ABCD-EFGH-JKMN", kind="KEPUTUSAN_TIM", sha256=SHA, signer_backend="local")
    return SignDocument(position=position, **(values | fields))


def test_the_head_who_formed_the_team_signs_its_decree(formed):
    g, world, team, position = formed
    head = team.formed_by_nip
    outcome, events = g.when(Principal(head), sign(position))
    assert [type(e).__qualname__ for e in events] == ["SignedDocument.Signed"]
    signed = events[0]
    assert (signed.signer_nip, signed.position, signed.sha256, signed.signer_backend) == (
        head,
        position,
        SHA,
        "local",
    )
    assert signed.decision_id == str(team.id)
    assert signed.decision["capacity"]["kind"] == "POSITION"
    assert outcome.result["verify_code"] == "ABCD-EFGH-JKMN"
    with pytest.raises(Conflict) as again:
        g.when(Principal(head), sign(position))
    assert again.value.code == "DOCUMENT_ALREADY_SIGNED"


def test_someone_not_holding_the_deciding_role_may_not_sign(formed):
    g, world, _, position = formed
    with pytest.raises(Forbidden) as refused:
        g.when(Principal(world.w.bystander), sign(position))
    assert refused.value.code == "NOT_YOUR_STEP"


@pytest.mark.parametrize(
    ("field", "value"),
    [("verify_code", "abc"), ("kind", "surat"), ("sha256", "xyz"), ("signer_backend", "pen")],
)
def test_bad_input_is_refused_and_nothing_recorded(formed, field, value):
    g, world, team, position = formed
    before = g.app.recorder.max_notification_id()
    with pytest.raises(InvalidInput) as bad:
        g.when(Principal(team.formed_by_nip), sign(position, **{field: value}))
    assert (bad.value.code, bad.value.details["field"]) == ("INVALID_DOCUMENT_FIELD", field)
    assert g.app.recorder.max_notification_id() == before


def test_no_event_at_the_position_is_not_found(formed):
    g, _, team, position = formed
    with pytest.raises(NotFound) as missing:
        g.when(Principal(team.formed_by_nip), sign(position + 1000))
    assert missing.value.code == "DECISION_NOT_FOUND"


@pytest.mark.parametrize("profile", PROFILES)
def test_every_profile_the_team_former_signs_the_decree_and_a_member_may_not(given, profile):
    """Whoever the profile names to form the team (its teams.former rule, with its citation) is
    the one who signs the decree; the authorisation is the decision's own, resolved again now."""
    g = given(profile)
    world = _build(g.app)
    team = form(g.app, world)
    position = g.app.recorder.max_notification_id()
    with pytest.raises(Forbidden):
        g.when(Principal(world.leader), sign(position))
    _, events = g.when(Principal(team.formed_by_nip), sign(position))
    assert events[0].signer_nip == team.formed_by_nip


def test_the_signer_holds_the_deciding_role_at_the_moment_of_signing(formed):
    """The head who formed the team is replaced before signing: the decree is signed by the new
    head (the office decides, not the person), and the former head may no longer sign it."""
    g, world, team, position = formed
    (unit,) = [e for e in g.app.repository.event_store.get(team.id)][:1]
    unit_code = unit.decision["capacity"]["unit_code"]
    successor = register(g.app, ADMIN, position_type="JPT_PRATAMA", rank="IV/c")
    g.given(
        ADMIN, AppointHead(unit_code=unit_code, nip=successor, effective_date=date.today(), legal_basis="SK")
    )
    with pytest.raises(Forbidden) as former:
        g.when(Principal(team.formed_by_nip), sign(position))
    assert former.value.details["holders"] == [
        {"nip": successor, "name": former.value.details["holders"][0]["name"]}
    ]
    _, events = g.when(Principal(successor), sign(position))
    assert events[0].signer_nip == successor


def letter_position(g, assignment_id) -> tuple[int, str]:
    """The position of the assignment's LetterIssued event, and who issued it."""
    for n in g.app.recorder.select_notifications(start=1, limit=10_000):
        e = g.app.mapper.to_domain_event(n)
        if type(e).__qualname__ == "Assignment.LetterIssued" and e.originator_id == assignment_id:
            return n.id, e.decision["actor_nip"]
    raise AssertionError("no letter issued")


@pytest.mark.parametrize("profile", PROFILES)
def test_every_profile_the_surat_tugas_is_signed_by_its_issuer_only(given, profile):
    """The assignment letter (the written evidence every profile requires, e.g. Pemalang Pasal 10
    ayat (6) "setiap penugasan harus dibuktikan secara tertulis") is signed by whoever holds the
    issuing step's role under the profile's route, and by no one else."""
    g = given(profile)
    world = _build(g.app)
    a = fixed_team_assignment(g.app, owning_unit=world.w.a.unit, nips=[world.leader])
    position, issuer = letter_position(g, a.id)
    with pytest.raises(Forbidden):
        g.when(Principal(world.leader), sign(position, kind="SURAT_TUGAS"))
    _, events = g.when(Principal(issuer), sign(position, kind="SURAT_TUGAS"))
    assert (events[0].signer_nip, events[0].kind) == (issuer, "SURAT_TUGAS")


def test_a_decision_taken_as_team_leader_is_signed_by_the_leader_not_the_unit_head(given):
    """The leader's input on a member (capacity TEAM_LEADER, recorded with the owning unit) is the
    leader's to sign: a role held by a named person is not the unit head's."""
    g = given()
    world = _build(g.app)
    team = staffed_team(g.app, world)
    g.given(
        Principal(world.leader),
        ReportMemberPerformance(
            team_id=str(team.id), period=PERIOD, nip=world.w.official, contribution="Baik"
        ),
    )
    position = g.app.recorder.max_notification_id()
    with pytest.raises(Forbidden):
        g.when(Principal(world.w.heads[team.owning_unit]), sign(position))
    _, events = g.when(Principal(world.leader), sign(position))
    assert events[0].signer_nip == world.leader
