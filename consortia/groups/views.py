"""The working groups pages: the partnership's groups, setting one up, a group's page
(purpose, lead, members and their organisations), editing it, joining and leaving,
adding and removing members, archiving and reopening. Every view receives `uuid`,
the partnership's. Not cached: the page shows buttons that depend on the viewer's
membership, which is read in the same queries anyway."""

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from consortia.core.http import AuthenticatedHttpRequest, action_attempt, form_attempt, render_form
from consortia.partnerships.access import partnership_get_for_user

from . import services
from .access import group_get_for_user, membership_get
from .forms import GroupForm, MemberAddForm, person_choices
from .models import WorkingGroup
from .selectors import group_list, group_members, partnership_people, partnership_people_users, people_to_add

CREATE = "groups.create_group_in_partnership"
MANAGE = "groups.manage_workinggroup"
JOIN = "groups.join_workinggroup"
LEAVE = "groups.leave_workinggroup"
NAV = {"nav": "partnerships"}


def _group_url(group: WorkingGroup) -> str:
    return reverse("groups:detail", args=[group.partnership.uuid, group.uuid])


@login_required
@require_safe
def group_list_page(request: AuthenticatedHttpRequest, uuid) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid)
    context = {
        "partnership": partnership,
        "groups": group_list(partnership),
        "archived": group_list(partnership, archived=True),
        "can_create": rules.has_perm(CREATE, request.user, partnership),
        **NAV,
    }
    return render(request, "groups/list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def group_create(request: AuthenticatedHttpRequest, uuid) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid, perm=CREATE)
    users = {str(u.uuid): u for u in partnership_people_users(partnership)}
    leads = person_choices(list(users.values()), partnership_people(partnership))
    form = GroupForm(request.POST or None, leads=leads, initial={"lead": str(request.user.uuid)})
    if request.method == "POST" and form.is_valid():
        group = form_attempt(
            form,
            services.group_create,
            actor=request.user,
            partnership=partnership,
            **form.service_kwargs(users),
        )
        if group is not None:
            messages.success(request, f"{group.name} is set up.")
            return redirect(_group_url(group))
    back = reverse("groups:list", args=[partnership.uuid])
    context = {
        "partnership": partnership,
        "title": "Set up a working group",
        "back_url": back,
        "submit": "Set up the group",
        **NAV,
    }
    return render_form(request, "groups/form.html", context, form)


@login_required
@require_safe
def group_detail(request: AuthenticatedHttpRequest, uuid, group_uuid) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid)
    group = group_get_for_user(request.user, partnership, group_uuid)
    members = group_members(group)
    context = {
        "partnership": partnership,
        "group": group,
        "members": members,
        "can_manage": rules.has_perm(MANAGE, request.user, group),
        "can_leave": rules.has_perm(LEAVE, request.user, group),
        "can_join": rules.has_perm(JOIN, request.user, group) and group.is_open and not group.is_archived,
        **NAV,
    }
    return render(request, "groups/detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def group_edit(request: AuthenticatedHttpRequest, uuid, group_uuid) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid)
    group = group_get_for_user(request.user, partnership, group_uuid, perm=MANAGE)
    members = group_members(group)
    users = {str(m.user.uuid): m.user for m in members}
    leads = person_choices([m.user for m in members], partnership_people(partnership))
    initial = {
        "name": group.name,
        "purpose": group.purpose,
        "lead": str(group.lead.uuid) if group.lead else "",
        "openness": "open" if group.is_open else "closed",
    }
    form = GroupForm(request.POST or None, leads=leads, initial=initial)
    if request.method == "POST" and form.is_valid():
        changed = form_attempt(
            form, services.group_update, actor=request.user, group=group, **form.service_kwargs(users)
        )
        if changed is not None:
            messages.success(request, "The group is saved." if changed else "Nothing was changed.")
            return redirect(_group_url(group))
    context = {
        "partnership": partnership,
        "title": "Change the working group",
        "subject": group.name,
        "back_url": _group_url(group),
        "submit": "Save",
        **NAV,
    }
    return render_form(request, "groups/form.html", context, form)


@login_required
@require_http_methods(["GET", "POST"])
def member_add(request: AuthenticatedHttpRequest, uuid, group_uuid) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid)
    group = group_get_for_user(request.user, partnership, group_uuid, perm=MANAGE)
    candidates = {str(u.uuid): u for u in people_to_add(group)}
    form = MemberAddForm(
        request.POST or None,
        people=person_choices(list(candidates.values()), partnership_people(partnership)),
    )
    if request.method == "POST" and form.is_valid():
        person = candidates[form.cleaned_data["person"]]
        added = form_attempt(form, services.group_member_add, actor=request.user, group=group, user=person)
        if added is not None:
            messages.success(request, f"{person.name} is now a member of {group.name}.")
            return redirect(_group_url(group))
    context = {
        "partnership": partnership,
        "title": "Add a member",
        "subject": group.name,
        "back_url": _group_url(group),
        "submit": "Add to the group",
        **NAV,
    }
    return render_form(request, "groups/form.html", context, form)


def _button(
    request: AuthenticatedHttpRequest, uuid, group_uuid, perm: str, service, success: str, **kwargs
) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid)
    group = group_get_for_user(request.user, partnership, group_uuid, perm=perm)
    return action_attempt(
        request,
        service,
        success=success,
        next_url=_group_url(group),
        actor=request.user,
        group=group,
        **kwargs,
    )


@login_required
@require_POST
def join(request: AuthenticatedHttpRequest, uuid, group_uuid) -> HttpResponse:
    return _button(request, uuid, group_uuid, JOIN, services.group_join, "You have joined the group.")


@login_required
@require_POST
def leave(request: AuthenticatedHttpRequest, uuid, group_uuid) -> HttpResponse:
    return _button(request, uuid, group_uuid, LEAVE, services.group_leave, "You have left the group.")


@login_required
@require_POST
def archive(request: AuthenticatedHttpRequest, uuid, group_uuid) -> HttpResponse:
    return _button(request, uuid, group_uuid, MANAGE, services.group_archive, "The group is archived.")


@login_required
@require_POST
def reopen(request: AuthenticatedHttpRequest, uuid, group_uuid) -> HttpResponse:
    return _button(request, uuid, group_uuid, MANAGE, services.group_reopen, "The group is open again.")


@login_required
@require_POST
def member_remove(request: AuthenticatedHttpRequest, uuid, group_uuid, member_uuid) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid)
    group = group_get_for_user(request.user, partnership, group_uuid, perm=MANAGE)
    membership = membership_get(group, member_uuid)
    return action_attempt(
        request,
        services.group_member_remove,
        success=f"{membership.user.name} is no longer a member of the group.",
        next_url=_group_url(group),
        actor=request.user,
        group=group,
        membership=membership,
    )
