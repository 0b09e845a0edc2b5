"""The glossary pages: a partnership's glossary (alphabetical, A-Z jump links, a search
that filters on the server, each term with an anchor; the suggestions waiting for the
approvers), suggesting a term, changing one, approving, rejecting and retiring, and
naming the stewards. Every view receives `uuid`, the partnership's."""

from typing import Any
from uuid import UUID

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from consortia.core.http import (
    AuthenticatedHttpRequest,
    action_attempt,
    form_attempt,
    partnership_form_page,
)
from consortia.partnerships.access import partnership_get_for_user
from consortia.partnerships.models import Partnership

from . import services
from .access import term_get_for_user
from .forms import StewardsForm, TermForm
from .selectors import glossary_of, suggestions, term_list

SUGGEST, APPROVE = "glossary.suggest_term_in_partnership", "glossary.approve_terms_in_partnership"
DECIDE, NAME_STEWARDS = "glossary.decide_term", "glossary.name_stewards_of_partnership"
NAV = {"nav": "partnerships"}
LETTERS = [chr(c) for c in range(ord("A"), ord("Z") + 1)] + ["#"]


def _page(partnership: Partnership) -> str:
    return reverse("glossary:list", args=[partnership.uuid])


@login_required
@require_safe
def glossary_page(request: AuthenticatedHttpRequest, uuid: UUID) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid)
    query = request.GET.get("q", "")
    letters = term_list(partnership, query=query)
    is_open = partnership.status != "closed"
    approves = is_open and rules.has_perm(APPROVE, request.user, partnership)
    present = {group.letter for group in letters}
    return render(
        request,
        "glossary/list.html",
        {
            "partnership": partnership,
            "letters": letters,
            "jump": [(letter, letter in present) for letter in LETTERS],
            "query": query,
            "suggestions": suggestions(partnership) if approves else [],
            "approves": approves,
            "can_suggest": is_open and rules.has_perm(SUGGEST, request.user, partnership),
            "can_name_stewards": is_open and rules.has_perm(NAME_STEWARDS, request.user, partnership),
            **NAV,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def term_suggest(request: AuthenticatedHttpRequest, uuid: UUID) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid, perm=SUGGEST)
    form = TermForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        term = form_attempt(
            form, services.term_suggest, actor=request.user, partnership=partnership, **form.service_kwargs()
        )
        if term is not None:
            messages.success(request, "Thank you: the term is suggested. It is shown once it is approved.")
            return redirect(_page(partnership))
    return partnership_form_page(
        request,
        partnership,
        form,
        section="Glossary",
        title="Suggest a glossary term",
        back_url=_page(partnership),
        submit="Suggest the term",
    )


@login_required
@require_http_methods(["GET", "POST"])
def term_edit(request: AuthenticatedHttpRequest, uuid: UUID, term_uuid: UUID) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid)
    term = term_get_for_user(request.user, partnership, term_uuid, perm=DECIDE)
    initial = {"name": term.name, "expansion": term.expansion} | {
        f"definition_{d.sector}": d.text for d in term.definitions.all()
    }
    form = TermForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        done = form_attempt(
            form, services.term_update, actor=request.user, term=term, **form.service_kwargs()
        )
        if done is not None:
            messages.success(request, "The term is saved.")
            return redirect(f"{_page(partnership)}#{term.anchor}")
    return partnership_form_page(
        request,
        partnership,
        form,
        section="Glossary",
        subject_label="Term",
        title="Change a glossary term",
        subject=term.name,
        back_url=_page(partnership),
        submit="Save the term",
    )


def _decision(
    request: AuthenticatedHttpRequest, uuid: UUID, term_uuid: UUID, service: Any, done: str
) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid)
    term = term_get_for_user(request.user, partnership, term_uuid, perm=DECIDE)
    return action_attempt(
        request, service, success=done, next_url=_page(partnership), actor=request.user, term=term
    )


@login_required
@require_POST
def term_approve(request: AuthenticatedHttpRequest, uuid: UUID, term_uuid: UUID) -> HttpResponse:
    return _decision(
        request, uuid, term_uuid, services.term_approve, "The term is approved and in the glossary."
    )


@login_required
@require_POST
def term_reject(request: AuthenticatedHttpRequest, uuid: UUID, term_uuid: UUID) -> HttpResponse:
    return _decision(request, uuid, term_uuid, services.term_reject, "The suggestion is rejected.")


@login_required
@require_POST
def term_retire(request: AuthenticatedHttpRequest, uuid: UUID, term_uuid: UUID) -> HttpResponse:
    return _decision(request, uuid, term_uuid, services.term_retire, "The term is retired from the glossary.")


@login_required
@require_http_methods(["GET", "POST"])
def stewards(request: AuthenticatedHttpRequest, uuid: UUID) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid, perm=NAME_STEWARDS)
    glossary = glossary_of(partnership)
    current = glossary.stewards if glossary is not None else None
    form = StewardsForm(
        request.POST if request.method == "POST" else None,
        groups=list(partnership.working_groups.active().order_by("name")),
        initial={"stewards": str(current.uuid) if current else ""},
    )
    if request.method == "POST" and form.is_valid():
        done = form_attempt(
            form, services.stewards_name, actor=request.user, partnership=partnership, group=form.group()
        )
        if done is not None:
            messages.success(request, "The glossary's approvers are saved.")
            return redirect(_page(partnership))
    return partnership_form_page(
        request,
        partnership,
        form,
        section="Glossary",
        title="Who approves glossary terms",
        back_url=_page(partnership),
        submit="Save",
    )
