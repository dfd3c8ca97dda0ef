"""Relay-style cursor pagination over keyset queries (a cursor is the last key seen)."""

import base64
from collections.abc import Callable
from typing import Any, Generic, TypeVar

import strawberry

from domain.errors import InvalidInput

T = TypeVar("T")
MAX_PAGE = 100


@strawberry.type
class PageInfo:
    has_next_page: bool
    end_cursor: str | None


@strawberry.type
class Edge(Generic[T]):
    node: T
    cursor: str


@strawberry.type
class Connection(Generic[T]):
    edges: list[Edge[T]]
    page_info: PageInfo

    @strawberry.field
    def nodes(self) -> list[T]:
        return [edge.node for edge in self.edges]


def encode_cursor(key: str) -> str:
    return base64.urlsafe_b64encode(key.encode()).decode()


def decode_cursor(cursor: str | None) -> str | None:
    if cursor is None:
        return None
    try:
        key = base64.b64decode(cursor.encode(), altchars=b"-_", validate=True).decode()
        if not key:
            raise ValueError(cursor)
        return key
    except (ValueError, UnicodeDecodeError):
        raise InvalidInput("INVALID_CURSOR", field="after") from None


def page_size(first: int) -> int:
    if not 1 <= first <= MAX_PAGE:
        raise InvalidInput("INVALID_PAGE_SIZE", field="first", most=MAX_PAGE)
    return first


def connection(
    rows: list[dict[str, Any]], first: int, key: str, make: Callable[[dict[str, Any]], T]
) -> Connection[T]:
    """`rows` was fetched with limit first + 1: the extra row only says there is a next page."""
    page = rows[:first]
    edges = [Edge(node=make(row), cursor=encode_cursor(str(row[key]))) for row in page]
    return Connection(
        edges=edges,
        page_info=PageInfo(has_next_page=len(rows) > first, end_cursor=edges[-1].cursor if edges else None),
    )
