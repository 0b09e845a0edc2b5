"""Searching: what a person finds is decided here, when they search, from the
partnerships they take part in now (through an organisation or in person: a
partnership they have left, or never joined, is never searched, whatever the index
holds) and from the closed working groups they belong to now, each from when they
joined (groups/privacy.py)."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property
from typing import overload

from django.core.paginator import Page, Paginator

from consortia.accounts.models import User
from consortia.groups.privacy import closed_groups_since
from consortia.partnerships.models import Partnership

from .engines import Hit, Scope, engine_count, engine_page
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
    scope: Scope

    @cached_property
    def _count(self) -> int:
        return engine_count(self.query, self.scope, cap=COUNT_CAP)

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
        return engine_page(self.query, self.scope, offset=start, limit=stop - start)


def search_scope(actor: User, partnerships: Sequence[Partnership], kind: str | None = None) -> Scope:
    """What `actor` may find in these partnerships (their own: see
    partnership_list_for_user): everything but the content of closed groups they are
    not in, or that began before they joined. One query per partnership (groups/privacy.py
    `closed_groups_since`, and one more where they belong to a closed group)."""
    hidden: list[int] = []
    since: list[tuple[int, datetime]] = []
    for partnership in partnerships:
        for group_id, joined in closed_groups_since(actor, partnership).items():
            if joined is None:
                hidden.append(group_id)
            else:
                since.append((group_id, joined))
    return Scope([p.pk for p in partnerships], kind or None, tuple(hidden), tuple(since))


def search_page(
    actor: User,
    *,
    text: str,
    partnerships: Sequence[Partnership],
    kind: str | None = None,
    page: int | str = 1,
) -> Page[Hit] | None:
    """A page of what `text` finds for `actor` (PAGE_SIZE matches, best first) in these
    partnerships (their own: see partnership_list_for_user) and of this kind, or None
    when the text holds no word to look for. The scope's queries (search_scope), then
    two: the count and the page; a page number past the end gives the last page."""
    query = parse(text)
    if not query:
        return None
    results = SearchResults(query, search_scope(actor, partnerships, kind))
    return Paginator(results, PAGE_SIZE).get_page(page)
