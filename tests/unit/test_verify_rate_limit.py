"""`GET /verify/<code>` is rate-limited per client over a sliding minute (infra.documents.http)."""

from infra.documents.http import RateLimit


def test_a_client_gets_its_share_a_minute_and_others_are_not_held_back():
    limit = RateLimit(per_minute=3)
    assert [limit.allow("a", now=t) for t in (0, 1, 2, 3)] == [True, True, True, False]
    assert limit.allow("b", now=3)  # another client
    assert not limit.allow("a", now=59.9)
    assert limit.allow("a", now=60.5)  # the first request left the window
