"""Writing the index: bring the documents of some objects up to date, or rebuild it
all. Derived data, so no permission check and no event: what a person may find is
decided when searching (selectors.py), from their partnerships at that moment.
"""

from collections.abc import Iterable

from django.db.models import Model

from .models import TITLE_MAX, SearchDocument
from .registry import DEPENDENCIES, SOURCES, SearchDoc, Source, source_for
from .text import clean

BATCH = 2000
_FIELDS = ["partnership_id", "working_group_id", "content_started", "title", "body", "url", "updated_at"]


def _row(source: Source, pk: int, doc: SearchDoc) -> SearchDocument:
    return SearchDocument(
        kind=source.kind,
        object_id=pk,
        partnership_id=doc.partnership_id,
        working_group_id=doc.working_group_id,
        content_started=doc.started_at or doc.updated_at,
        title=clean(doc.title)[:TITLE_MAX],
        body=clean(doc.body),
        url=doc.url,
        updated_at=doc.updated_at,
    )


def _write(rows: list[SearchDocument]) -> None:
    # One statement for new and changed documents alike (INSERT … ON CONFLICT DO UPDATE),
    # so two commits indexing the same object cannot collide on the unique key.
    SearchDocument.objects.bulk_create(
        rows, update_conflicts=True, unique_fields=["kind", "object_id"], update_fields=_FIELDS
    )


def objects_reindex(source: Source, pks: Iterable[int]) -> None:
    """Bring the documents of these objects of `source` up to date: written when the
    object is there and searchable, removed when it is gone or `document` says None.
    Three queries (the objects, with what `document` reads prefetched, then one write),
    whatever the number of objects."""
    wanted = set(pks)
    if not wanted:
        return
    rows = []
    for obj in source.queryset().filter(pk__in=wanted):
        doc = source.document(obj)
        if doc is not None:
            rows.append(_row(source, obj.pk, doc))
    # Two statements on disjoint documents, each whole on its own: no transaction needed.
    if rows:
        _write(rows)
    gone = wanted - {row.object_id for row in rows}
    if gone:
        SearchDocument.objects.filter(kind=source.kind, object_id__in=gone).delete()


def index_rebuild() -> dict[str, int]:
    """Write every source's documents again and remove those of objects gone (or of
    kinds no longer registered): the number of documents per kind.

    In batches of BATCH, each its own short transaction: on SQLite a rebuild in one
    transaction would hold the write lock for the whole run and every request that
    writes would wait on it. Searches meanwhile see the index as it was, each
    document replaced in place (upserts), never an empty one."""
    counts = {}
    for source in SOURCES.values():
        seen: set[int] = set()
        batch: list[SearchDocument] = []
        for obj in source.queryset().order_by("pk").iterator(chunk_size=BATCH):
            doc = source.document(obj)
            if doc is not None:
                batch.append(_row(source, obj.pk, doc))
            if len(batch) >= BATCH:
                _write(batch)
                seen.update(row.object_id for row in batch)
                batch = []
        if batch:
            _write(batch)
            seen.update(row.object_id for row in batch)
        indexed = SearchDocument.objects.filter(kind=source.kind).values_list("object_id", flat=True)
        gone = sorted(set(indexed) - seen)
        for start in range(0, len(gone), BATCH):
            SearchDocument.objects.filter(
                kind=source.kind, object_id__in=gone[start : start + BATCH]
            ).delete()
        counts[source.kind] = len(seen)
    SearchDocument.objects.exclude(kind__in=list(SOURCES)).delete()
    return counts


def documents_touched(obj: Model) -> list[tuple[Source, int]]:
    """(source, pk) of every document a change to `obj` touches: its own, if its model
    is a source, and its parents' through registered dependencies."""
    touched = []
    source = source_for(type(obj))
    if source is not None:
        touched.append((source, obj.pk))
    for dependency in DEPENDENCIES:
        if isinstance(obj, dependency.model):
            for parent in dependency.parents(obj):
                parent_source = source_for(type(parent))
                if parent_source is not None:
                    touched.append((parent_source, parent.pk))
    return touched
