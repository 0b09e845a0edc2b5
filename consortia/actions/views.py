"""The actions pages: a partnership's actions (filtered by status, owner, overdue),
adding one (on its own, or from a thread with ?thread=<uuid>), an action's page,
changing it, marking it done, dropping it with a reason, reopening it, and "My
actions" across every partnership the person is in. Partnership pages receive
`uuid`, the partnership's."""

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
from consortia.agreements.selectors import agreement_in_force
from consortia.canvas.selectors import outcome_list
from consortia.core.http import (
    AuthenticatedHttpRequest,
    action_attempt,
    form_attempt,
    partnership_form_page,
)
from consortia.groups.selectors import group_list, partnership_people_users
from consortia.partnerships.access import partnership_get_for_user
from consortia.partnerships.models import Partner, Partnership
from consortia.partnerships.rules import active_partners
from consortia.threads.access import thread_get_for_user
from consortia.threads.models import Thread

from . import services
from .access import action_get_for_user
from .forms import ActionForm, DropForm, FilterForm
from .models import Action
from .selectors import action_list, my_actions

ADD = "actions.add_action_in_partnership"
CHANGE = "actions.change_action"
NAV = {"nav": "partnerships"}


def _action_url(action: Action) -> str:
    return reverse("actions:detail", args=[action.partnership.uuid, action.uuid])


def _list_url(partnership: Partnership) -> str:
    return reverse("actions:list", args=[partnership.uuid])


def _owner_choices(partnership: Partnership) -> tuple[list[User], list[Partner]]:
    people = partnership_people_users(partnership)
    partners = sorted(active_partners(partnership), key=lambda p: p.organisation.name)
    return people, partners


def _action_form(
    request: AuthenticatedHttpRequest, partnership: Partnership, action: Action | None = None, **kwargs: Any
) -> ActionForm:
    people, partners = _owner_choices(partnership)
    version = agreement_in_force(partnership)
    objectives = list(version.objectives.all()) if version else []
    outcomes = outcome_list(partnership)
    if action is not None:  # keep what the action already serves on offer
        if action.objective and action.objective not in objectives:
            objectives.append(action.objective)
        if action.outcome and action.outcome not in outcomes:
            outcomes.append(action.outcome)
    return ActionForm(
        request.POST if request.method == "POST" else None,
        people=people,
        partners=partners,
        outcomes=outcomes,
        objectives=objectives,
        groups=group_list(partnership),
        **kwargs,
    )


def _thread_from_query(request: AuthenticatedHttpRequest, partnership: Partnership) -> Thread | None:
    """The thread named by ?thread=<uuid> ("Add an action" on a thread): 404 when it is
    not a uuid or not a thread of this partnership."""
    given = request.GET.get("thread", "")
    if not given:
        return None
    try:
        thread_uuid = UUID(given)
    except ValueError as wrong:
        raise Http404("No such thread.") from wrong
    return thread_get_for_user(request.user, partnership, thread_uuid)


@login_required
@require_safe
def action_list_page(request: AuthenticatedHttpRequest, uuid: UUID) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid)
    people, partners = _owner_choices(partnership)
    owners = [(f"user:{u.uuid}", u.name) for u in people] + [
        (f"partner:{p.uuid}", p.organisation.name) for p in partners
    ]
    filters = FilterForm(request.GET, owners=owners)
    chosen = filters.cleaned_data if filters.is_valid() else {}
    actions = list(
        action_list(
            request.user,
            partnership,
            status=chosen.get("status") or "open",
            owner=chosen.get("owner") or "",
            overdue=bool(chosen.get("overdue")),
        )
    )
    return render(
        request,
        "actions/list.html",
        {
            "partnership": partnership,
            "actions": actions,
            "filters": filters,
            "can_add": partnership.status != "closed" and rules.has_perm(ADD, request.user, partnership),
            **NAV,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def action_create(request: AuthenticatedHttpRequest, uuid: UUID) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid, perm=ADD)
    thread = _thread_from_query(request, partnership)
    initial = {"owner": f"user:{request.user.uuid}", "working_group": request.GET.get("working_group", "")}
    if thread is not None:
        initial |= {
            "title": thread.title,
            "working_group": str(thread.working_group.uuid) if thread.working_group else "",
        }
    form = _action_form(request, partnership, initial=initial)
    if request.method == "POST" and form.is_valid():
        action = form_attempt(
            form,
            services.action_create,
            actor=request.user,
            partnership=partnership,
            thread=thread,
            **form.service_kwargs(),
        )
        if action is not None:
            messages.success(request, "The action is added.")
            return redirect(_action_url(action))
    back = (
        reverse("threads:detail", args=[partnership.uuid, thread.uuid]) if thread else _list_url(partnership)
    )
    return partnership_form_page(
        request,
        partnership,
        form,
        section="Actions",
        subject_label="About",
        title="Add an action",
        subject=thread.title if thread else "",
        back_url=back,
        submit="Add the action",
    )


@login_required
@require_safe
def action_detail(request: AuthenticatedHttpRequest, uuid: UUID, action_uuid: UUID) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid)
    action = action_get_for_user(request.user, partnership, action_uuid)
    return render(
        request,
        "actions/detail.html",
        {
            "partnership": partnership,
            "action": action,
            "can_change": partnership.status != "closed" and rules.has_perm(CHANGE, request.user, action),
            **NAV,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def action_edit(request: AuthenticatedHttpRequest, uuid: UUID, action_uuid: UUID) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid)
    action = action_get_for_user(request.user, partnership, action_uuid, perm=CHANGE)
    owner = action.owner_user or action.owner_partner
    initial = {
        "title": action.title,
        "details": action.details,
        "owner": f"{'user' if action.owner_user else 'partner'}:{owner.uuid if owner else ''}",
        "due": action.due,
        "outcome": str(action.outcome.uuid) if action.outcome else "",
        "objective": str(action.objective.uuid) if action.objective else "",
        "working_group": str(action.working_group.uuid) if action.working_group else "",
    }
    form = _action_form(request, partnership, action, initial=initial)
    if request.method == "POST" and form.is_valid():
        done = form_attempt(
            form, services.action_update, actor=request.user, action=action, **form.service_kwargs()
        )
        if done is not None:
            messages.success(request, "The action is updated.")
            return redirect(_action_url(action))
    return partnership_form_page(
        request,
        partnership,
        form,
        section="Actions",
        subject_label="About",
        title="Change the action",
        subject=action.title,
        back_url=_action_url(action),
        submit="Save the action",
    )


@login_required
@require_POST
def action_done(request: AuthenticatedHttpRequest, uuid: UUID, action_uuid: UUID) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid)
    action = action_get_for_user(request.user, partnership, action_uuid, perm=CHANGE)
    return action_attempt(
        request,
        services.action_done,
        success="The action is done.",
        next_url=_action_url(action),
        actor=request.user,
        action=action,
    )


@login_required
@require_http_methods(["GET", "POST"])
def action_drop(request: AuthenticatedHttpRequest, uuid: UUID, action_uuid: UUID) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid)
    action = action_get_for_user(request.user, partnership, action_uuid, perm=CHANGE)
    form = DropForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = form_attempt(
            form, services.action_drop, actor=request.user, action=action, **form.cleaned_data
        )
        if done is not None:
            messages.success(request, "The action is dropped.")
            return redirect(_action_url(action))
    return partnership_form_page(
        request,
        partnership,
        form,
        section="Actions",
        subject_label="About",
        title="Drop the action",
        subject=action.title,
        back_url=_action_url(action),
        submit="Drop the action",
    )


@login_required
@require_POST
def action_reopen(request: AuthenticatedHttpRequest, uuid: UUID, action_uuid: UUID) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid)
    action = action_get_for_user(request.user, partnership, action_uuid, perm=CHANGE)
    return action_attempt(
        request,
        services.action_reopen,
        success="The action is open again.",
        next_url=_action_url(action),
        actor=request.user,
        action=action,
    )


@login_required
@require_safe
def my_actions_page(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Every open action the person owns, in person or through their organisation,
    across the partnerships they are in now."""
    return render(request, "actions/mine.html", {"mine": my_actions(request.user), "nav": "actions"})
