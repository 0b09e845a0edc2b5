"""Public consultations on a poll. The convener's pages live under the poll (every
view receives the partnership's `uuid` and the `poll_uuid`); the public pages under
/consult/<token>/ (and a personal link's under /consult/link/<token>/) need no
account and show only the proposal's title and details and the partnership's name."""

from collections.abc import Callable
from typing import Any
from uuid import UUID

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from consortia.core.errors import ServiceError
from consortia.core.http import action_attempt, client_address, form_attempt, problem, render_form
from consortia.decisions.access import poll_get_for_user
from consortia.decisions.models import Poll
from consortia.partnerships.access import partnership_get_for_user

from . import services
from .forms import (
    ConsultationAnswerForm,
    ConsultationCodeForm,
    LinkAnswerForm,
    LinksCreateForm,
    PersonalDataDeleteForm,
)
from .models import Consultation
from .selectors import (
    code_get,
    consultation_for_poll,
    consultation_get_by_token,
    consultation_summary,
    link_get_by_token,
    links_summary,
    response_get,
    responses_for_convener,
)

NAV = {"nav": "partnerships"}


def _managed(request: HttpRequest, uuid: UUID, poll_uuid: UUID) -> Poll:
    partnership = partnership_get_for_user(request.user, uuid)
    return poll_get_for_user(request.user, partnership, poll_uuid, perm=services.MANAGE)


def _manage_url(poll: Poll) -> str:
    return reverse("consultations:manage", args=[poll.partnership.uuid, poll.uuid])


def _managed_consultation(request: HttpRequest, uuid: UUID, poll_uuid: UUID) -> tuple[Poll, Consultation]:
    poll = _managed(request, uuid, poll_uuid)
    consultation = consultation_for_poll(poll)
    if consultation is None:
        raise Http404("This poll has no consultation.")
    consultation.poll = poll
    return poll, consultation


# --- the convener ------------------------------------------------------------------------------


@login_required
@require_safe
def consultation_manage(request: HttpRequest, uuid: UUID, poll_uuid: UUID) -> HttpResponse:
    """The convener's page: open or close, the summary, and every response with the
    respondent's name and email (this page only)."""
    poll = _managed(request, uuid, poll_uuid)
    consultation = consultation_for_poll(poll)
    context: dict[str, Any] = {
        "partnership": poll.partnership,
        "poll": poll,
        "consultation": consultation,
        **NAV,
    }
    if consultation is not None:
        context["summary"] = consultation_summary(consultation)
        context["links"] = links_summary(consultation)
        context["responses"] = responses_for_convener(consultation)
    return render(request, "consultations/manage.html", context)


def _show_public_link(
    request: HttpRequest,
    poll: Poll,
    service: Callable[..., tuple[Consultation, str]],
    success: str,
    /,
    **kwargs: Any,
) -> HttpResponse:
    """Run a service that makes the public link (opening, or a new link) and show the
    link once, in the success message: only its hash is stored."""
    try:
        _, token = service(actor=request.user, **kwargs)
    except ServiceError as error:
        return problem(
            request,
            title="That could not be done",
            message=error.message,
            status=error.status_code,
            back_url=_manage_url(poll),
        )
    link = request.build_absolute_uri(reverse("consultations:answer", args=[token]))
    messages.success(request, f"{success} Share this link; it is shown only now: {link}")
    return redirect(_manage_url(poll))


@login_required
@require_POST
def consultation_open(request: HttpRequest, uuid: UUID, poll_uuid: UUID) -> HttpResponse:
    poll = _managed(request, uuid, poll_uuid)
    return _show_public_link(
        request, poll, services.consultation_open, "The consultation is open.", poll=poll
    )


@login_required
@require_POST
def consultation_link_renew(request: HttpRequest, uuid: UUID, poll_uuid: UUID) -> HttpResponse:
    """A new public link, shown once; the old one stops working."""
    poll, consultation = _managed_consultation(request, uuid, poll_uuid)
    return _show_public_link(
        request,
        poll,
        services.consultation_link_renew,
        "The old link no longer works.",
        consultation=consultation,
    )


def _qr(url: str) -> str:
    """A QR code of `url` as an SVG data URI, so a phone's camera opens the link."""
    return segno.make(url, error="m").svg_data_uri(scale=3)


@login_required
@require_http_methods(["GET", "POST"])
def consultation_links(request: HttpRequest, uuid: UUID, poll_uuid: UUID) -> HttpResponse:
    """Make a batch of personal single-use links. The answer to the POST is the
    printable list of the links (not a redirect: they are shown only this once, and
    never stored), which no cache may keep."""
    poll, consultation = _managed_consultation(request, uuid, poll_uuid)
    context = {
        "partnership": poll.partnership,
        "poll": poll,
        "consultation": consultation,
        "back_url": _manage_url(poll),
        **NAV,
    }
    form = LinksCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        made = form_attempt(
            form,
            services.links_create,
            actor=request.user,
            consultation=consultation,
            count=form.cleaned_data["count"],
            label=form.cleaned_data["label"],
        )
        if made is not None:
            urls = [
                request.build_absolute_uri(reverse("consultations:link", args=[token])) for _, token in made
            ]
            response = render(
                request,
                "consultations/links_printed.html",
                {
                    **context,
                    "links": [(url, _qr(url)) for url in urls],
                    "urls": urls,
                    "label": form.cleaned_data["label"].strip(),
                },
            )
            add_never_cache_headers(response)
            return response
    return render_form(request, "consultations/links.html", context, form)


@login_required
@require_POST
def consultation_close(request: HttpRequest, uuid: UUID, poll_uuid: UUID) -> HttpResponse:
    poll, consultation = _managed_consultation(request, uuid, poll_uuid)
    return action_attempt(
        request,
        services.consultation_close,
        success="The consultation is closed.",
        next_url=_manage_url(poll),
        actor=request.user,
        consultation=consultation,
    )


@login_required
@require_POST
def response_hide(request: HttpRequest, uuid: UUID, poll_uuid: UUID, response_uuid: UUID) -> HttpResponse:
    poll, consultation = _managed_consultation(request, uuid, poll_uuid)
    response = response_get(consultation, response_uuid)
    response.consultation = consultation
    hidden = request.POST.get("hidden", "1") != "0"
    return action_attempt(
        request,
        services.response_hide,
        success="The response is hidden." if hidden else "The response is shown.",
        next_url=_manage_url(poll),
        actor=request.user,
        response=response,
        hidden=hidden,
    )


@login_required
@require_POST
def personal_data_delete(request: HttpRequest, uuid: UUID, poll_uuid: UUID) -> HttpResponse:
    poll, consultation = _managed_consultation(request, uuid, poll_uuid)
    form = PersonalDataDeleteForm(request.POST)
    if not form.is_valid():
        return problem(
            request, title="That could not be done", message="Choose a response.", back_url=_manage_url(poll)
        )
    chosen = form.cleaned_data["response"]
    response = response_get(consultation, chosen) if chosen else None
    return action_attempt(
        request,
        services.personal_data_delete,
        success="The personal data is deleted.",
        next_url=_manage_url(poll),
        actor=request.user,
        consultation=consultation,
        response=response,
    )


# --- the public ----------------------------------------------------------------------------------


def _public(consultation: Consultation) -> dict[str, Any]:
    """All a public page may show: the proposal and the partnership's name."""
    poll = consultation.poll
    return {
        "consultation": consultation,
        "title": poll.title,
        "details": poll.details,
        "partnership_name": poll.partnership.name,
    }


@require_http_methods(["GET", "POST"])
def consultation_answer(request: HttpRequest, token: str) -> HttpResponse:
    consultation = consultation_get_by_token(token)
    if request.method == "POST" and not consultation.is_open:
        return problem(
            request, title="This consultation is closed", message="It takes no more answers.", status=409
        )
    form = ConsultationAnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        code = form_attempt(
            form,
            services.code_request,
            consultation=consultation,
            requester=client_address(request),
            **form.cleaned_data,
        )
        if code is not None:
            return redirect("consultations:code", token, code.uuid)
    return render_form(request, "consultations/answer.html", _public(consultation), form)


@require_http_methods(["GET", "POST"])
def consultation_code(request: HttpRequest, token: str, code_uuid: UUID) -> HttpResponse:
    consultation = consultation_get_by_token(token)
    code_row = code_get(consultation, code_uuid)
    form = ConsultationCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = form_attempt(
            form,
            services.code_verify,
            consultation=consultation,
            code_row=code_row,
            code=form.cleaned_data["code"],
        )
        if done is not None:
            messages.success(request, "Thank you: your answer is recorded.")
            return redirect("consultations:answer", token)
    return render_form(request, "consultations/code.html", _public(consultation), form)


@require_http_methods(["GET", "POST"])
def consultation_link(request: HttpRequest, token: str) -> HttpResponse:
    """A personal link: answer once, without an email. Once used it says so."""
    link = link_get_by_token(token)
    consultation = link.consultation
    if request.method == "POST" and link.used_at is not None:
        return problem(
            request,
            title="This link has already been used",
            message="Each personal link takes one answer, and this one has been given.",
            status=409,
        )
    if request.method == "POST" and not consultation.is_open:
        return problem(
            request, title="This consultation is closed", message="It takes no more answers.", status=409
        )
    form = LinkAnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = form_attempt(form, services.link_answer, link=link, **form.cleaned_data)
        if done is not None:
            messages.success(request, "Thank you: your answer is recorded.")
            return redirect("consultations:link", token)
    context = {**_public(consultation), "link": link}
    return render_form(request, "consultations/link.html", context, form)
