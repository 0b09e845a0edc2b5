"""Fetch a course, or a place on one, *within* a partnership the caller already fetched
for the user (consortia.partnerships.access): missing, another partnership's and not
allowed all answer 404."""

from uuid import UUID

import rules
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from consortia.accounts.models import User
from consortia.partnerships.models import Partnership
from consortia.partnerships.rules import active_partners

from .models import Course, Place

VIEW = "training.view_course"


def course_get_for_user(
    user: User | AnonymousUser, partnership: Partnership, uuid: UUID, *, perm: str = VIEW
) -> Course:
    """The partnership's course `uuid` with its offering partner (the active partners
    already loaded for the permission checks, so its representatives cost nothing);
    404 when there is none or `perm` is not the user's."""
    course = partnership.courses.filter(uuid=uuid).select_related("partner__organisation").first()
    if course is not None:
        course.partnership = partnership
        course.partner = next(
            (p for p in active_partners(partnership) if p.pk == course.partner_id), course.partner
        )
    if course is None or not rules.has_perm(VIEW, user, course) or not rules.has_perm(perm, user, course):
        raise Http404("No such course.")
    return course


def place_get_for_user(user: User | AnonymousUser, course: Course, uuid: UUID) -> Place:
    """A place on `course` (fetched for the user) that the user may cancel; 404 otherwise."""
    place = course.places_taken.filter(uuid=uuid).select_related("user").first()
    if place is not None:
        place.course = course
    if place is None or not rules.has_perm("training.cancel_place", user, place):
        raise Http404("No such place.")
    return place
