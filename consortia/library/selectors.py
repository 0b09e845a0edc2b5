"""Reads for the practice library: a partnership's entries (filtered on the server by
text, kind and tag), one entry with all its page shows, the tags in use, the
published entries of the public library, and the partnerships an entry may be copied
into. Each is a constant number of queries whatever the number of entries."""

from django.db.models import Prefetch, Q, QuerySet

from consortia.accounts.models import User
from consortia.expertise.models import Topic
from consortia.partnerships.models import Partnership
from consortia.partnerships.selectors import partnership_ids_for_user

from .models import Attachment, Entry, EntryVersion, Kind, Visibility

QUERY_MAX = 100


def _filtered(entries: QuerySet[Entry], *, query: str, kind: str, tag: str) -> QuerySet[Entry]:
    query = " ".join((query or "").split())[:QUERY_MAX]
    if query:
        entries = entries.filter(
            Q(title__icontains=query)
            | Q(summary__icontains=query)
            | Q(what_worked__icontains=query)
            | Q(what_didnt__icontains=query)
            | Q(evidence_note__icontains=query)
        )
    if kind in Kind.values:
        entries = entries.filter(kind=kind)
    if tag:
        entries = entries.filter(tags__key=tag)
    return entries.prefetch_related(Prefetch("tags", queryset=Topic.objects.order_by("key")))


def entry_list(partnership: Partnership, *, query: str = "", kind: str = "", tag: str = "") -> list[Entry]:
    """The partnership's entries, latest change first, with their authors and tags (two queries)."""
    entries = Entry.objects.filter(partnership=partnership).select_related("author")
    return list(_filtered(entries, query=query, kind=kind, tag=tag))


def tags_in_use(partnership: Partnership) -> list[Topic]:
    """The topics the partnership's entries are tagged with, for the filter."""
    return list(Topic.objects.filter(library_entries__partnership=partnership).distinct().order_by("key"))


def entry_with_everything(entries: QuerySet[Entry]) -> QuerySet[Entry]:
    """What an entry's page shows: outcomes, tags, attachments with their uploaders,
    versions with their authors."""
    return entries.select_related("author", "partnership").prefetch_related(
        "outcomes",
        Prefetch("tags", queryset=Topic.objects.order_by("key")),
        Prefetch("attachments", queryset=Attachment.objects.select_related("uploaded_by").order_by("pk")),
        Prefetch("versions", queryset=EntryVersion.objects.select_related("author").order_by("-number")),
    )


def published_entries(*, query: str = "", kind: str = "") -> list[Entry]:
    """Every published entry, for the public library, latest published first (two queries)."""
    entries = (
        Entry.objects.filter(visibility=Visibility.PUBLISHED)
        .select_related("partnership", "author")
        .order_by("-published_at", "-pk")
    )
    return list(_filtered(entries, query=query, kind=kind, tag=""))


def copy_targets(user: User, entry: Entry) -> list[Partnership]:
    """The open partnerships the user is a member of, other than the entry's own."""
    return list(
        Partnership.objects.filter(pk__in=partnership_ids_for_user(user))
        .exclude(pk=entry.partnership_id)
        .exclude(status="closed")
        .order_by("name")
    )
