"""The questions pages: the partnership's list (open, unanswered, answered, closed,
with counts; past their target first), asking, a question with who it was asked of
and why, its answers and the people one could still ask; answering, accepting (and
unaccepting), widening, closing and "ask them". At site level, the questions widened
to the directory, read and answered by members of organisations outside the
partnership. Every partnership view receives `uuid`, the partnership's."""

from typing import Any
from uuid import UUID

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from consortia.accounts.models import User
from consortia.core.errors import ServiceError
from consortia.core.http import AuthenticatedHttpRequest, action_attempt, form_attempt, problem, render_form
from consortia.partnerships.access import partnership_get_for_user
from consortia.partnerships.models import Partnership

from . import services
from .access import answer_get, question_get_for_user, widened_question_get_for_user
from .forms import AnswerForm, AskForm
from .models import Question
from .rules import belongs_to_an_organisation
from .selectors import (
    FILTERS,
    answers_of,
    candidates,
    directory_questions,
    question_is_past_target,
    routes_of,
)
from .selectors import (
    question_list as list_questions,
)

ASK, ANSWER, ROUTE = "questions.ask_in_partnership", "questions.answer_question", "questions.route_question"
ACCEPT, MANAGE = "questions.accept_answer_question", "questions.manage_question"
NAV = {"nav": "partnerships"}


def _list_url(partnership: Partnership) -> str:
    return reverse("questions:list", args=[partnership.uuid])


def _detail_url(question: Question) -> str:
    return reverse("questions:detail", args=[question.partnership.uuid, question.uuid])


@login_required
@require_safe
def question_list(request: AuthenticatedHttpRequest, uuid: UUID) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid)
    listing = list_questions(partnership, show=request.GET.get("show", "open"))
    is_open = partnership.status != "closed"
    return render(
        request,
        "questions/list.html",
        {
            "partnership": partnership,
            "listing": listing,
            "filters": [(key, label, listing.counts[key]) for key, label in FILTERS.items()],
            "can_ask": is_open and rules.has_perm(ASK, request.user, partnership),
            **NAV,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def question_ask(request: AuthenticatedHttpRequest, uuid: UUID) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid, perm=ASK)
    form = AskForm(
        request.POST if request.method == "POST" else None, initial={"target": services.default_target()}
    )
    if request.method == "POST" and form.is_valid():
        question = form_attempt(
            form, services.question_ask, actor=request.user, partnership=partnership, **form.service_kwargs()
        )
        if question is not None:
            asked = question.routes.count()
            messages.success(
                request,
                f"Your question is asked. It was put to {asked} {'person' if asked == 1 else 'people'} who may know."
                if asked
                else "Your question is asked. Nobody's expertise matched its topics yet: members can see it in the list.",
            )
            return redirect(_detail_url(question))
    return render_form(
        request,
        "questions/ask.html",
        {"partnership": partnership, "back_url": _list_url(partnership), **NAV},
        form,
    )


def _detail(
    request: AuthenticatedHttpRequest,
    partnership: Partnership,
    question: Question,
    form: AnswerForm | None = None,
) -> HttpResponse:
    user = request.user
    answers = answers_of(question)
    is_open = partnership.status != "closed" and question.is_open
    can_answer = is_open and rules.has_perm(ANSWER, user, question)
    can_route = is_open and rules.has_perm(ROUTE, user, question)
    can_manage = partnership.status != "closed" and rules.has_perm(MANAGE, user, question)
    accepted = next((a for a in answers if a.is_accepted), None)
    topics = list(question.topics.order_by("key"))
    routes = routes_of(question)
    form = form or AnswerForm()
    return render_form(
        request,
        "questions/detail.html",
        {
            "partnership": partnership,
            "question": question,
            "topics": topics,
            "answers": answers,
            "accepted": accepted,
            "routes": routes,
            "candidates": candidates(question, routed={r.user_id for r in routes}, topics=topics)
            if can_route
            else [],
            "past_target": question_is_past_target(question, answers),
            "can_answer": can_answer,
            "can_route": can_route,
            "can_accept": partnership.status != "closed" and rules.has_perm(ACCEPT, user, question),
            "can_widen": can_manage and is_open and not question.is_widened and accepted is None,
            "can_close": can_manage and is_open,
            **NAV,
        },
        form,
    )


@login_required
@require_safe
def question_detail(request: AuthenticatedHttpRequest, uuid: UUID, question_uuid: UUID) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid)
    question = question_get_for_user(request.user, partnership, question_uuid)
    return _detail(request, partnership, question)


@login_required
@require_POST
def answer_post(request: AuthenticatedHttpRequest, uuid: UUID, question_uuid: UUID) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid)
    question = question_get_for_user(request.user, partnership, question_uuid, perm=ANSWER)
    form = AnswerForm(request.POST)
    if form.is_valid():
        answer = form_attempt(
            form, services.answer_post, actor=request.user, question=question, **form.cleaned_data
        )
        if answer is not None:
            messages.success(request, "Thank you: your answer is posted.")
            return redirect(f"{_detail_url(question)}#{answer.anchor}")
    return _detail(request, partnership, question, form)


def _answer_action(
    request: AuthenticatedHttpRequest,
    uuid: UUID,
    question_uuid: UUID,
    answer_uuid: UUID,
    service: Any,
    done: str,
) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid)
    question = question_get_for_user(request.user, partnership, question_uuid)
    answer = answer_get(question, answer_uuid)
    return action_attempt(
        request,
        service,
        success=done,
        next_url=f"{_detail_url(question)}#{answer.anchor}",
        actor=request.user,
        answer=answer,
    )


@login_required
@require_POST
def answer_accept(
    request: AuthenticatedHttpRequest, uuid: UUID, question_uuid: UUID, answer_uuid: UUID
) -> HttpResponse:
    return _answer_action(
        request,
        uuid,
        question_uuid,
        answer_uuid,
        services.answer_accept,
        "The answer is accepted. Thank you.",
    )


@login_required
@require_POST
def answer_unaccept(
    request: AuthenticatedHttpRequest, uuid: UUID, question_uuid: UUID, answer_uuid: UUID
) -> HttpResponse:
    return _answer_action(
        request,
        uuid,
        question_uuid,
        answer_uuid,
        services.answer_unaccept,
        "The answer is no longer accepted.",
    )


@login_required
@require_POST
def answer_to_library(
    request: AuthenticatedHttpRequest, uuid: UUID, question_uuid: UUID, answer_uuid: UUID
) -> HttpResponse:
    """The asker turns the accepted answer into a library entry, then edits it there."""
    partnership = partnership_get_for_user(request.user, uuid)
    question = question_get_for_user(request.user, partnership, question_uuid)
    answer = answer_get(question, answer_uuid)
    try:
        entry = services.answer_to_library(actor=request.user, answer=answer)
    except ServiceError as error:
        return problem(
            request,
            title="That could not be done",
            message=error.message,
            status=error.status_code,
            back_url=f"{_detail_url(question)}#{answer.anchor}",
        )
    messages.success(
        request,
        "The answer is in the practice library, for this partnership only: edit it or publish it here.",
    )
    return redirect("library:detail", partnership.uuid, entry.uuid)


def _question_action(
    request: AuthenticatedHttpRequest, uuid: UUID, question_uuid: UUID, service: Any, done: str
) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid)
    question = question_get_for_user(request.user, partnership, question_uuid)
    return action_attempt(
        request, service, success=done, next_url=_detail_url(question), actor=request.user, question=question
    )


@login_required
@require_POST
def question_widen(request: AuthenticatedHttpRequest, uuid: UUID, question_uuid: UUID) -> HttpResponse:
    return _question_action(
        request,
        uuid,
        question_uuid,
        services.question_widen,
        "The question is open to the directory: members of organisations outside the partnership can answer it.",
    )


@login_required
@require_POST
def question_close(request: AuthenticatedHttpRequest, uuid: UUID, question_uuid: UUID) -> HttpResponse:
    return _question_action(request, uuid, question_uuid, services.question_close, "The question is closed.")


@login_required
@require_POST
def question_route(
    request: AuthenticatedHttpRequest, uuid: UUID, question_uuid: UUID, user_uuid: UUID
) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid)
    question = question_get_for_user(request.user, partnership, question_uuid, perm=ROUTE)
    person = User.objects.filter(uuid=user_uuid, is_active=True).first()
    if person is None:
        raise Http404("No such person.")
    return action_attempt(
        request,
        services.question_route,
        success=f"The question is put to {person}.",
        next_url=_detail_url(question),
        actor=request.user,
        question=question,
        user=person,
    )


# --- the directory --------------------------------------------------------------------------


def _require_organisation(request: AuthenticatedHttpRequest) -> None:
    if not belongs_to_an_organisation(request.user):
        raise Http404("No such page.")


@login_required
@require_safe
def directory_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    _require_organisation(request)
    return render(
        request, "questions/directory_list.html", {"questions": directory_questions(), "nav": "directory"}
    )


def _directory_detail(
    request: AuthenticatedHttpRequest, question: Question, form: AnswerForm | None = None
) -> HttpResponse:
    return render_form(
        request,
        "questions/directory_detail.html",
        {
            "question": question,
            "topics": list(question.topics.order_by("key")),
            "answers": answers_of(question),
            "can_answer": question.is_open and question.partnership.status != "closed",
            "nav": "directory",
        },
        form or AnswerForm(),
    )


@login_required
@require_safe
def directory_detail(request: AuthenticatedHttpRequest, question_uuid: UUID) -> HttpResponse:
    question = widened_question_get_for_user(request.user, question_uuid)
    return _directory_detail(request, question)


@login_required
@require_POST
def directory_answer(request: AuthenticatedHttpRequest, question_uuid: UUID) -> HttpResponse:
    question = widened_question_get_for_user(request.user, question_uuid)
    form = AnswerForm(request.POST)
    if form.is_valid():
        answer = form_attempt(
            form, services.answer_post, actor=request.user, question=question, **form.cleaned_data
        )
        if answer is not None:
            messages.success(request, "Thank you: your answer is posted.")
            url = reverse("directory_questions:detail", args=[question.uuid])
            return redirect(f"{url}#{answer.anchor}")
    return _directory_detail(request, question, form)
