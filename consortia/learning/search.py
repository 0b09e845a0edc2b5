"""Lessons in the search index (consortia/search/registry.py): each by what we learned,
what happened and what we will change, whatever its status."""

from django.urls import reverse

from consortia.search.registry import SearchDoc, Source, register
from consortia.search.text import plain_text

from .models import Lesson


def _document(lesson: Lesson) -> SearchDoc:
    partnership = lesson.partnership
    note = f"\n{lesson.closing_note}" if lesson.closing_note else ""
    return SearchDoc(
        partnership_id=partnership.pk,
        working_group_id=None,
        started_at=lesson.created_at,
        title=lesson.title,
        body="\n".join(
            plain_text(t) for t in (lesson.what_we_learned, lesson.what_happened, lesson.what_we_will_change)
        )
        + note,
        url=reverse("learning:detail", args=[partnership.uuid, lesson.uuid]),
        updated_at=lesson.updated_at,
    )


register(
    Source(
        kind="lesson",
        label="Lessons",
        model=Lesson,
        document=_document,
        queryset=lambda: Lesson.objects.select_related("partnership"),
    )
)
