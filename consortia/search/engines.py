"""The two full-text engines behind one interface, `engine_count` and `engine_page`: SQLite's FTS5 (the
embedded default) and PostgreSQL's full-text search (production). Each answers the
same question the same way: the documents in a `Scope` (partnerships, kind, closed
groups' limits) that match a parsed query (query.py), best first, with the title and a snippet of the body
marked up with text.MARK_START/MARK_END around each match.

Both run plain SQL on the structures migration 0002 made: the FTS5 table
`search_fts` (external content: it indexes search_searchdocument's title and body,
kept in step by triggers), and the stored tsvector column `search_vector` with its GIN
index. Ranking: bm25 (FTS5) and ts_rank (PostgreSQL), a title match counting for
more than a body match in both. `engine_count` and `engine_page` are one query each;
snippets are made for the page's rows only.

`engine_rank` serves matching rather than the search page: which documents of some
kinds match a query (usually `query.any_words` of a longer text), with their rank
and the words that matched, in one query, for documents of given partnerships or
directory-wide ones (partnership None), optionally only among the ids of a queryset.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from django.db import connection
from django.db.models import QuerySet
from django.utils.dateparse import parse_datetime

from .query import Query, fts5_match, websearch
from .text import MARK_END, MARK_START

SNIPPET_WORDS = 30


@dataclass(frozen=True)
class Hit:
    kind: str
    partnership_id: int
    title: str  # marked
    snippet: str  # marked
    url: str
    updated_at: datetime


@dataclass(frozen=True)
class Scope:
    """Which documents a search may return: those of these partnerships (and kind),
    less what closed working groups keep from the searcher (groups/privacy.py): all
    the content of `hidden_groups`, and of each group in `groups_since` what started
    before they joined."""

    partnership_ids: list[int]
    kind: str | None = None
    hidden_groups: tuple[int, ...] = ()
    groups_since: tuple[tuple[int, datetime], ...] = ()


def _marks(values: Sequence[object]) -> str:
    return ", ".join(["%s"] * len(values))


def _filters(scope: Scope) -> tuple[str, list[Any]]:
    sql = f" AND d.partnership_id IN ({_marks(scope.partnership_ids)})"
    params: list[Any] = list(scope.partnership_ids)
    if scope.kind:
        sql += " AND d.kind = %s"
        params.append(scope.kind)
    if scope.hidden_groups:
        sql += (
            f" AND (d.working_group_id IS NULL OR d.working_group_id NOT IN ({_marks(scope.hidden_groups)}))"
        )
        params += scope.hidden_groups
    for group_id, joined in scope.groups_since:
        sql += " AND (d.working_group_id IS NULL OR d.working_group_id <> %s OR d.content_started >= %s)"
        params += [group_id, connection.ops.adapt_datetimefield_value(joined)]
    return sql, params


def _base(query: Query, scope: Scope) -> tuple[str, list[Any]]:
    """FROM and WHERE for the matching documents, and their parameters."""
    where, params = _filters(scope)
    if connection.vendor == "postgresql":
        sql = " FROM search_searchdocument d, websearch_to_tsquery('consortia_search', %s) q WHERE d.search_vector @@ q"
        return sql + where, [websearch(query), *params]
    sql = " FROM search_fts JOIN search_searchdocument d ON d.id = search_fts.rowid WHERE search_fts MATCH %s"
    return sql + where, [fts5_match(query), *params]


# ts_headline parses its text as HTML and drops what looks like a tag, so a post that
# says "<b>x</b>" in words would lose them in its snippet on PostgreSQL only. The angle
# brackets go in as private characters and come back after (the snippet is escaped
# before it is shown, so nothing typed ever becomes markup).
_ANGLES = {"<": "\ue002", ">": "\ue003"}
_ANGLES_BACK = str.maketrans({v: k for k, v in _ANGLES.items()})


def _unhtml(column: str) -> str:
    """SQL for `column` with its angle brackets hidden from ts_headline."""
    return f"replace(replace({column}, '<', '{_ANGLES['<']}'), '>', '{_ANGLES['>']}')"


# The options of ts_headline: our markers around matches, fragments like FTS5's.
_HEADLINE = (
    f"StartSel={MARK_START}, StopSel={MARK_END}, MaxFragments=2, "
    f'MaxWords={SNIPPET_WORDS}, MinWords=10, FragmentDelimiter=" … "'
)
_TITLE = f"StartSel={MARK_START}, StopSel={MARK_END}, HighlightAll=true"


def _page_sql(base: str) -> tuple[str, list[Any]]:
    """The page's SELECT around `base`, and the parameters that come before base's."""
    if connection.vendor == "postgresql":
        # The page's ids first, ranked on the stored vector (sorting narrow rows), then
        # the text and headlines of those twenty only: ts_headline re-reads the text
        # and is the costly part. ts_rank's weights are {D, C, B, A}: a title match (A)
        # counts five times a body's (B).
        return (
            "SELECT doc.kind, doc.partnership_id,"
            f" ts_headline('consortia_search', {_unhtml('doc.title')}, p.q, %s),"
            f" ts_headline('consortia_search', {_unhtml('doc.body')}, p.q, %s), doc.url, doc.updated_at"
            " FROM (SELECT d.id, q, ts_rank('{0.1, 0.2, 0.2, 1.0}', d.search_vector, q) AS rank"
            + base
            + " ORDER BY rank DESC, d.id LIMIT %s OFFSET %s) p"
            " JOIN search_searchdocument doc ON doc.id = p.id ORDER BY p.rank DESC, p.id"
        ), [_TITLE, _HEADLINE]
    # bm25 is lower for a better match; a title match counts five times a body's.
    return (
        "SELECT d.kind, d.partnership_id, highlight(search_fts, 0, %s, %s),"
        f" snippet(search_fts, 1, %s, %s, '…', {SNIPPET_WORDS}), d.url, d.updated_at"
        + base
        + " ORDER BY bm25(search_fts, 5.0, 1.0), d.id LIMIT %s OFFSET %s"
    ), [MARK_START, MARK_END, MARK_START, MARK_END]


def _aware(value: datetime | str) -> datetime:
    """SQLite gives raw SQL its stored text: UTC, written without an offset."""
    moment = value if isinstance(value, datetime) else parse_datetime(value)
    assert moment is not None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def engine_count(query: Query, scope: Scope, *, cap: int) -> int:
    """How many documents in scope match, counting no further than `cap` + 1: a word
    in every third document is not counted to the last. One query."""
    if not query or not scope.partnership_ids:
        return 0
    base, params = _base(query, scope)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM (SELECT 1{base} LIMIT %s) AS matches", [*params, cap + 1])
        return int(cursor.fetchone()[0])


def engine_page(query: Query, scope: Scope, *, offset: int = 0, limit: int = 20) -> list[Hit]:
    """The matching documents in scope from `offset`, at most `limit`, best first,
    their title and snippet marked. One query."""
    if not query or not scope.partnership_ids:
        return []
    base, params = _base(query, scope)
    sql, before = _page_sql(base)
    with connection.cursor() as cursor:
        cursor.execute(sql, [*before, *params, limit, offset])
        rows = cursor.fetchall()
    return [
        Hit(
            kind=k,
            partnership_id=p,
            title=title.translate(_ANGLES_BACK),
            snippet=(snippet or "").translate(_ANGLES_BACK),
            url=url,
            updated_at=_aware(updated),
        )
        for k, p, title, snippet, url, updated in rows
    ]


@dataclass(frozen=True)
class Ranked:
    kind: str
    object_id: int
    rank: float  # relative: the best match of the call is 1.0, the others in (0, 1]
    title_words: tuple[str, ...]  # the words of the title that matched, lower case, once each
    body_words: tuple[str, ...]  # the same for the body


_MARKED = re.compile(f"{MARK_START}([^{MARK_END}]*){MARK_END}")


def _marked_words(text: str | None) -> tuple[str, ...]:
    seen: list[str] = []
    for found in _MARKED.findall((text or "").translate(_ANGLES_BACK)):
        word = " ".join(found.split()).lower()
        if word and word not in seen:
            seen.append(word)
    return tuple(seen)


def _rank_sql(
    kinds: Sequence[str], partnership_ids: Sequence[int] | None, among: "QuerySet[Any] | None"
) -> tuple[str, list[Any]]:
    sql = f" AND d.kind IN ({_marks(kinds)})"
    params: list[Any] = list(kinds)
    if partnership_ids is None:
        sql += " AND d.partnership_id IS NULL"
    elif partnership_ids:
        sql += f" AND d.partnership_id IN ({_marks(partnership_ids)})"
        params += list(partnership_ids)
    if among is not None:
        inner, inner_params = among.query.sql_with_params()
        sql += f" AND d.object_id IN ({inner})"
        params += list(inner_params)
    return sql, params


def engine_rank(
    query: Query,
    *,
    kinds: Sequence[str],
    partnership_ids: Sequence[int] | None,
    among: "QuerySet[Any] | None" = None,
    limit: int = 200,
) -> list[Ranked]:
    """The documents of `kinds` that match `query`, best first (ties by document id),
    at most `limit`: those of `partnership_ids` (None: directory-wide documents only; an
    empty list: any partnership's, which needs `among`), and when `among` is given (a
    queryset of ids, `.values("pk")`) only those objects. With each, its rank relative
    to the best and the words the engine marked in its title and body. One query.

    Ranking as engine_page's: bm25 (FTS5) and ts_rank (PostgreSQL), a title match
    counting five times a body's."""
    if not query or not kinds:
        return []
    if partnership_ids is not None and not partnership_ids and among is None:
        raise ValueError("engine_rank over every partnership needs `among` to say which objects.")
    where, params = _rank_sql(kinds, partnership_ids, among)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT d.kind, d.object_id, ts_rank('{0.1, 0.2, 0.2, 1.0}', d.search_vector, q) AS rank,"
                f" ts_headline('consortia_search', {_unhtml('d.title')}, q, %s),"
                f" ts_headline('consortia_search', {_unhtml('d.body')}, q, %s)"
                " FROM search_searchdocument d, websearch_to_tsquery('consortia_search', %s) q"
                " WHERE d.search_vector @@ q" + where + " ORDER BY rank DESC, d.id LIMIT %s",
                [_TITLE, _TITLE, websearch(query), *params, limit],
            )
        else:
            cursor.execute(
                "SELECT d.kind, d.object_id, -bm25(search_fts, 5.0, 1.0) AS rank,"
                " highlight(search_fts, 0, %s, %s), highlight(search_fts, 1, %s, %s)"
                " FROM search_fts JOIN search_searchdocument d ON d.id = search_fts.rowid"
                " WHERE search_fts MATCH %s" + where + " ORDER BY rank DESC, d.id LIMIT %s",
                [MARK_START, MARK_END, MARK_START, MARK_END, fts5_match(query), *params, limit],
            )
        rows = cursor.fetchall()
    best = max((float(row[2]) for row in rows), default=0.0) or 1.0
    return [
        Ranked(kind, int(object_id), float(rank) / best, _marked_words(title), _marked_words(body))
        for kind, object_id, rank, title, body in rows
    ]
