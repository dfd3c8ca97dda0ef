"""The orjson transcoder round-trips what events hold, dates and times included, at any depth."""

from datetime import date, datetime, timezone

from application.transcoder import OrjsonTranscoder

T = OrjsonTranscoder()


def test_the_event_timestamp_comes_back_as_an_aware_datetime():
    when = datetime(2024, 3, 1, 8, 30, 15, 123456, tzinfo=timezone.utc)
    state = {"timestamp": when, "decision": {"actor_nip": "198507202010011002", "legal_basis": "x Pasal 6"}}
    assert T.decode(T.encode(state)) == state


def test_nested_dates_and_times_are_restored_too():
    state = {
        "timestamp": datetime(2024, 1, 1, tzinfo=timezone.utc),
        "steps": [{"on": date(2024, 2, 3), "at": datetime(2024, 2, 3, 10, tzinfo=timezone.utc)}],
        "period": {"from": date(2024, 1, 1), "to": date(2024, 12, 31)},
    }
    assert T.decode(T.encode(state)) == state


def test_text_that_mentions_the_tag_is_left_alone():
    state = {"note": 'a "_type_" and "_data_" in free text', "nested": {"_type_": "x", "other": 1}}
    assert T.decode(T.encode(state)) == state


def test_plain_values_round_trip_unchanged():
    state = {"a": [1, 2.5, None, True], "b": {"c": "Ṡerang"}, "d": []}
    assert T.decode(T.encode(state)) == state
