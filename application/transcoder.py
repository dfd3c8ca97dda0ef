"""An orjson transcoder for stored events (eventsourcing ships only a json-module one).

Event state is plain JSON (strings, numbers, lists, dicts) apart from date/time values, which
are tagged so that they decode to the same type: eventsourcing puts the event's `timestamp`
(a timezone-aware datetime) in the state.
"""

from datetime import date, datetime
from typing import Any

import orjson
from eventsourcing.persistence import Transcoder

_TAG, _DATA = "_type_", "_data_"


def _default(obj: Any) -> Any:
    if isinstance(obj, datetime):
        return {_TAG: "datetime", _DATA: obj.isoformat()}
    if isinstance(obj, date):
        return {_TAG: "date", _DATA: obj.isoformat()}
    raise TypeError(f"cannot store a {type(obj).__name__} in an event: {obj!r}")


def _restore(obj: Any) -> Any:
    if isinstance(obj, dict):
        if len(obj) == 2 and _TAG in obj and _DATA in obj:
            kind, data = obj[_TAG], obj[_DATA]
            if kind == "datetime":
                return datetime.fromisoformat(data)
            if kind == "date":
                return date.fromisoformat(data)
        return {key: _restore(value) for key, value in obj.items()}
    if isinstance(obj, list):
        return [_restore(item) for item in obj]
    return obj


class OrjsonTranscoder(Transcoder):
    _options = orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_NON_STR_KEYS

    def encode(self, obj: Any) -> bytes:
        return orjson.dumps(obj, default=_default, option=self._options)

    def decode(self, data: bytes) -> Any:
        obj = orjson.loads(data)
        # Walking every decoded dict in Python is the dearest part of a replay. The tag can only
        # appear in the bytes as a key (inside a string its quotes are escaped), so counting it
        # says whether the top-level values (usually just `timestamp`) hold every tagged value.
        tags = data.count(b'"' + _TAG.encode() + b'"')
        if not tags:
            return obj
        if isinstance(obj, dict):
            restored = 0
            for key, value in obj.items():
                if isinstance(value, dict) and _TAG in value:
                    obj[key] = _restore(value)
                    restored += 1
            if restored == tags:
                return obj
        return _restore(obj)
