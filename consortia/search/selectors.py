"""Searching: what a person finds is decided here, from the partnerships they take part
in now (through an organisation or in person), so a partnership they have left, or
never joined, is never searched, whatever the index holds."""

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import overload

from django.core.paginator import Page, Paginator

from consortia.partnerships.models import Partnership

from .engines import Hit, engine_count, engine_page
from .query import Query, parse

PAGE_SIZE = 20
# Matches are counted up to here ("more than 1,000"), and paged as far (50 pages).
COUNT_CAP = 1000


@dataclass
class SearchResults(Sequence[Hit]):
    """The matches as a sequence a Paginator can page through: its length is one
    count query (at most COUNT_CAP; `capped` says there are more), each slice one
    page query (nothing is read until asked for)."""

    query: Query
    partnership_ids: list[int]
    kind: str | None

    @cached_property
    def _count(self) -> int:
        return engine_count(self.query, partnership_ids=self.partnership_ids, kind=self.kind, cap=COUNT_CAP)

    @property
    def capped(self) -> bool:
        return self._count > COUNT_CAP

    def __len__(self) -> int:
        return min(self._count, COUNT_CAP)

    @overload
    def __getitem__(self, index: int) -> Hit: ...
    @overload
    def __getitem__(self, index: slice) -> list[Hit]: ...
    def __getitem__(self, index: int | slice) -> Hit | list[Hit]:
        if isinstance(index, int):
            return self[index : index + 1][0]
        start, stop = index.start or 0, index.stop if index.stop is not None else len(self)
        if stop <= start:
            return []
        return engine_page(
            self.query, partnership_ids=self.partnership_ids, kind=self.kind, offset=start, limit=stop - start
        )


def search_page(
    *, text: str, partnerships: Sequence[Partnership], kind: str | None = None, page: int | str = 1
) -> Page[Hit] | None:
    """A page of what `text` finds (PAGE_SIZE matches, best first) in these
    partnerships (the caller's own: see partnership_list_for_user) and of this kind,
    or None when the text holds no word to look for. Two queries: the count and the
    page; a page number past the end gives the last page."""
    query = parse(text)
    if not query:
        return None
    results = SearchResults(query, [p.pk for p in partnerships], kind or None)
    return Paginator(results, PAGE_SIZE).get_page(page)
