"""The expertise pages: the partnership's expertise map (searchable, with my own
expertise and endorse buttons), adding an area of expertise, removing it, endorsing a
colleague's, and merging two topics. Every view receives `uuid`, the partnership's."""

from uuid import UUID

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from consortia.core.http import AuthenticatedHttpRequest, action_attempt, form_attempt, render_form
from consortia.partnerships.access import partnership_get_for_user
from consortia.partnerships.models import Partnership

from . import services
from .access import expertise_get_for_user
from .forms import ExpertiseForm, MergeForm
from .selectors import SEARCH_MAX, expertise_map, expertise_of_user, topics_in_partnership

VIEW, ADD = "expertise.view_expertise_in_partnership", "expertise.add_expertise_in_partnership"
MERGE = "expertise.merge_topics_in_partnership"
NAV = {"nav": "partnerships"}


def _map_url(partnership: Partnership) -> str:
    return reverse("expertise:map", args=[partnership.uuid])


@login_required
@require_safe
def expertise_map_page(request: AuthenticatedHttpRequest, uuid: UUID) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid, perm=VIEW)
    search = " ".join(request.GET.get("q", "").split())[:SEARCH_MAX]
    can_add = partnership.status != "closed" and rules.has_perm(ADD, request.user, partnership)
    return render(
        request,
        "expertise/map.html",
        {
            "partnership": partnership,
            "search": search,
            "topics": expertise_map(partnership, viewer=request.user, search=search),
            "mine": expertise_of_user(partnership, request.user) if can_add else [],
            "can_add": can_add,
            "can_merge": rules.has_perm(MERGE, request.user, partnership),
            **NAV,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def expertise_add(request: AuthenticatedHttpRequest, uuid: UUID) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid, perm=ADD)
    form = ExpertiseForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        added = form_attempt(
            form, services.expertise_add, actor=request.user, partnership=partnership, **form.service_kwargs()
        )
        if added is not None:
            messages.success(request, f"{added.topic} added to your expertise")
            return redirect(_map_url(partnership))
    context = {"partnership": partnership, "title": "Add an area of expertise", "submit": "Add", **NAV}
    return render_form(request, "expertise/form.html", {**context, "back_url": _map_url(partnership)}, form)


@login_required
@require_POST
def expertise_remove(request: AuthenticatedHttpRequest, uuid: UUID, expertise_uuid: UUID) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid)
    expertise = expertise_get_for_user(request.user, partnership, expertise_uuid, perm=services.REMOVE)
    return action_attempt(
        request,
        services.expertise_remove,
        success=f"{expertise.topic} removed from your expertise",
        next_url=_map_url(partnership),
        actor=request.user,
        expertise=expertise,
    )


@login_required
@require_POST
def expertise_endorse(request: AuthenticatedHttpRequest, uuid: UUID, expertise_uuid: UUID) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid)
    expertise = expertise_get_for_user(request.user, partnership, expertise_uuid, perm=services.ENDORSE)
    return action_attempt(
        request,
        services.expertise_endorse,
        success=f"You endorsed {expertise.user}'s expertise in {expertise.topic}",
        next_url=_map_url(partnership),
        actor=request.user,
        expertise=expertise,
    )


@login_required
@require_http_methods(["GET", "POST"])
def topic_merge(request: AuthenticatedHttpRequest, uuid: UUID) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid, perm=MERGE)
    form = MergeForm(
        request.POST if request.method == "POST" else None, topics=topics_in_partnership(partnership)
    )
    if request.method == "POST" and form.is_valid():
        keep, merge = form.cleaned_data["keep"], form.cleaned_data["merge"]
        kept = form_attempt(
            form, services.topic_merge, actor=request.user, partnership=partnership, keep=keep, merge=merge
        )
        if kept is not None:
            messages.success(request, f"{merge} merged into {kept}")
            return redirect(_map_url(partnership))
    context = {"partnership": partnership, "title": "Merge two topics", "submit": "Merge", **NAV}
    return render_form(request, "expertise/form.html", {**context, "back_url": _map_url(partnership)}, form)
