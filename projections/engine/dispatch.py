"""`eventmethod`: `functools.singledispatchmethod` without its per-call cost.

On Python 3.11 every access to a singledispatchmethod builds a new wrapper and copies the
function's metadata onto it (`update_wrapper`); views dispatch every event they see, so that
was a measurable part of a rebuild. This keeps the same `@on.register` usage and resolution.
"""

from functools import singledispatchmethod
from typing import Any


class eventmethod(singledispatchmethod):  # noqa: N801 - used as a decorator, like its parent
    def __get__(self, obj: Any, cls: type | None = None) -> Any:
        dispatch = self.dispatcher.dispatch

        def method(event: Any, *args: Any, **kwargs: Any) -> Any:
            return dispatch(event.__class__).__get__(obj, cls)(event, *args, **kwargs)

        return method
