"""A page of a listing and the opaque cursor that continues it."""

from dataclasses import dataclass
from typing import Generic, TypeVar

Item = TypeVar("Item")
DEFAULT_PAGE_SIZE = 25
MAX_PAGE_SIZE = 100


@dataclass(frozen=True)
class Page(Generic[Item]):
    items: list[Item]
    cursor: str | None
