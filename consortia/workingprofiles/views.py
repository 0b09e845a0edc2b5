"""The "how we work" pages: a partnership's partners side by side, one organisation's
profile, its edit form and the "still right" button."""

from uuid import UUID

import rules
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from consortia.core.http import AuthenticatedHttpRequest, action_attempt, form_attempt, render_form
from consortia.organisations.rules import memberships_by_org
from consortia.partnerships.access import partnership_get_for_user

from .access import organisation_get_for_profile
from .forms import ProfileForm
from .selectors import partner_profiles, profile_of
from .services import profile_review, profile_save

EDIT = "workingprofiles.edit_profile_of_organisation"


@login_required
@require_safe
def partners_page(request: AuthenticatedHttpRequest, uuid: UUID) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid)
    admin_of = {org for org, role in memberships_by_org(request.user).items() if role == "admin"}
    return render(
        request,
        "workingprofiles/partners.html",
        {
            "partnership": partnership,
            "rows": partner_profiles(partnership),
            "admin_of": admin_of,
            "nav": "partnerships",
        },
    )


@require_safe
def profile_page(request: HttpRequest, uuid: UUID) -> HttpResponse:
    organisation = organisation_get_for_profile(request.user, uuid)
    return render(
        request,
        "workingprofiles/detail.html",
        {
            "organisation": organisation,
            "profile": profile_of(organisation),
            "can_edit": rules.has_perm(EDIT, request.user, organisation),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def profile_edit(request: AuthenticatedHttpRequest, uuid: UUID) -> HttpResponse:
    organisation = organisation_get_for_profile(request.user, uuid, perm=EDIT)
    profile = profile_of(organisation)
    form = ProfileForm(request.POST or None, initial=ProfileForm.initial_from(profile))
    if (
        request.method == "POST"
        and form.is_valid()
        and form_attempt(
            form, profile_save, actor=request.user, organisation=organisation, **form.cleaned_data
        )
    ):
        return redirect("workingprofiles:detail", organisation.uuid)
    return render_form(
        request, "workingprofiles/edit.html", {"organisation": organisation, "profile": profile}, form
    )


@login_required
@require_POST
def profile_reviewed(request: AuthenticatedHttpRequest, uuid: UUID) -> HttpResponse:
    organisation = organisation_get_for_profile(request.user, uuid, perm=EDIT)
    return action_attempt(
        request,
        profile_review,
        success="Marked as reviewed: your partners can see it is up to date.",
        next_url=reverse("workingprofiles:detail", args=[organisation.uuid]),
        actor=request.user,
        organisation=organisation,
    )
