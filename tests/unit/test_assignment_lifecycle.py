"""The assignment's one lifecycle (domain.assignment_lifecycle), which the aggregate and the read
model both apply: the cases the route walks pass through, and the ones they rarely reach."""

from domain.assignment_lifecycle import ACTIVE, ENDED, FIXED, PENDING, REJECTED, WITHDRAWN, Standing, evolve

TOTAL = 4  # request, approve, issue the letter, accept


def test_each_step_taken_moves_the_open_step_on_and_the_letter_fixes_the_request():
    s = Standing()
    assert (s.status, s.open_step(TOTAL)) == (PENDING, 2)
    s = evolve(s, "StepApproved", total=TOTAL, step=2)
    assert (s.status, s.open_step(TOTAL)) == (PENDING, 3)
    s = evolve(s, "LetterIssued", total=TOTAL, step=3)
    assert (s.status, s.open_step(TOTAL)) == (FIXED, 4)


def test_the_accept_step_is_taken_once_every_official_has_accepted():
    s = Standing(status=FIXED, done=3)
    s = evolve(s, "Accepted", total=TOTAL, step=4, nip="a", officials=["a", "b"])
    assert (s.status, s.open_step(TOTAL), s.accepted) == (FIXED, 4, frozenset({"a"}))
    s = evolve(s, "Accepted", total=TOTAL, step=4, nip="b", officials=["a", "b"])
    assert (s.status, s.open_step(TOTAL)) == (ACTIVE, None)


def test_a_last_step_other_than_acceptance_makes_it_active():
    s = evolve(Standing(done=2), "LetterIssued", total=3, step=3)
    assert (s.status, s.open_step(3)) == (ACTIVE, None)


def test_a_refusal_a_withdrawal_or_an_end_closes_it():
    for event, status in (("StepRejected", REJECTED), ("Withdrawn", WITHDRAWN), ("Ended", ENDED)):
        s = evolve(Standing(done=2), event, total=TOTAL, step=3)
        assert (s.status, s.open_step(TOTAL)) == (status, None)
