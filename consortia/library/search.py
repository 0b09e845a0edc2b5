"""Library entries in the search index (consortia/search/registry.py): an entry by its
title and its text (summary, what worked, what didn't, the evidence), in its partnership."""

from django.urls import reverse

from consortia.search.registry import SearchDoc, Source, register
from consortia.search.text import plain_text

from .models import Entry


def _entry(entry: Entry) -> SearchDoc:
    parts = [entry.summary, entry.what_worked, entry.what_didnt, entry.evidence_note]
    return SearchDoc(
        partnership_id=entry.partnership_id,
        title=entry.title,
        body=plain_text("\n\n".join(p for p in parts if p)),
        url=reverse("library:detail", args=[entry.partnership.uuid, entry.uuid]),
        updated_at=entry.updated_at,
    )


register(
    Source(
        kind="library",
        label="Library entries",
        model=Entry,
        document=_entry,
        queryset=lambda: Entry.objects.select_related("partnership"),
    )
)
