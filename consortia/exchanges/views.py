"""The exchanges pages: a partnership's exchanges, proposing one, an exchange's page
(both sides' agreement, safeguarding, the people on it, reflections), agreeing,
confirming the DBS check, naming people, completing, cancelling and reflecting.
Every view receives `uuid`, the partnership's."""

from uuid import UUID

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from consortia.core.errors import ServiceError
from consortia.core.http import (
    AuthenticatedHttpRequest,
    action_attempt,
    form_attempt,
    partnership_form_page,
    problem,
)
from consortia.partnerships.access import partnership_get_for_user
from consortia.partnerships.rules import active_partners, is_partner_admin

from . import services
from .access import exchange_get_for_user
from .forms import ExchangeForm, ParticipantForm, ReflectionForm
from .models import Exchange
from .selectors import exchange_list, exchange_people, exchange_reflections, people_to_name

ADD, CHANGE = "exchanges.add_exchange_in_partnership", "exchanges.change_exchange"
DBS, REFLECT = "exchanges.confirm_dbs_exchange", "exchanges.reflect_exchange"
LESSON = "learning.record_lesson_in_partnership"  # the learning log's own rule (learning/rules.py)
NAV = {"nav": "partnerships"}


def _url(exchange: Exchange) -> str:
    return reverse("exchanges:detail", args=[exchange.partnership.uuid, exchange.uuid])


@login_required
@require_safe
def exchange_list_page(request: AuthenticatedHttpRequest, uuid: UUID) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid)
    return render(
        request,
        "exchanges/list.html",
        {
            "partnership": partnership,
            "exchanges": exchange_list(partnership),
            "can_add": partnership.status != "closed" and rules.has_perm(ADD, request.user, partnership),
            **NAV,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def exchange_create(request: AuthenticatedHttpRequest, uuid: UUID) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid, perm=ADD)
    partners = sorted(active_partners(partnership), key=lambda p: p.organisation.name)
    form = ExchangeForm(request.POST if request.method == "POST" else None, partners=partners)
    if request.method == "POST" and form.is_valid():
        exchange = form_attempt(
            form,
            services.exchange_propose,
            actor=request.user,
            partnership=partnership,
            **form.service_kwargs(),
        )
        if exchange is not None:
            messages.success(request, "The exchange is proposed: the other organisation's admins are told.")
            return redirect(_url(exchange))
    back = reverse("exchanges:list", args=[partnership.uuid])
    return partnership_form_page(
        request,
        partnership,
        form,
        section="Exchanges",
        title="Propose an exchange",
        back_url=back,
        submit="Propose it",
    )


@login_required
@require_safe
def exchange_detail(request: AuthenticatedHttpRequest, uuid: UUID, exchange_uuid: UUID) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid)
    exchange = exchange_get_for_user(request.user, partnership, exchange_uuid)
    user = request.user
    is_open = partnership.status != "closed" and exchange.is_open
    reflections = exchange_reflections(exchange)
    return render(
        request,
        "exchanges/detail.html",
        {
            "partnership": partnership,
            "exchange": exchange,
            "people": exchange_people(exchange),
            "reflections": reflections,
            "agree_for": [
                (side, exchange.side_partner(side))
                for side in services.SIDES
                if is_open
                and getattr(exchange, f"{side}_agreed_at") is None
                and is_partner_admin(user, exchange.side_partner(side))
            ],
            "can_change": is_open and rules.has_perm(CHANGE, user, exchange),
            "can_confirm_dbs": is_open
            and exchange.dbs_confirmed_at is None
            and rules.has_perm(DBS, user, exchange),
            "can_reflect": exchange.status == "completed"
            and rules.has_perm(REFLECT, user, exchange)
            and not any(r.author_id == user.pk for r in reflections),
            "can_record_lesson": exchange.status == "completed"
            and partnership.status != "closed"
            and rules.has_perm(LESSON, user, partnership),
            **NAV,
        },
    )


def _action(request: AuthenticatedHttpRequest, uuid: UUID, exchange_uuid: UUID, perm: str) -> Exchange:
    partnership = partnership_get_for_user(request.user, uuid)
    return exchange_get_for_user(request.user, partnership, exchange_uuid, perm=perm)


@login_required
@require_POST
def exchange_agree(request: AuthenticatedHttpRequest, uuid: UUID, exchange_uuid: UUID) -> HttpResponse:
    exchange = _action(request, uuid, exchange_uuid, CHANGE)
    side = request.POST.get("side", "")
    return action_attempt(
        request, services.exchange_agree, success="Your agreement is recorded.", next_url=_url(exchange),
        actor=request.user, exchange=exchange, side=side,
    )  # fmt: skip


@login_required
@require_POST
def exchange_dbs_confirm(request: AuthenticatedHttpRequest, uuid: UUID, exchange_uuid: UUID) -> HttpResponse:
    exchange = _action(request, uuid, exchange_uuid, CHANGE)
    return action_attempt(
        request, services.exchange_dbs_confirm, success="The DBS check is confirmed.", next_url=_url(exchange),
        actor=request.user, exchange=exchange,
    )  # fmt: skip


@login_required
@require_POST
def exchange_complete(request: AuthenticatedHttpRequest, uuid: UUID, exchange_uuid: UUID) -> HttpResponse:
    exchange = _action(request, uuid, exchange_uuid, CHANGE)
    return action_attempt(
        request, services.exchange_complete, success="The exchange is completed.", next_url=_url(exchange),
        actor=request.user, exchange=exchange,
    )  # fmt: skip


@login_required
@require_POST
def exchange_cancel(request: AuthenticatedHttpRequest, uuid: UUID, exchange_uuid: UUID) -> HttpResponse:
    exchange = _action(request, uuid, exchange_uuid, CHANGE)
    return action_attempt(
        request, services.exchange_cancel, success="The exchange is cancelled.", next_url=_url(exchange),
        actor=request.user, exchange=exchange,
    )  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def participant_add(request: AuthenticatedHttpRequest, uuid: UUID, exchange_uuid: UUID) -> HttpResponse:
    exchange = _action(request, uuid, exchange_uuid, CHANGE)
    form = ParticipantForm(
        request.POST if request.method == "POST" else None, people=people_to_name(exchange, request.user)
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and form_attempt(
            form, services.participant_add, actor=request.user, exchange=exchange, user=form.chosen()
        )
    ):
        messages.success(request, "The person is named on the exchange.")
        return redirect(_url(exchange))
    return partnership_form_page(
        request,
        exchange.partnership,
        form,
        section="Exchanges",
        subject_label="Exchange",
        title="Name a person on the exchange",
        back_url=_url(exchange),
        submit="Name them",
        subject=exchange,
    )


@login_required
@require_http_methods(["GET", "POST"])
def reflection_write(request: AuthenticatedHttpRequest, uuid: UUID, exchange_uuid: UUID) -> HttpResponse:
    exchange = _action(request, uuid, exchange_uuid, REFLECT)
    form = ReflectionForm(request.POST if request.method == "POST" else None)
    if (
        request.method == "POST"
        and form.is_valid()
        and form_attempt(
            form, services.reflection_write, actor=request.user, exchange=exchange, **form.cleaned_data
        )
    ):
        messages.success(request, "Thank you: your reflection is shared with the partnership.")
        return redirect(_url(exchange))
    return partnership_form_page(
        request,
        exchange.partnership,
        form,
        section="Exchanges",
        subject_label="Exchange",
        title="Reflect on the exchange",
        back_url=_url(exchange),
        submit="Share my reflection",
        subject=exchange,
    )


@login_required
@require_POST
def reflection_to_library(
    request: AuthenticatedHttpRequest, uuid: UUID, exchange_uuid: UUID, reflection_uuid: UUID
) -> HttpResponse:
    """The author of a reflection adds it to the practice library, then edits it there;
    anyone else gets a 404."""
    partnership = partnership_get_for_user(request.user, uuid)
    exchange = exchange_get_for_user(request.user, partnership, exchange_uuid)
    reflection = get_object_or_404(exchange.reflections, uuid=reflection_uuid, author=request.user)
    reflection.exchange = exchange
    try:
        entry = services.reflection_to_library(actor=request.user, reflection=reflection)
    except ServiceError as error:
        return problem(
            request,
            title="That could not be done",
            message=error.message,
            status=error.status_code,
            back_url=_url(exchange),
        )
    messages.success(
        request,
        "Your reflection is in the practice library, for this partnership only: edit it or publish it here.",
    )
    return redirect("library:detail", partnership.uuid, entry.uuid)
