from collections.abc import Callable

import rules
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from consortia.core.errors import ServiceError
from consortia.core.http import AuthenticatedHttpRequest, action_attempt, form_attempt, problem, render_form
from consortia.core.invitation_views import invitation_open, invitation_problem, invite_attempt
from consortia.core.page_cache import Page, page_cached, partnership_stamp
from consortia.organisations.selectors import member_list, organisation_admin_list_for_user
from consortia.partnerships.rules import active_partners, participant_for, partners_of_user

from . import services
from .access import (
    invitation_get,
    participant_get_for_user,
    partner_get_for_user,
    partnership_get_for_user,
    representative_get,
)
from .forms import (
    AcceptForm,
    ConveneForm,
    HandOverForm,
    ParticipantInviteForm,
    PartnerInviteForm,
    PartnerRoleForm,
    PartnershipForm,
    RepresentativeForm,
)
from .models import PartnershipInvitation
from .selectors import (
    event_feed,
    event_list,
    invitation_list_pending,
    participant_list,
    partnership_list_for_user,
)

MANAGE = "partnerships.manage_partnership"
ACT_FOR_PARTNER = "partnerships.act_for_partner"
NAV = {"nav": "partnerships"}


def _home(partnership) -> str:
    return reverse("partnerships:detail", args=[partnership.uuid])


@login_required
@require_safe
def partnership_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(
        request,
        "partnerships/partnership_list.html",
        {"partnerships": partnership_list_for_user(request.user), **NAV},
    )


@login_required
@require_http_methods(["GET", "POST"])
def partnership_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    organisations = organisation_admin_list_for_user(request.user)
    if not organisations.exists():
        return render(request, "partnerships/convene_needs_organisation.html", NAV)
    form = ConveneForm(
        request.POST or None, organisations=organisations, initial={"organisation": organisations.first()}
    )
    if request.method == "POST" and form.is_valid():
        partnership = form_attempt(
            form, services.partnership_convene, actor=request.user, **form.cleaned_data
        )
        if partnership is not None:
            messages.success(request, f"{partnership} has been convened. Now invite your partners.")
            return redirect(_home(partnership))
    return render_form(
        request, "partnerships/partnership_form.html", {"title": "Convene a partnership", **NAV}, form
    )


@login_required
@require_safe
def partnership_detail(request: HttpRequest, uuid) -> HttpResponse:
    """The partnership's home page: purpose, partners and their representatives,
    individual participants and recent activity. Its query count does not grow with
    the number of partners (see the query-budget test)."""
    return page_cached(request, lambda: partnership_stamp(uuid), lambda: _detail(request, uuid))


def _detail(request: HttpRequest, uuid) -> Page:
    partnership = partnership_get_for_user(request.user, uuid)
    can_manage = rules.has_perm(MANAGE, request.user, partnership)
    my_partners = partners_of_user(request.user, partnership)
    return (
        "partnerships/partnership_detail.html",
        {
            "partnership": partnership,
            "partners": active_partners(partnership),
            "participants": participant_list(partnership),
            "events": event_feed(request.user, partnership),
            "invitations": invitation_list_pending(partnership) if can_manage else None,
            "can_manage": can_manage,
            "my_partners": [p for p in my_partners if rules.has_perm(ACT_FOR_PARTNER, request.user, p)],
            "my_participation": participant_for(request.user, partnership),
            "role_form": PartnerRoleForm(),
            **NAV,
        },
    )


@login_required
@require_safe
def activity(request: HttpRequest, uuid) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid)
    page = Paginator(event_list(request.user, partnership), 50).get_page(request.GET.get("page"))
    return render(request, "partnerships/activity.html", {"partnership": partnership, "page": page, **NAV})


@login_required
@require_http_methods(["GET", "POST"])
def partnership_edit(request: HttpRequest, uuid) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid, perm=MANAGE)
    form = PartnershipForm(
        request.POST or None,
        initial={"name": partnership.name, "purpose": partnership.purpose, "status": partnership.status},
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and (
            form_attempt(
                form,
                services.partnership_update,
                actor=request.user,
                partnership=partnership,
                **form.cleaned_data,
            )
            is not None
        )
    ):
        messages.success(request, "The partnership has been updated.")
        return redirect(_home(partnership))
    return render_form(
        request,
        "partnerships/partnership_form.html",
        {"title": f"Edit {partnership.name}", "partnership": partnership, **NAV},
        form,
    )


# Whom a partnership can invite: one entry a kind of invitation (its `kind` in the URL).
INVITE_KINDS: dict[str, tuple[type[forms.Form], Callable[..., PartnershipInvitation], str]] = {
    "organisation": (PartnerInviteForm, services.partner_invite, "Invite an organisation"),
    "individual": (ParticipantInviteForm, services.participant_invite, "Invite an individual participant"),
}


@login_required
@require_http_methods(["GET", "POST"])
def invite(request: HttpRequest, uuid, kind: str) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid, perm=MANAGE)
    form_class, service, title = INVITE_KINDS[kind]
    return invite_attempt(
        request,
        form_class(request.POST or None),
        service,
        template="partnerships/invite_form.html",
        context={"partnership": partnership, "title": title, **NAV},
        next_url=_home(partnership),
        partnership=partnership,
    )


@login_required
@require_POST
def invitation_revoke(request: HttpRequest, uuid, invitation_uuid) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid, perm=MANAGE)
    invitation = invitation_get(partnership, invitation_uuid)
    return action_attempt(
        request,
        services.invitation_revoke,
        actor=request.user,
        invitation=invitation,
        success=f"The invitation to {invitation.email} has been withdrawn.",
        next_url=_home(partnership),
    )


@login_required
@require_POST
def partner_role(request: HttpRequest, uuid, partner_uuid) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid, perm=MANAGE)
    partner = partner_get_for_user(request.user, partnership, partner_uuid)
    form = PartnerRoleForm(request.POST)
    if not form.is_valid():
        return problem(
            request,
            title="Choose a role",
            message="Choose core partner, associate or observer.",
            back_url=_home(partnership),
        )
    return action_attempt(
        request,
        services.partner_role_change,
        actor=request.user,
        partner=partner,
        role=form.cleaned_data["role"],
        success=f"The role of {partner.organisation} has changed.",
        next_url=_home(partnership),
    )


@login_required
@require_http_methods(["GET", "POST"])
def hand_over(request: HttpRequest, uuid) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid, perm=MANAGE)
    form = HandOverForm(request.POST or None, partners=active_partners(partnership))
    if request.method == "POST" and form.is_valid():
        partner = form_attempt(
            form,
            services.convening_hand_over,
            actor=request.user,
            partnership=partnership,
            to_partner=form.cleaned_data["partner"],
        )
        if partner is not None:
            messages.success(request, f"{partner.organisation} now convenes the partnership.")
            return redirect(_home(partnership))
    return render_form(request, "partnerships/hand_over.html", {"partnership": partnership, **NAV}, form)


@login_required
@require_http_methods(["GET", "POST"])
def representatives(request: HttpRequest, uuid, partner_uuid) -> HttpResponse:
    """A partner organisation's admins name who represents it in this partnership."""
    partnership = partnership_get_for_user(request.user, uuid)
    partner = partner_get_for_user(request.user, partnership, partner_uuid, perm=ACT_FOR_PARTNER)
    form = RepresentativeForm(request.POST or None, members=member_list(partner.organisation))
    if (
        request.method == "POST"
        and form.is_valid()
        and (
            form_attempt(
                form,
                services.representative_add,
                actor=request.user,
                partner=partner,
                user=form.cleaned_data["user"],
            )
            is not None
        )
    ):
        messages.success(
            request, f"{form.cleaned_data['user'].display_name} now represents {partner.organisation}."
        )
        return redirect("partnerships:representatives", uuid=partnership.uuid, partner_uuid=partner.uuid)
    return render_form(
        request,
        "partnerships/representatives.html",
        {"partnership": partnership, "partner": partner, **NAV},
        form,
    )


@login_required
@require_POST
def representative_remove(request: HttpRequest, uuid, partner_uuid, representative_uuid) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid)
    partner = partner_get_for_user(request.user, partnership, partner_uuid, perm=ACT_FOR_PARTNER)
    representative = representative_get(partner, representative_uuid)
    return action_attempt(
        request,
        services.representative_remove,
        actor=request.user,
        representative=representative,
        success=f"{representative.user.display_name} no longer represents {partner.organisation}.",
        next_url=reverse("partnerships:representatives", args=[partnership.uuid, partner.uuid]),
    )


@login_required
@require_POST
def partner_leave(request: HttpRequest, uuid, partner_uuid) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid)
    partner = partner_get_for_user(request.user, partnership, partner_uuid, perm=ACT_FOR_PARTNER)
    return action_attempt(
        request,
        services.partner_leave,
        actor=request.user,
        partner=partner,
        success=f"{partner.organisation} has left {partnership}.",
        next_url=reverse("partnerships:list"),
    )


@login_required
@require_POST
def participant_remove(request: HttpRequest, uuid, participant_uuid) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid)
    participant = participant_get_for_user(
        request.user, partnership, participant_uuid, perm="partnerships.remove_participant"
    )
    leaving = participant.user_id == request.user.pk
    return action_attempt(
        request,
        services.participant_remove,
        actor=request.user,
        participant=participant,
        success="You have left the partnership."
        if leaving
        else f"{participant.user.display_name} has been removed.",
        next_url=reverse("partnerships:list") if leaving else _home(partnership),
    )


@require_http_methods(["GET", "POST"])
def invitation_respond(request: HttpRequest, token: str | None = None, invitation_uuid=None) -> HttpResponse:
    """The page behind an invitation link (by secret token) or a dashboard entry (by
    id, for the signed-in addressee). Anyone holding the link sees what it is for;
    only the invited person, signed in, can answer; for an organisation only as one
    of its admins. POST with `decision=decline` declines."""
    invitation = invitation_open(
        request, services.invitation_find, token=token, invitation_uuid=invitation_uuid
    )
    if isinstance(invitation, HttpResponse):
        return invitation
    actor = request.user if request.user.is_authenticated else None
    organisations = organisation_admin_list_for_user(actor) if actor else None
    form = None
    if invitation.kind == "organisation" and actor is not None:
        form = AcceptForm(request.POST or None, organisations=organisations)
    # invitation_open has sent an anonymous POST to sign in; the test tells mypy so.
    if request.method == "POST" and actor is not None:
        if request.POST.get("decision") == "decline":
            try:
                services.invitation_decline(actor=actor, invitation=invitation)
            except ServiceError as error:
                return invitation_problem(request, error)
            messages.success(request, f"You have declined the invitation to {invitation.partnership}.")
            return redirect("home")
        if form is not None:
            if form.is_valid():
                partner = form_attempt(
                    form,
                    services.partner_invitation_accept,
                    actor=actor,
                    invitation=invitation,
                    organisation=form.cleaned_data["organisation"],
                )
                if partner is not None:
                    messages.success(request, f"{partner.organisation} has joined {partner.partnership}.")
                    return redirect(_home(partner.partnership))
        else:
            try:
                participant = services.participant_invitation_accept(actor=actor, invitation=invitation)
            except ServiceError as error:
                return invitation_problem(request, error)
            messages.success(request, f"You now take part in {participant.partnership}.")
            return redirect(_home(participant.partnership))
    context = {"invitation": invitation, "has_organisations": bool(organisations), **NAV}
    if form is not None:
        return render_form(request, "partnerships/invitation_respond.html", context, form)
    return render(request, "partnerships/invitation_respond.html", context)
