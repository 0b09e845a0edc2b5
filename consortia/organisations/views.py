import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from consortia.core.errors import ServiceError
from consortia.core.http import AuthenticatedHttpRequest, action_attempt, form_attempt, problem, render_form
from consortia.core.invitation_views import invitation_open, invitation_problem, invite_attempt
from consortia.core.page_cache import Page, page_cached, site_stamp
from consortia.organisations.rules import is_org_member

from . import services
from .access import member_invitation_get, membership_get, offer_get, organisation_get_for_user
from .forms import (
    DirectorySearchForm,
    MemberInviteForm,
    MemberRoleForm,
    OfferForm,
    OrganisationForm,
)
from .selectors import (
    member_invitation_list_pending,
    member_list,
    organisation_directory,
    organisation_list_for_user,
)

MANAGE = "organisations.manage_organisation"
NAV = {"nav": "organisations"}


@login_required
@require_safe
def organisation_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(
        request,
        "organisations/organisation_list.html",
        {"memberships": organisation_list_for_user(request.user), **NAV},
    )


@login_required
@require_http_methods(["GET", "POST"])
def organisation_create(request: HttpRequest) -> HttpResponse:
    form = OrganisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        organisation = form_attempt(
            form, services.organisation_create, actor=request.user, **form.service_kwargs()
        )
        if organisation is not None:
            messages.success(request, f"{organisation} has been created. You are its admin.")
            next_url = request.POST.get("next", "")
            # Only a path on this site: Django's check also refuses "/\\evil.example"
            # and control characters, which browsers read as "//evil.example".
            if next_url.startswith("/") and url_has_allowed_host_and_scheme(
                next_url, allowed_hosts=None, require_https=request.is_secure()
            ):
                return redirect(next_url)
            return redirect("organisations:detail", uuid=organisation.uuid)
    return render_form(
        request,
        "organisations/organisation_form.html",
        {"title": "Create an organisation", "next": request.GET.get("next", ""), **NAV},
        form,
    )


@require_safe
def organisation_detail(request: HttpRequest, uuid) -> HttpResponse:
    """The profile: public when listed; members also see members and partnerships."""
    return page_cached(request, site_stamp, lambda: _detail(request, uuid))


def _detail(request: HttpRequest, uuid) -> Page:
    organisation = organisation_get_for_user(request.user, uuid)
    can_see_members = rules.has_perm("organisations.view_members_of_organisation", request.user, organisation)
    can_manage = rules.has_perm(MANAGE, request.user, organisation)
    return (
        "organisations/organisation_detail.html",
        {
            "organisation": organisation,
            "offers": organisation.offers.all(),
            "expertise": organisation.expertise.all(),
            "members": member_list(organisation) if can_see_members else None,
            "invitations": member_invitation_list_pending(organisation) if can_manage else None,
            "can_manage": can_manage,
            "is_member": is_org_member(request.user, organisation),
            "role_form": MemberRoleForm(),
            **NAV,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def organisation_edit(request: HttpRequest, uuid) -> HttpResponse:
    organisation = organisation_get_for_user(request.user, uuid, perm=MANAGE)
    form = OrganisationForm(request.POST or None, organisation=organisation)
    if (
        request.method == "POST"
        and form.is_valid()
        and (
            form_attempt(
                form,
                services.organisation_update,
                actor=request.user,
                organisation=organisation,
                **form.service_kwargs(),
            )
            is not None
        )
    ):
        messages.success(request, "The profile has been updated.")
        return redirect("organisations:detail", uuid=organisation.uuid)
    return render_form(
        request,
        "organisations/organisation_form.html",
        {"title": f"Edit {organisation.name}", "organisation": organisation, **NAV},
        form,
    )


@login_required
@require_http_methods(["GET", "POST"])
def member_invite(request: HttpRequest, uuid) -> HttpResponse:
    organisation = organisation_get_for_user(request.user, uuid, perm=MANAGE)
    return invite_attempt(
        request,
        MemberInviteForm(request.POST or None),
        services.member_invite,
        template="organisations/member_invite.html",
        context={"organisation": organisation, **NAV},
        next_url=reverse("organisations:detail", args=[organisation.uuid]),
        organisation=organisation,
    )


@login_required
@require_POST
def member_invitation_revoke(request: HttpRequest, uuid, invitation_uuid) -> HttpResponse:
    organisation = organisation_get_for_user(request.user, uuid, perm=MANAGE)
    invitation = member_invitation_get(organisation, invitation_uuid)
    return action_attempt(
        request,
        services.member_invitation_revoke,
        actor=request.user,
        invitation=invitation,
        success=f"The invitation to {invitation.email} has been withdrawn.",
        next_url=reverse("organisations:detail", args=[organisation.uuid]),
    )


@login_required
@require_POST
def member_remove(request: HttpRequest, uuid, membership_uuid) -> HttpResponse:
    organisation = organisation_get_for_user(request.user, uuid, perm=MANAGE)
    membership = membership_get(organisation, membership_uuid)
    return action_attempt(
        request,
        services.member_remove,
        actor=request.user,
        membership=membership,
        success=f"{membership.user.display_name} has been removed.",
        next_url=reverse("organisations:detail", args=[organisation.uuid]),
    )


@login_required
@require_POST
def member_role(request: HttpRequest, uuid, membership_uuid) -> HttpResponse:
    organisation = organisation_get_for_user(request.user, uuid, perm=MANAGE)
    membership = membership_get(organisation, membership_uuid)
    form = MemberRoleForm(request.POST)
    back = reverse("organisations:detail", args=[organisation.uuid])
    if not form.is_valid():
        return problem(request, title="Choose a role", message="Choose admin or member.", back_url=back)
    return action_attempt(
        request,
        services.member_role_change,
        actor=request.user,
        membership=membership,
        role=form.cleaned_data["role"],
        success=f"{membership.user.display_name} is now {form.cleaned_data['role']}.",
        next_url=back,
    )


@login_required
@require_POST
def member_leave(request: HttpRequest, uuid) -> HttpResponse:
    organisation = organisation_get_for_user(
        request.user, uuid, perm="organisations.view_members_of_organisation"
    )
    return action_attempt(
        request,
        services.member_leave,
        actor=request.user,
        organisation=organisation,
        success=f"You have left {organisation}.",
        next_url=reverse("organisations:list"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def offer_add(request: HttpRequest, uuid) -> HttpResponse:
    organisation = organisation_get_for_user(request.user, uuid, perm=MANAGE)
    form = OfferForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        offer = form_attempt(
            form, services.offer_add, actor=request.user, organisation=organisation, **form.cleaned_data
        )
        if offer is not None:
            messages.success(request, "The offer has been added.")
            return redirect("organisations:detail", uuid=organisation.uuid)
    return render_form(request, "organisations/offer_form.html", {"organisation": organisation, **NAV}, form)


@login_required
@require_POST
def offer_remove(request: HttpRequest, uuid, offer_uuid) -> HttpResponse:
    organisation = organisation_get_for_user(request.user, uuid, perm=MANAGE)
    offer = offer_get(organisation, offer_uuid)
    return action_attempt(
        request,
        services.offer_remove,
        actor=request.user,
        offer=offer,
        success="The offer has been removed.",
        next_url=reverse("organisations:detail", args=[organisation.uuid]),
    )


@require_safe
def directory(request: HttpRequest) -> HttpResponse:
    """The public directory of organisations that chose to be listed."""
    return page_cached(request, site_stamp, lambda: _directory(request))


def _directory(request: HttpRequest) -> Page:
    form = DirectorySearchForm(request.GET or None)
    query, kind = "", ""
    if form.is_valid():
        query, kind = form.cleaned_data["q"].strip(), form.cleaned_data["kind"]
    page = Paginator(organisation_directory(query=query, kind=kind), 25).get_page(request.GET.get("page"))
    return (
        "organisations/directory.html",
        {"search_form": form, "page": page, "query": query, "nav": "directory"},
        200 if not form.is_bound or form.is_valid() else 400,
    )


@require_http_methods(["GET", "POST"])
def invitation_respond(request: HttpRequest, token: str | None = None, invitation_uuid=None) -> HttpResponse:
    """The page behind a colleague-invitation link (or a dashboard entry): shows the
    invitation, and accepts it on POST for the signed-in invited person."""
    invitation = invitation_open(
        request, services.member_invitation_find, token=token, invitation_uuid=invitation_uuid
    )
    if isinstance(invitation, HttpResponse):
        return invitation
    # invitation_open has sent an anonymous POST to sign in; the test tells mypy so.
    if request.method == "POST" and request.user.is_authenticated:
        try:
            services.member_invitation_accept(actor=request.user, invitation=invitation)
        except ServiceError as error:
            return invitation_problem(request, error)
        messages.success(request, f"You are now a member of {invitation.organisation}.")
        return redirect("organisations:detail", uuid=invitation.organisation.uuid)
    return render(request, "organisations/invitation_respond.html", {"invitation": invitation, **NAV})
