"""Fetch a lesson *within* a partnership the caller already fetched for the user
(consortia.partnerships.access): missing, another partnership's and not allowed all
answer 404."""

from uuid import UUID

import rules
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from consortia.accounts.models import User
from consortia.partnerships.models import Partnership

from .models import Lesson

VIEW = "learning.view_lesson"


def lesson_get_for_user(
    user: User | AnonymousUser, partnership: Partnership, uuid: UUID, *, perm: str = VIEW
) -> Lesson:
    """The partnership's lesson `uuid` with its people and poll; 404 when there is none
    or `perm` is not the user's."""
    lesson = (
        Lesson.objects.filter(partnership=partnership, uuid=uuid)
        .select_related("owner", "recorded_by", "closed_by", "reviewed_by", "poll")
        .first()
    )
    if lesson is not None:
        lesson.partnership = partnership
    if lesson is None or not rules.has_perm(VIEW, user, lesson) or not rules.has_perm(perm, user, lesson):
        raise Http404("No such lesson.")
    return lesson
