"""Per-request context: the caller, the application, the read models, and DataLoaders
(created per request, never shared)."""

from collections.abc import Callable
from functools import partial
from typing import Any, TypeVar

from starlette.concurrency import run_in_threadpool
from strawberry.dataloader import DataLoader
from strawberry.fastapi import BaseContext
from strawberry.types import Info

from application.principal import Principal
from application.sistemkerja import SistemKerja
from domain.messages import DEFAULT_LANGUAGE
from projections.engine.store import ViewStore
from projections.organisation.queries import OrganisationQueries

T = TypeVar("T")


class Context(BaseContext):
    def __init__(
        self,
        app: SistemKerja,
        store: ViewStore,
        principal: Principal,
        request_id: str,
        *,
        language: str = DEFAULT_LANGUAGE,
    ):
        super().__init__()
        self.language = language  # of the caller (Accept-Language): for GraphQL's errors[].message
        self.app = app
        self.store = store  # features build their own query objects over it
        self.queries = queries = OrganisationQueries(store)
        self.principal = principal
        self.request_id = request_id
        self.officials = DataLoader(self._load(queries.officials_by_nip))
        self.units = DataLoader(self._load(queries.units_by_code))

    @staticmethod
    def _load(fetch: Callable[[list[str]], dict[str, Any]]) -> Callable[[list[str]], Any]:
        async def load(keys: list[str]) -> list[Any]:
            found = await run_in_threadpool(fetch, list(dict.fromkeys(keys)))
            return [found.get(key) for key in keys]

        return load


def context(info: Info) -> Context:
    return info.context


async def blocking(fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """The event store and read models are synchronous: run them off the event loop."""
    return await run_in_threadpool(partial(fn, *args, **kwargs))
