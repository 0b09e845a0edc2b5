"""The learning log's pages: the log (open or all lessons, by source), recording a
lesson (directly, from a closed poll with ?poll=<uuid>, or from a meeting with
?meeting=<uuid>, resolved by the meetings app: sources.py), a lesson's page, changing
it, setting its status and marking it reviewed at a meeting. Every view receives
`uuid`, the partnership's."""

from typing import Any
from uuid import UUID

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from consortia.accounts.models import User
from consortia.core.errors import ServiceError
from consortia.core.http import AuthenticatedHttpRequest, form_attempt, partnership_form_page, problem
from consortia.decisions.models import Poll
from consortia.notifications.audiences import member_ids
from consortia.partnerships.access import partnership_get_for_user
from consortia.partnerships.models import Partnership

from . import services
from .access import lesson_get_for_user
from .forms import FilterForm, LessonForm, NewLessonForm, StatusForm
from .models import Lesson, SourceKind
from .selectors import lesson_list as lessons_of
from .sources import SourceRef, source_resolve, sources_recent

RECORD, CHANGE = "learning.record_lesson_in_partnership", "learning.change_lesson"
SET_STATUS, REVIEW = "learning.set_status_of_lesson", "learning.review_lesson"
NAV = {"nav": "partnerships"}
SECTION = "Learning log"  # the caption of its form pages


def _log(partnership: Partnership) -> str:
    return reverse("learning:list", args=[partnership.uuid])


def _lesson_url(lesson: Lesson) -> str:
    return reverse("learning:detail", args=[lesson.partnership.uuid, lesson.uuid])


def _people(partnership: Partnership) -> list[User]:
    return list(User.objects.filter(pk__in=member_ids(partnership)).order_by("name", "pk"))


def _uuid(value: str) -> UUID | None:
    try:
        return UUID(value)
    except (TypeError, ValueError):
        return None


@login_required
@require_safe
def lesson_list(request: AuthenticatedHttpRequest, uuid: UUID) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid)
    filters = FilterForm(request.GET or None, initial={"status": "open", "source": ""})
    status, source = "open", ""
    if filters.is_bound and filters.is_valid():
        status = filters.cleaned_data["status"] or "open"
        source = filters.cleaned_data["source"]
    is_open = partnership.status != "closed"
    return render(
        request,
        "learning/list.html",
        {
            "partnership": partnership,
            "lessons": list(lessons_of(partnership, status=status, source=source)),
            "filters": filters,
            "status": status,
            "can_record": is_open and rules.has_perm(RECORD, request.user, partnership),
            **NAV,
        },
    )


def _fixed_source(
    request: AuthenticatedHttpRequest, partnership: Partnership
) -> tuple[dict[str, Any], str, str] | None:
    """The source given in the query (?poll=, ?meeting= or ?exchange=): the service's
    arguments, its label and what to keep in the form; None when none is given. A
    meeting or exchange the user cannot see (or of another partnership) raises
    ServiceError."""
    poll_key = request.GET.get("poll", "")
    if poll_key:
        key = _uuid(poll_key)
        poll = Poll.objects.filter(uuid=key).first() if key else None
        if poll is None:
            raise ServiceError("Choose a poll of this partnership", field="poll")
        return {"poll": poll}, f"The closed poll “{poll.title}”", f"poll={poll.uuid}"
    # The kinds the apps above resolve (their lessons.py): ?meeting=<uuid>, ?exchange=<uuid>.
    for kind, thing in ((SourceKind.MEETING, "meeting"), (SourceKind.EXCHANGE, "exchange")):
        if given := request.GET.get(kind.value, ""):
            ref = source_resolve(kind, request.user, partnership, given)
            if ref is None:
                raise ServiceError(f"Choose {kind.label.lower()} of this partnership", field=kind.value)
            kwargs = {
                "source_kind": ref.kind,
                "source_label": ref.label,
                "source_url": ref.url,
                "source_key": ref.key,
            }
            return kwargs, f"The {thing} “{ref.label}”", f"{kind.value}={ref.key}"
    return None


@login_required
@require_http_methods(["GET", "POST"])
def lesson_new(request: AuthenticatedHttpRequest, uuid: UUID) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid, perm=RECORD)
    try:
        fixed = _fixed_source(request, partnership)
    except ServiceError as error:
        return problem(
            request, title="That source cannot be used", message=error.message, back_url=_log(partnership)
        )
    form = NewLessonForm(
        request.POST if request.method == "POST" else None,
        people=_people(partnership),
        fixed_source=fixed is not None,
        initial={"owner": str(request.user.uuid), "source_kind": SourceKind.OTHER.value},
    )
    if request.method == "POST" and form.is_valid():
        source = fixed[0] if fixed else form.source_kwargs()
        lesson = form_attempt(
            form,
            services.lesson_record,
            actor=request.user,
            partnership=partnership,
            **form.service_kwargs(),
            **source,
        )
        if lesson is not None:
            messages.success(request, "The lesson is recorded in the log.")
            return redirect(_lesson_url(lesson))
    return partnership_form_page(
        request,
        partnership,
        form,
        section=SECTION,
        title="Record a lesson",
        back_url=_log(partnership),
        submit="Record the lesson",
        template="learning/lesson_form.html",
        source_label=fixed[1] if fixed else "",
        source_query=fixed[2] if fixed else "",
    )


@login_required
@require_safe
def lesson_detail(request: AuthenticatedHttpRequest, uuid: UUID, lesson_uuid: UUID) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid)
    lesson = lesson_get_for_user(request.user, partnership, lesson_uuid)
    user = request.user
    is_open = partnership.status != "closed"
    can_review = is_open and not lesson.is_reviewed and rules.has_perm(REVIEW, user, lesson)
    return render(
        request,
        "learning/detail.html",
        {
            "partnership": partnership,
            "lesson": lesson,
            "can_change": is_open and rules.has_perm(CHANGE, user, lesson),
            "can_set_status": is_open and rules.has_perm(SET_STATUS, user, lesson),
            "can_review": can_review,
            "meetings": sources_recent(SourceKind.MEETING, user, partnership) if can_review else [],
            **NAV,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def lesson_edit(request: AuthenticatedHttpRequest, uuid: UUID, lesson_uuid: UUID) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid)
    lesson = lesson_get_for_user(request.user, partnership, lesson_uuid, perm=CHANGE)
    initial = {
        "what_happened": lesson.what_happened,
        "what_we_learned": lesson.what_we_learned,
        "what_we_will_change": lesson.what_we_will_change,
        "owner": str(lesson.owner.uuid) if lesson.owner else "",
        "due": lesson.due,
    }
    form = LessonForm(
        request.POST if request.method == "POST" else None, people=_people(partnership), initial=initial
    )
    if request.method == "POST" and form.is_valid():
        done = form_attempt(
            form, services.lesson_update, actor=request.user, lesson=lesson, **form.service_kwargs()
        )
        if done is not None:
            messages.success(request, "The lesson is saved.")
            return redirect(_lesson_url(lesson))
    return partnership_form_page(
        request,
        partnership,
        form,
        section=SECTION,
        title="Change a lesson",
        subject=lesson.title,
        subject_label="Lesson",
        submit="Save the lesson",
        back_url=_lesson_url(lesson),
    )


@login_required
@require_http_methods(["GET", "POST"])
def lesson_status(request: AuthenticatedHttpRequest, uuid: UUID, lesson_uuid: UUID) -> HttpResponse:
    """The status form. Members who may not set it are told why when they post (400);
    its page is only for the owner and the convener."""
    partnership = partnership_get_for_user(request.user, uuid)
    perm = SET_STATUS if request.method == "GET" else "learning.view_lesson"
    lesson = lesson_get_for_user(request.user, partnership, lesson_uuid, perm=perm)
    form = StatusForm(request.POST if request.method == "POST" else None, initial={"status": lesson.status})
    if request.method == "POST" and form.is_valid():
        done = form_attempt(
            form,
            services.lesson_status_set,
            actor=request.user,
            lesson=lesson,
            status=form.cleaned_data["status"],
            note=form.cleaned_data["note"],
        )
        if done is not None:
            messages.success(request, f"The lesson is now {lesson.get_status_display().lower()}.")
            return redirect(_lesson_url(lesson))
    return partnership_form_page(
        request,
        partnership,
        form,
        section=SECTION,
        title="Change a lesson's status",
        subject=lesson.title,
        subject_label="Lesson",
        submit="Save the status",
        back_url=_lesson_url(lesson),
    )


@login_required
@require_POST
def lesson_reviewed(request: AuthenticatedHttpRequest, uuid: UUID, lesson_uuid: UUID) -> HttpResponse:
    """Mark the lesson reviewed, at the meeting posted as `meeting` (its uuid) if any;
    back to the meeting's page when posted from it (`back=meeting`)."""
    partnership = partnership_get_for_user(request.user, uuid)
    lesson = lesson_get_for_user(request.user, partnership, lesson_uuid, perm=REVIEW)
    back = _lesson_url(lesson)
    meeting: SourceRef | None = None
    if request.POST.get("meeting"):
        meeting = source_resolve(SourceKind.MEETING, request.user, partnership, request.POST["meeting"])
        if meeting is None:
            return problem(
                request,
                title="That could not be done",
                message="Choose a meeting of this partnership",
                back_url=back,
            )
        if request.POST.get("back") == "meeting":
            back = meeting.url
    try:
        services.lesson_mark_reviewed(actor=request.user, lesson=lesson, meeting=meeting)
    except ServiceError as error:
        return problem(
            request,
            title="That could not be done",
            message=error.message,
            status=error.status_code,
            back_url=back,
        )
    messages.success(request, "The lesson is marked reviewed.")
    return redirect(back)
