"""Reads for the learning log: a partnership's lessons (filtered by status and by
source), the lessons a meeting has to review, the lessons one meeting recorded or
reviewed, and a person's dated open lessons (their calendar feed)."""

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet

from consortia.accounts.models import User
from consortia.partnerships.models import Partnership
from consortia.partnerships.selectors import partnership_ids_for_user

from .models import Lesson, SourceKind

FILTERS = {"open": "Open", "all": "All"}


def lesson_list(partnership: Partnership, *, status: str = "open", source: str = "") -> QuerySet[Lesson]:
    """The partnership's lessons for the log page (one query, with owners): `status`
    "open" (the default) or "all"; `source` one of SourceKind or "" for any."""
    lessons = partnership.lessons.select_related("owner")
    if status != "all":
        lessons = lessons.filter(status=Lesson.Status.OPEN)
    if source in SourceKind.values:
        lessons = lessons.filter(source_kind=source)
    return lessons.order_by("-created_at", "-pk")


def lessons_to_review(partnership: Partnership) -> list[Lesson]:
    """Lessons not yet reviewed at a meeting, oldest first (one query): what the
    default agenda's "Lessons to review" lists."""
    return list(
        partnership.lessons.filter(reviewed_at__isnull=True)
        .select_related("owner")
        .order_by("created_at", "pk")
    )


def lessons_due_for_feed(user: User | AnonymousUser) -> QuerySet[Lesson]:
    """The user's open lessons with a due date, in partnerships they are in now (one query)."""
    if not user.is_authenticated:
        return Lesson.objects.none()
    return Lesson.objects.filter(
        owner=user,
        status=Lesson.Status.OPEN,
        due__isnull=False,
        partnership_id__in=partnership_ids_for_user(user),
    ).select_related("partnership")
