"""The decisions pages: open polls and the decision log, opening a poll, a poll's
page (vote, results, turnout), closing it and writing its outcome. Every view
receives `uuid`, the partnership's."""

from typing import Any

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from consortia.core.http import action_attempt, form_attempt, render_form
from consortia.core.page_cache import Page, page_cached, partnership_stamp
from consortia.groups.selectors import group_list
from consortia.partnerships.access import partnership_get_for_user

from . import services
from .access import poll_get_for_user
from .forms import OutcomeForm, PollForm, VoteForm
from .models import Poll
from .selectors import (
    choice_labels,
    decision_log,
    poll_ballot_state_for_user,
    poll_ballots,
    poll_list,
    poll_options,
    poll_results,
    poll_voice_balance,
    poll_vote_partners,
    poll_voters,
    results_visible,
    voice_balance,
)

OPEN = "decisions.open_poll_in_partnership"
VOTE = "decisions.vote_in_poll"
MANAGE = "decisions.manage_poll"
NAV = {"nav": "partnerships"}


def _poll_url(poll: Poll) -> str:
    return reverse("decisions:detail", args=[poll.partnership.uuid, poll.uuid])


@login_required
@require_safe
def poll_list_page(request: HttpRequest, uuid) -> HttpResponse:
    return page_cached(request, lambda: partnership_stamp(uuid), lambda: _list(request, uuid))


def _list(request: HttpRequest, uuid) -> Page:
    partnership = partnership_get_for_user(request.user, uuid)
    voices, voices_by_kind, poll_count = voice_balance(partnership)
    return (
        "decisions/list.html",
        {
            "voices": voices,
            "voices_by_kind": voices_by_kind,
            "poll_count": poll_count,
            "partnership": partnership,
            "open_polls": poll_list(partnership, status=Poll.Status.OPEN),
            "awaiting_outcome": poll_list(partnership, status=Poll.Status.CLOSED).filter(outcome=""),
            "log": decision_log(partnership),
            "can_open": rules.has_perm(OPEN, request.user, partnership),
            **NAV,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def poll_create(request: HttpRequest, uuid) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid, perm=OPEN)
    form = PollForm(request.POST or None, groups=group_list(partnership))
    back = reverse("decisions:list", args=[partnership.uuid])
    if request.method == "POST" and form.is_valid():
        poll = form_attempt(
            form, services.poll_open, actor=request.user, partnership=partnership, **form.service_kwargs()
        )
        if poll is not None:
            messages.success(request, "The poll is open.")
            return redirect(_poll_url(poll))
    return render_form(
        request,
        "decisions/form.html",
        {
            "partnership": partnership,
            "title": "Open a poll",
            "back_url": back,
            "submit": "Open the poll",
            **NAV,
        },
        form,
    )


def _poll_page(
    request: HttpRequest, partnership, poll: Poll, *, vote_form=None
) -> tuple[str, dict[str, Any], int]:
    """The poll's page; after a refused vote, with that form's errors (and its 4xx)."""
    options = poll_options(poll)
    ballots = poll_ballots(poll)
    voters = poll_voters(poll, ballots)
    me = poll_ballot_state_for_user(request.user, poll, ballots, voters)
    if vote_form is None and me.may_vote and poll.is_open:
        vote_form = VoteForm(poll=poll, options=options, partners=me.partners, ballot=me.ballot_to_change)
    visible = results_visible(poll)
    results = poll_results(poll, options, ballots, voters)
    voices, voices_by_kind = poll_voice_balance(poll, results, ballots)
    status = getattr(vote_form, "status_code", 400) if vote_form is not None and vote_form.errors else 200
    return (
        "decisions/detail.html",
        {
            "partnership": partnership,
            "poll": poll,
            "options": options,
            "results": results,
            "voices": voices,
            "voices_by_kind": voices_by_kind,
            "i_voted": me.i_voted,
            "results_visible": visible,
            "ballot_lines": (
                [(b, choice_labels(b, options)) for b in ballots] if visible and not poll.anonymous else []
            ),
            "my_ballots": [(b, choice_labels(b, options)) for b in me.mine],
            "vote_form": vote_form,
            "form": vote_form,  # the page title says "Error:" when it has errors
            "can_manage": rules.has_perm(MANAGE, request.user, poll),
            **NAV,
        },
        status,
    )


@login_required
@require_safe
def poll_detail(request: HttpRequest, uuid, poll_uuid) -> HttpResponse:
    return page_cached(request, lambda: partnership_stamp(uuid), lambda: _detail(request, uuid, poll_uuid))


def _detail(request: HttpRequest, uuid, poll_uuid) -> Page:
    partnership = partnership_get_for_user(request.user, uuid)
    return _poll_page(request, partnership, poll_get_for_user(request.user, partnership, poll_uuid))


@login_required
@require_POST
def vote(request: HttpRequest, uuid, poll_uuid) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid)
    poll = poll_get_for_user(request.user, partnership, poll_uuid, perm=VOTE)
    partners = poll_vote_partners(request.user, poll)
    form = VoteForm(request.POST, poll=poll, options=poll_options(poll), partners=partners)
    if form.is_valid():
        partner = next((p for p in partners if str(p.uuid) == form.cleaned_data.get("partner")), None)
        ballot = form_attempt(
            form,
            services.vote_cast,
            actor=request.user,
            poll=poll,
            choice=form.choice(),
            reason=form.cleaned_data["reason"],
            partner=partner,
        )
        if ballot is not None:
            messages.success(request, "Your vote has been recorded. You can change it until the poll closes.")
            return redirect(_poll_url(poll))
    template, context, status = _poll_page(request, partnership, poll, vote_form=form)
    return render(request, template, context, status=status)


@login_required
@require_POST
def close(request: HttpRequest, uuid, poll_uuid) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid)
    poll = poll_get_for_user(request.user, partnership, poll_uuid, perm=MANAGE)
    return action_attempt(
        request,
        services.poll_close,
        success="The poll is closed. Now write what was decided.",
        next_url=reverse("decisions:outcome", args=[partnership.uuid, poll.uuid]),
        actor=request.user,
        poll=poll,
    )


@login_required
@require_http_methods(["GET", "POST"])
def outcome(request: HttpRequest, uuid, poll_uuid) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid)
    poll = poll_get_for_user(request.user, partnership, poll_uuid, perm=MANAGE)
    form = OutcomeForm(
        request.POST or None, initial={"outcome": poll.outcome, "discussion_url": poll.discussion_url}
    )
    if request.method == "POST" and form.is_valid():
        done = form_attempt(
            form, services.poll_outcome_write, actor=request.user, poll=poll, **form.cleaned_data
        )
        if done is not None:
            messages.success(request, "The outcome is in the decision log.")
            return redirect(_poll_url(poll))
    return render_form(
        request,
        "decisions/form.html",
        {
            "partnership": partnership,
            "title": "Write the outcome",
            "subject": poll.title,
            "back_url": _poll_url(poll),
            "submit": "Save the outcome",
            **NAV,
        },
        form,
    )
