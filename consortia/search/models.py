"""The search index: one row per searchable thing (a thread, a post, a poll, a canvas
item, a version of the agreement), in plain text, with the partnership it belongs to.

The rows are derived: each app's search.py says how one of its objects reads
(registry.py), the index follows saves and deletes, and `consortia search_reindex`
rebuilds it from scratch. The full-text structures live beside the table and are the
database's own (migration 0002): an FTS5 external-content table kept in step by
triggers on SQLite, a GIN expression index on PostgreSQL. engines.py queries them.
"""

from django.db import models

from consortia.partnerships.models import Partnership

TITLE_MAX = 300


class SearchDocument(models.Model):
    # Derived from the rows it mirrors and rewritten with them: a request that changes
    # nothing of the partnership's changes nothing here either, so the access table's
    # snapshot keeps this table (no `snapshot_exempt`).
    # None: a directory-wide document (an organisation's profile, for matching), which no
    # partnership's search ever returns (engines.py filters on the partnership).
    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="+", null=True, blank=True
    )
    # A closed working group keeps its content to its members, each from when they
    # joined (groups/privacy.py): the search leaves out what the searcher may not see
    # by these two, read against the groups as they are when searching.
    working_group_id = models.BigIntegerField(null=True, blank=True)
    content_started = models.DateTimeField()  # for a post, when its thread started
    kind = models.CharField(max_length=32)  # a source's kind (registry.py), e.g. "post"
    object_id = models.BigIntegerField()
    title = models.CharField(max_length=TITLE_MAX)
    body = models.TextField(blank=True)  # plain text: Markdown rendered and stripped
    url = models.CharField(max_length=500)
    updated_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="search_document_once"),
        ]
        indexes = [models.Index(fields=["partnership", "kind"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id}: {self.title}"
