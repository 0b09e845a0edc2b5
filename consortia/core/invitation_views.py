"""The views' side of the one invitation flow (consortia/core/invitations.py): the
page behind an invitation link and the page that sends one, for every kind."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from .errors import ServiceError
from .http import form_attempt, problem, render_form
from .invitations import AnyInvitation


def invitation_open(
    request: HttpRequest,
    find: Callable[..., AnyInvitation],
    *,
    token: str | None,
    invitation_uuid: Any,
) -> AnyInvitation | HttpResponse:
    """For the page behind an invitation link (by `token`) or a dashboard entry (by
    `invitation_uuid`): the invitation `find` returns for the visitor, or the page to
    answer with instead. That is sign in first for a dashboard entry, the reason it
    cannot be used (404, 409, 410, 403: see Invitation.find_open), or, for an
    anonymous visitor answering (POST) a usable link, sign in first."""
    actor = request.user if request.user.is_authenticated else None
    if actor is None and invitation_uuid is not None:
        return redirect_to_login(request.get_full_path())  # a dashboard link: sign in first
    try:
        invitation = find(actor=actor, token=token, uuid=invitation_uuid)
    except ServiceError as error:
        return invitation_problem(request, error)
    if request.method == "POST" and actor is None:
        return redirect(f"{reverse('account_login')}?next={request.path}")
    return invitation


def invitation_problem(request: HttpRequest, error: ServiceError) -> HttpResponse:
    """Why an invitation cannot be used, with the status the refusal chose."""
    return problem(
        request, title="This invitation cannot be used", message=error.message, status=error.status_code
    )


def invite_attempt(
    request: HttpRequest,
    form: BaseForm,
    service: Callable[..., Any],
    *,
    template: str,
    context: dict[str, Any],
    next_url: str,
    **kwargs: Any,
) -> HttpResponse:
    """The page that sends an invitation: on a valid POST call `service` with the
    form's data and `kwargs`, then say where the invitation went and redirect to
    `next_url`; otherwise (or on refusal) show the form with its errors."""
    if request.method == "POST" and form.is_valid():
        invitation = form_attempt(form, service, actor=request.user, **kwargs, **form.cleaned_data)
        if invitation is not None:
            messages.success(request, f"An invitation has been sent to {invitation.email}.")
            return redirect(next_url)
    return render_form(request, template, context, form)
