"""The library's word on a person's track record for matching (consortia/matching/
evidence.py): people who wrote entries on the given topics in the partnership,
"wrote 2 library entries on consent" (one query)."""

from collections.abc import Collection

from django.db.models import Count

from consortia.matching.evidence import Evidence, evidence_provider
from consortia.partnerships.models import Partnership

from .models import Entry


@evidence_provider
def entries_written(
    partnership: Partnership, user_ids: Collection[int], topic_ids: Collection[int]
) -> dict[int, Evidence]:
    """Per author: the entries they added to the partnership's library on each of the
    topics; the weight is the most entries on any one of them."""
    if not user_ids or not topic_ids:
        return {}
    rows = (
        Entry.tags.through.objects.filter(
            entry__partnership=partnership, entry__author_id__in=list(user_ids), topic_id__in=list(topic_ids)
        )
        .values("entry__author_id", "topic__name")
        .annotate(entries=Count("entry_id", distinct=True))
        .order_by("entry__author_id", "-entries", "topic__name")
    )
    counts: dict[int, list[tuple[str, int]]] = {}
    for row in rows:
        counts.setdefault(row["entry__author_id"], []).append((row["topic__name"], row["entries"]))
    found: dict[int, Evidence] = {}
    for user_id, topics in counts.items():
        parts = [f"{n} on {name}" for name, n in topics]
        first = topics[0][1]
        noun = "library entry" if first == 1 else "library entries"
        reason = f"wrote {topics[0][1]} {noun} on {topics[0][0]}"
        if len(parts) > 1:
            reason += ", " + ", ".join(parts[1:])
        found[user_id] = Evidence(weight=float(max(n for _, n in topics)), reason=reason)
    return found
