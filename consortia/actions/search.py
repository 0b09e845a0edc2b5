"""Actions in the search index (consortia/search/registry.py): each by what is to be
done and its details, whatever its status; a closed working group's actions only for
its members, as on their pages."""

from django.urls import reverse

from consortia.search.registry import SearchDoc, Source, register
from consortia.search.text import plain_text

from .models import Action


def _document(action: Action) -> SearchDoc:
    partnership = action.partnership
    reason = f"\nDropped: {action.drop_reason}" if action.drop_reason else ""
    return SearchDoc(
        partnership_id=partnership.pk,
        working_group_id=action.working_group_id,
        started_at=action.created_at,
        title=action.title,
        body=plain_text(action.details) + reason,
        url=reverse("actions:detail", args=[partnership.uuid, action.uuid]),
        updated_at=action.updated_at,
    )


register(
    Source(
        kind="action",
        label="Actions",
        model=Action,
        document=_document,
        queryset=lambda: Action.objects.select_related("partnership"),
    )
)
