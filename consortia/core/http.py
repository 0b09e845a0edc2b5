"""Small helpers that keep views thin: call a service and turn its refusal into a
clear message with the right 4xx status, never a 500."""

import ipaddress
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Model
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from consortia.accounts.models import User

from .errors import ServiceError


class AuthenticatedHttpRequest(HttpRequest):
    """The request a view behind `login_required` receives: its user is signed in, so
    the view can pass `actor=request.user` to a service that takes a User. The
    pattern django-stubs documents; nothing checks it at runtime."""

    user: User


def form_attempt(form: BaseForm, service: Callable[..., Any], **kwargs: Any) -> Any:
    """Call `service`; on refusal put the message on the form (on its field when the
    service names one) and return None. The view re-renders the form."""
    try:
        return service(**kwargs)
    except ServiceError as error:
        form.add_error(error.field if error.field in form.fields else None, error.message)
        form.status_code = error.status_code  # type: ignore[attr-defined]  # read back by render_form
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            for field, errors in error.error_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            form.add_error(None, error)
        form.status_code = 400  # type: ignore[attr-defined]  # read back by render_form
    return None


def render_form(request: HttpRequest, template: str, context: dict[str, Any], form: BaseForm) -> HttpResponse:
    """Render a page holding `form`; a form with errors answers 400 (or the status a
    service refusal chose), so clients and tests can tell a refused submission."""
    status = 200
    if form.is_bound and form.errors:
        status = getattr(form, "status_code", 400)
    return render(request, template, {"form": form, **context}, status=status)


PARTNERSHIP_FORM_PAGE = "includes/partnership_form_page.html"


def partnership_form_page(
    request: HttpRequest,
    partnership: Model,
    form: BaseForm,
    *,
    section: str,
    title: str,
    back_url: str,
    submit: str = "Save",
    subject: object = None,
    subject_label: str = "",
    intro: str = "",
    template: str = PARTNERSHIP_FORM_PAGE,
    **context: Any,
) -> HttpResponse:
    """The shared way to show one form of a partnership's section (a new app calls this,
    not a private `_form_page` and its own form.html): the partnership's navigation,
    "Error: " in the title when the form has errors, a back link to `back_url`, the
    error summary, the caption "<partnership> · <section>", `title` as the heading, a
    "<subject_label>: <subject>" line when both are given, `intro` as a paragraph, and
    the form with a `submit` button and a Cancel link back. A page with more passes a
    `template` that extends includes/partnership_form_page.html and fills its
    `above_form` or `form` block, with what it needs in `context`. `partnership` is the
    Partnership (typed as a Model because core sits below partnerships in the layers).
    Answers as render_form does: 400, or a refusal's status, when the form has errors."""
    page = {
        "partnership": partnership,
        "nav": "partnerships",
        "section": section,
        "title": title,
        "back_url": back_url,
        "submit": submit,
        "subject": subject,
        "subject_label": subject_label,
        "intro": intro,
    }
    return render_form(request, template, {**page, **context}, form)


def problem(
    request: HttpRequest, *, title: str, message: str, status: int = 400, back_url: str | None = None
) -> HttpResponse:
    return render(
        request,
        "core/problem.html",
        {"title": title, "message": message, "back_url": back_url},
        status=status,
    )


def action_attempt(
    request: HttpRequest, service: Callable[..., Any], *, success: str, next_url: str, **kwargs: Any
) -> HttpResponse:
    """Run a button's service (POST without a form): on success flash `success` and
    redirect; on refusal show the reason with its status."""
    try:
        service(**kwargs)
    except ServiceError as error:
        return problem(
            request,
            title="That could not be done",
            message=error.message,
            status=error.status_code,
            back_url=next_url,
        )
    messages.success(request, success)
    return redirect(next_url)


def client_address(request: HttpRequest) -> str:
    """The address a request came from, for rate limits: the socket's peer, or behind
    TRUSTED_PROXIES reverse proxies the address the nearest of them saw (counted from
    the right of X-Forwarded-For, so a client cannot choose it by sending the header).
    IPv6 addresses are grouped by their /64 network, which one household or phone
    usually has to itself. Empty when nothing usable is known."""
    address = request.META.get("REMOTE_ADDR", "")
    proxies = getattr(settings, "TRUSTED_PROXIES", 0)
    if proxies:
        hops = [h.strip() for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if h.strip()]
        address = hops[-proxies] if len(hops) >= proxies else ""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return ""
    if ip.version == 6 and not ip.ipv4_mapped:
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip.ipv4_mapped or ip) if ip.version == 6 else str(ip)
