"""Training courses in the search index (consortia/search/registry.py): each by its
title, what it covers and where, for everyone in the partnership, whatever its status."""

from django.urls import reverse

from consortia.search.registry import SearchDoc, Source, register
from consortia.search.text import plain_text

from .models import Course


def _document(course: Course) -> SearchDoc:
    partnership = course.partnership
    return SearchDoc(
        partnership_id=partnership.pk,
        working_group_id=None,
        started_at=course.created_at,
        title=course.title,
        body=f"{plain_text(course.description)}\n{course.location}".strip(),
        url=reverse("training:detail", args=[partnership.uuid, course.uuid]),
        updated_at=course.updated_at,
    )


register(
    Source(
        kind="course",
        label="Training courses",
        model=Course,
        document=_document,
        queryset=lambda: Course.objects.select_related("partnership"),
    )
)
