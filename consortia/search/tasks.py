"""The nightly rebuild of the search index: it catches what signals cannot see (bulk
updates, a change made by hand in the database, an indexing failure after a commit)."""

from django_tasks import task

from .index import index_rebuild


@task()
def search_reindex() -> int:
    """Rebuild the whole index; the number of documents written."""
    return sum(index_rebuild().values())
