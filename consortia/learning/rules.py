"""Who may do what with the learning log (see consortia/core/rules.py).

Everyone who sees the partnership reads its lessons. Its members (partners' people and
individual participants) record lessons and mark them reviewed at a meeting. Whoever
recorded a lesson, its owner and whoever speaks for the convening partner change its
text. Only its owner and the convener change its status: another member who tries is
told so (a 400 with a message, from the service); outsiders never see it (404).
"""

import rules
from django.contrib.auth.models import AnonymousUser

from consortia.accounts.models import User
from consortia.core.rules import add_perm, is_site_admin
from consortia.partnerships.models import Partnership
from consortia.partnerships.rules import convener, is_partnership_member, speaks_for

from .models import Lesson


@rules.predicate
def sees_lesson(user: User | AnonymousUser, lesson: Lesson | None) -> bool:
    return lesson is not None and bool(is_partnership_member(user, lesson.partnership) or is_site_admin(user))


@rules.predicate
def is_lesson_member(user: User | AnonymousUser, lesson: Lesson | None) -> bool:
    return lesson is not None and bool(is_partnership_member(user, lesson.partnership))


@rules.predicate
def speaks_for_convener(user: User | AnonymousUser, lesson: Lesson | None) -> bool:
    return lesson is not None and bool(speaks_for(user, convener(lesson.partnership)))


@rules.predicate
def owns_lesson(user: User | AnonymousUser, lesson: Lesson | None) -> bool:
    return (
        lesson is not None
        and user.is_authenticated
        and lesson.owner_id == user.pk
        and bool(is_partnership_member(user, lesson.partnership))
    )


@rules.predicate
def recorded_lesson(user: User | AnonymousUser, lesson: Lesson | None) -> bool:
    return (
        lesson is not None
        and user.is_authenticated
        and lesson.recorded_by_id == user.pk
        and bool(is_partnership_member(user, lesson.partnership))
    )


add_perm("learning.record_lesson_in_partnership", Partnership, is_partnership_member)
add_perm("learning.view_lesson", Lesson, sees_lesson)
add_perm("learning.change_lesson", Lesson, recorded_lesson | owns_lesson | speaks_for_convener)
add_perm("learning.set_status_of_lesson", Lesson, owns_lesson | speaks_for_convener)
add_perm("learning.review_lesson", Lesson, is_lesson_member)
