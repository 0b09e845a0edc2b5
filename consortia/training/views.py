"""The training pages: a partnership's courses (upcoming and past), offering one,
a course's page (places left, quotas, my place or my position on the waiting list,
book and cancel buttons), changing and cancelling it, and recording attendance.
Every view receives `uuid`, the partnership's."""

from typing import Any
from uuid import UUID

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from consortia.core.errors import ServiceError
from consortia.core.http import (
    AuthenticatedHttpRequest,
    action_attempt,
    form_attempt,
    partnership_form_page,
    problem,
)
from consortia.partnerships.access import partnership_get_for_user
from consortia.partnerships.models import Partnership
from consortia.partnerships.rules import active_partners, partners_of_user, speaks_for

from . import services
from .access import course_get_for_user, place_get_for_user
from .forms import AttendanceForm, CourseForm
from .models import Course
from .selectors import attendance_places, course_list, course_page, waiting_list

ADD, CHANGE, BOOK = "training.add_course_in_partnership", "training.change_course", "training.book_course"
NAV = {"nav": "partnerships"}


def _course_url(course: Course) -> str:
    return reverse("training:detail", args=[course.partnership.uuid, course.uuid])


def _course_form(request: AuthenticatedHttpRequest, partnership: Partnership, **kwargs: Any) -> CourseForm:
    return CourseForm(
        request.POST if request.method == "POST" else None,
        partners=sorted(active_partners(partnership), key=lambda p: p.organisation.name),
        **kwargs,
    )


@login_required
@require_safe
def course_list_page(request: AuthenticatedHttpRequest, uuid: UUID) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid)
    return render(
        request,
        "training/list.html",
        {
            "partnership": partnership,
            "courses": course_list(partnership),
            "can_add": partnership.status != "closed" and rules.has_perm(ADD, request.user, partnership),
            **NAV,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def course_create(request: AuthenticatedHttpRequest, uuid: UUID) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid, perm=ADD)
    offering = [
        p
        for p in partners_of_user(request.user, partnership)
        if p.role != "observer" and speaks_for(request.user, p)
    ]
    form = _course_form(request, partnership, offering=offering)
    if request.method == "POST" and form.is_valid():
        course = form_attempt(
            form, services.course_create, actor=request.user, partnership=partnership, **form.service_kwargs()
        )
        if course is not None:
            messages.success(request, "The course is offered to the partnership.")
            return redirect(_course_url(course))
    back = reverse("training:list", args=[partnership.uuid])
    return partnership_form_page(
        request,
        partnership,
        form,
        section="Training",
        title="Offer a training course",
        back_url=back,
        submit="Offer the course",
    )


@login_required
@require_safe
def course_detail(request: AuthenticatedHttpRequest, uuid: UUID, course_uuid: UUID) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid)
    course = course_get_for_user(request.user, partnership, course_uuid)
    mine = partners_of_user(request.user, partnership)
    runs = rules.has_perm(CHANGE, request.user, course)
    is_open = partnership.status != "closed" and not course.is_cancelled and course.starts_at > timezone.now()
    return render(
        request,
        "training/detail.html",
        {
            "partnership": partnership,
            "course": course,
            "page": course_page(
                course, request.user, min(mine, key=lambda p: (p.joined_at, p.pk)) if mine else None
            ),
            "waiting": waiting_list(course) if runs else [],
            "can_change": runs and is_open,
            "can_record": runs and not course.is_cancelled and course.starts_at <= timezone.now(),
            "is_open": is_open,
            "can_book": is_open and rules.has_perm(BOOK, request.user, course),
            **NAV,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def course_edit(request: AuthenticatedHttpRequest, uuid: UUID, course_uuid: UUID) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid)
    course = course_get_for_user(request.user, partnership, course_uuid, perm=CHANGE)
    quotas = {q.partner_id: q.places for q in course.quotas.all()}
    initial = {
        "title": course.title,
        "description": course.description,
        "location": course.location,
        "online": course.online,
        "starts_at": timezone.localtime(course.starts_at),
        "ends_at": timezone.localtime(course.ends_at),
        "places": course.places,
        "who": "all" if course.open_to_all else "named",
        "allowed_partners": [str(p.uuid) for p in course.allowed_partners.all()],
        "release_at": timezone.localtime(course.release_at) if course.release_at else None,
    } | {f"quota_{p.uuid}": quotas.get(p.pk) for p in active_partners(partnership)}
    form = _course_form(request, partnership, offering=[], initial=initial)
    if request.method == "POST" and form.is_valid():
        done = form_attempt(
            form, services.course_update, actor=request.user, course=course, **form.service_kwargs()
        )
        if done is not None:
            messages.success(request, "The course is changed.")
            return redirect(_course_url(course))
    return partnership_form_page(
        request,
        partnership,
        form,
        section="Training",
        subject_label="Course",
        title="Change the course",
        subject=course.title,
        back_url=_course_url(course),
        submit="Save the course",
    )


@login_required
@require_POST
def course_cancel(request: AuthenticatedHttpRequest, uuid: UUID, course_uuid: UUID) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid)
    course = course_get_for_user(request.user, partnership, course_uuid, perm=CHANGE)
    return action_attempt(
        request,
        services.course_cancel,
        success="The course is cancelled.",
        next_url=_course_url(course),
        actor=request.user,
        course=course,
    )


@login_required
@require_POST
def place_book(request: AuthenticatedHttpRequest, uuid: UUID, course_uuid: UUID) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid)
    course = course_get_for_user(request.user, partnership, course_uuid, perm=BOOK)
    try:
        place = services.place_book(actor=request.user, course=course)
    except ServiceError as error:
        return problem(
            request,
            title="That could not be done",
            message=error.message,
            status=error.status_code,
            back_url=_course_url(course),
        )
    messages.success(
        request,
        "You have a place on the course."
        if place.status == "booked"
        else "No place is free: you are on the waiting list.",
    )
    return redirect(_course_url(course))


@login_required
@require_POST
def place_cancel(
    request: AuthenticatedHttpRequest, uuid: UUID, course_uuid: UUID, place_uuid: UUID
) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid)
    course = course_get_for_user(request.user, partnership, course_uuid)
    place = place_get_for_user(request.user, course, place_uuid)
    return action_attempt(
        request,
        services.place_cancel,
        success="The place is cancelled.",
        next_url=_course_url(course),
        actor=request.user,
        place=place,
    )


@login_required
@require_http_methods(["GET", "POST"])
def attendance(request: AuthenticatedHttpRequest, uuid: UUID, course_uuid: UUID) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid)
    course = course_get_for_user(request.user, partnership, course_uuid, perm=CHANGE)
    form = AttendanceForm(
        request.POST if request.method == "POST" else None, places=attendance_places(course)
    )
    if request.method == "POST" and form.is_valid():
        done = form_attempt(
            form, services.attendance_record, actor=request.user, course=course, statuses=form.statuses()
        )
        if done is not None:
            messages.success(request, "Attendance is recorded.")
            return redirect(_course_url(course))
    return partnership_form_page(
        request,
        partnership,
        form,
        section="Training",
        subject_label="Course",
        title="Record attendance",
        subject=course.title,
        back_url=_course_url(course),
        submit="Record attendance",
    )
