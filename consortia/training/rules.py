"""Who may do what with training courses and places (see consortia/core/rules.py).

Everyone who sees the partnership sees its courses. A course is offered by a partner:
its admins and named representatives add, change and cancel it and record who
attended (an observing partner does not offer courses). Members of the partners'
organisations book places for themselves (which partners a course admits is the
booking service's check, with a message); individual participants have no
organisation whose place it would be, so they do not book. A place is cancelled by
its holder or by the course's organisers.
"""

import rules
from django.contrib.auth.models import AnonymousUser

from consortia.accounts.models import User
from consortia.core.rules import add_perm, is_site_admin
from consortia.partnerships.models import Partnership
from consortia.partnerships.rules import is_partnership_member, partners_of_user, speaks_for

from .models import Course, Place


@rules.predicate
def may_offer_course(user: User | AnonymousUser, partnership: Partnership | None) -> bool:
    """Speaks for one of the partnership's active partners that is not only observing."""
    return partnership is not None and any(
        p.role != "observer" and speaks_for(user, p) for p in partners_of_user(user, partnership)
    )


@rules.predicate
def runs_course(user: User | AnonymousUser, course: Course | None) -> bool:
    return course is not None and bool(speaks_for(user, course.partner))


@rules.predicate
def sees_course(user: User | AnonymousUser, course: Course | None) -> bool:
    return course is not None and bool(is_partnership_member(user, course.partnership) or is_site_admin(user))


@rules.predicate
def may_book_course(user: User | AnonymousUser, course: Course | None) -> bool:
    return course is not None and bool(partners_of_user(user, course.partnership))


@rules.predicate
def holds_place(user: User | AnonymousUser, place: Place | None) -> bool:
    return place is not None and user.is_authenticated and place.user_id == user.pk


@rules.predicate
def runs_places_course(user: User | AnonymousUser, place: Place | None) -> bool:
    return place is not None and bool(runs_course(user, place.course))


add_perm("training.add_course_in_partnership", Partnership, may_offer_course)
add_perm("training.view_course", Course, sees_course)
add_perm("training.change_course", Course, runs_course)
add_perm("training.book_course", Course, may_book_course)
add_perm("training.cancel_place", Place, holds_place | runs_places_course)
