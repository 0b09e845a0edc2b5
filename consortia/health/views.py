"""The health check pages: the partnership's rounds (and opening one, with a suggested
closing date), a round's page (while open: how many have answered, the buttons to
answer, rate and close; once closed: the results), the survey, the partners'
relationship ratings, and the results as CSV. Every view receives `uuid`, the
partnership's."""

from typing import Any
from uuid import UUID

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from consortia.canvas.exports import csv_response
from consortia.core.http import (
    AuthenticatedHttpRequest,
    action_attempt,
    form_attempt,
    partnership_form_page,
    problem,
)
from consortia.partnerships.access import partnership_get_for_user

from . import services
from .access import partner_in, round_get_for_user
from .forms import AnswerForm, RatingForm, RoundOpenForm
from .models import Round
from .selectors import (
    EXPORT_HEADER,
    answered_count,
    export_rows,
    has_answered,
    my_ratings,
    results_page,
    round_list,
    suggested_close,
)

OPEN, CLOSE, ANSWER = "health.open_round_in_partnership", "health.close_round", "health.answer_round"
RATE, RATE_FOR = "health.rate_in_round", "health.rate_for_partner"
NAV = {"nav": "partnerships"}
SECTION = "Health check"


def _round_url(round: Round) -> str:
    return reverse("health:round", args=[round.partnership.uuid, round.uuid])


@login_required
@require_safe
def rounds(request: AuthenticatedHttpRequest, uuid: UUID) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid)
    lines = round_list(partnership)
    can_open = partnership.status != "closed" and rules.has_perm(OPEN, request.user, partnership)
    return render(
        request,
        "health/rounds.html",
        {
            "partnership": partnership,
            "lines": lines,
            "open_round": next((line.round for line in lines if line.round.is_open), None),
            "can_open": can_open,
            **NAV,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def round_open(request: AuthenticatedHttpRequest, uuid: UUID) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid, perm=OPEN)
    suggestion = suggested_close(partnership)
    form = RoundOpenForm(request.POST or None, initial={"closes_on": suggestion.closes_on})
    if request.method == "POST" and form.is_valid():
        round = form_attempt(
            form, services.round_open, actor=request.user, partnership=partnership, **form.cleaned_data
        )
        if round is not None:
            messages.success(
                request, "The health check is open. Everyone in the partnership has been invited."
            )
            return redirect(_round_url(round))
    back = reverse("health:rounds", args=[partnership.uuid])
    return partnership_form_page(
        request,
        partnership,
        form,
        section=SECTION,
        title="Open a health check",
        back_url=back,
        submit="Open the health check",
        intro="Everyone in the partnership will be invited to answer: every member of every partner "
        "organisation, and every individual participant. Representatives can also rate the partners "
        "they worked with.",
        template="health/open.html",
        suggestion=suggestion,
    )


@login_required
@require_safe
def round_detail(request: AuthenticatedHttpRequest, uuid: UUID, round_uuid: UUID) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid)
    round = round_get_for_user(request.user, partnership, round_uuid)
    context: dict[str, Any] = {"partnership": partnership, "round": round, **NAV}
    if round.is_open:
        may_answer = rules.has_perm(ANSWER, request.user, round)
        context |= {
            "answered": answered_count(round),
            "may_answer": may_answer,
            "has_answered": may_answer and has_answered(round, request.user.pk),
            "may_rate": rules.has_perm(RATE, request.user, round),
            "can_close": rules.has_perm(CLOSE, request.user, round),
        }
    else:
        context["results"] = results_page(round)
    return render(request, "health/round.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def answer(request: AuthenticatedHttpRequest, uuid: UUID, round_uuid: UUID) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid)
    round = round_get_for_user(request.user, partnership, round_uuid, perm=ANSWER)
    if request.method == "GET" and (not round.is_open or has_answered(round, request.user.pk)):
        message = (
            "You have already answered this health check."
            if round.is_open
            else "This health check has closed."
        )
        return problem(
            request, title="You cannot answer", message=message, status=409, back_url=_round_url(round)
        )
    form = AnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = form_attempt(
            form, services.response_submit, actor=request.user, round=round, answers=form.answers()
        )
        if done is not None:
            messages.success(request, "Thank you: your answers are recorded, without your name.")
            return redirect(_round_url(round))
    return partnership_form_page(
        request,
        partnership,
        form,
        section=SECTION,
        title="Answer the health check",
        back_url=_round_url(round),
        submit="Send my answers",
        template="health/answer.html",
        round=round,
    )


@login_required
@require_safe
def ratings(request: AuthenticatedHttpRequest, uuid: UUID, round_uuid: UUID) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid)
    round = round_get_for_user(request.user, partnership, round_uuid, perm=RATE)
    return render(
        request,
        "health/ratings.html",
        {"partnership": partnership, "round": round, "raters": my_ratings(round, request.user), **NAV},
    )


@login_required
@require_http_methods(["GET", "POST"])
def rate(
    request: AuthenticatedHttpRequest, uuid: UUID, round_uuid: UUID, rater_uuid: UUID, rated_uuid: UUID
) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid)
    round = round_get_for_user(request.user, partnership, round_uuid, perm=RATE)
    rater, rated = (
        partner_in(request.user, partnership, rater_uuid, perm=RATE_FOR),
        partner_in(request.user, partnership, rated_uuid),
    )
    back = reverse("health:ratings", args=[partnership.uuid, round.uuid])
    saved = round.ratings.filter(rater=rater, rated=rated).first()
    initial = {key: str(getattr(saved, key)) for key in RatingForm().fields} if saved else None
    form = RatingForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        done = form_attempt(
            form,
            services.rating_save,
            actor=request.user,
            round=round,
            rater=rater,
            rated=rated,
            values=form.values(),
        )
        if done is not None:
            messages.success(request, f"Your rating of {rated.organisation} is saved.")
            return redirect(back)
    return partnership_form_page(
        request,
        partnership,
        form,
        section=SECTION,
        title=f"Rate {rated.organisation.name}",
        back_url=back,
        submit="Save the rating",
        template="health/rate.html",
        round=round,
        rater=rater,
        rated=rated,
        saved=saved,
    )


@login_required
@require_POST
def unrate(
    request: AuthenticatedHttpRequest, uuid: UUID, round_uuid: UUID, rater_uuid: UUID, rated_uuid: UUID
) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid)
    round = round_get_for_user(request.user, partnership, round_uuid, perm=RATE)
    rater = partner_in(request.user, partnership, rater_uuid, perm=RATE_FOR)
    rating = get_object_or_404(
        round.ratings.select_related("rated__organisation"), rater=rater, rated__uuid=rated_uuid
    )
    rating.round, rating.rater = round, rater
    return action_attempt(
        request,
        services.rating_remove,
        success=f"Your rating of {rating.rated.organisation} is withdrawn.",
        next_url=reverse("health:ratings", args=[partnership.uuid, round.uuid]),
        actor=request.user,
        rating=rating,
    )


@login_required
@require_POST
def round_close(request: AuthenticatedHttpRequest, uuid: UUID, round_uuid: UUID) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid)
    round = round_get_for_user(request.user, partnership, round_uuid, perm=CLOSE)
    return action_attempt(
        request,
        services.round_close,
        success="The health check is closed: its results are below.",
        next_url=_round_url(round),
        actor=request.user,
        round=round,
    )


@login_required
@require_safe
def export(request: AuthenticatedHttpRequest, uuid: UUID, round_uuid: UUID) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid)
    round = round_get_for_user(request.user, partnership, round_uuid)
    if round.is_open:
        return problem(
            request,
            title="No results yet",
            message="The results are shown once the health check has closed.",
            status=409,
            back_url=_round_url(round),
        )
    filename = f"health-check-{partnership.uuid}-{round.closes_on.isoformat()}.csv"
    return csv_response(filename, EXPORT_HEADER, export_rows(round))
