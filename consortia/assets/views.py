"""The shared-asset pages: a partnership's assets with the week of all their
bookings, listing an asset, an asset's page with its week, changing it, booking it,
a booking's page, approving, declining and cancelling it. Every view receives the
partnership's `uuid`. A week is chosen by ?week=YYYY-MM-DD (any day of it)."""

import datetime
from typing import Any
from uuid import UUID

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from consortia.core.http import (
    AuthenticatedHttpRequest,
    action_attempt,
    form_attempt,
    partnership_form_page,
)
from consortia.partnerships.access import partnership_get_for_user
from consortia.partnerships.models import Partnership
from consortia.partnerships.rules import active_partners, partners_of_user, speaks_for

from . import services
from .access import asset_get_for_user, booking_get_for_user
from .forms import AssetEditForm, AssetForm, BookingForm, DeclineForm
from .models import Asset, Booking
from .selectors import asset_list, bookings_to_decide, my_bookings, week_bookings
from .weeks import week_days, week_from_query

ADD = "assets.add_asset_in_partnership"
CHANGE = "assets.change_asset"
BOOK = "assets.book_asset"
DECIDE = "assets.decide_booking"
CANCEL = "assets.cancel_booking"
NAV = {"nav": "partnerships"}


def _list_url(partnership: Partnership) -> str:
    return reverse("assets:list", args=[partnership.uuid])


def _asset_url(asset: Asset) -> str:
    return reverse("assets:detail", args=[asset.partnership.uuid, asset.uuid])


def _booking_url(booking: Booking) -> str:
    return reverse("assets:booking", args=[booking.partnership.uuid, booking.uuid])


def _open(partnership: Partnership) -> bool:
    return partnership.status != "closed"


def _week(request: AuthenticatedHttpRequest) -> dict[str, Any]:
    monday = week_from_query(request.GET.get("week", ""), timezone.localdate())
    return {
        "monday": monday,
        "sunday": monday + datetime.timedelta(days=6),
        "previous_week": (monday - datetime.timedelta(days=7)).isoformat(),
        "next_week": (monday + datetime.timedelta(days=7)).isoformat(),
    }


@login_required
@require_safe
def asset_list_page(request: AuthenticatedHttpRequest, uuid: UUID) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid)
    week = _week(request)
    bookings = week_bookings(partnership, week["monday"])
    return render(
        request,
        "assets/list.html",
        {
            "partnership": partnership,
            "assets": asset_list(partnership),
            "days": week_days(week["monday"], bookings),
            "bookings": bookings,
            "to_decide": bookings_to_decide(request.user, partnership),
            "mine": my_bookings(request.user, partnership),
            "can_add": _open(partnership) and rules.has_perm(ADD, request.user, partnership),
            **week,
            **NAV,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def asset_create(request: AuthenticatedHttpRequest, uuid: UUID) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid, perm=ADD)
    owners = [p for p in active_partners(partnership) if p.role != "observer" and speaks_for(request.user, p)]
    initial = {"open_days": ["0", "1", "2", "3", "4"], "opens_at": "09:00", "closes_at": "17:00"}
    initial |= {"kind": "room", "approval_required": "yes"}
    form = AssetForm(request.POST or None, owners=owners, initial=initial)
    if request.method == "POST" and form.is_valid():
        asset = form_attempt(
            form, services.asset_create, actor=request.user, partnership=partnership, **form.service_kwargs()
        )
        if asset is not None:
            messages.success(request, f"{asset.name} is listed for booking.")
            return redirect(_asset_url(asset))
    return partnership_form_page(
        request,
        partnership,
        form,
        section="Shared assets",
        title="List an asset to share",
        back_url=_list_url(partnership),
        submit="List the asset",
    )


@login_required
@require_safe
def asset_detail(request: AuthenticatedHttpRequest, uuid: UUID, asset_uuid: UUID) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid)
    asset = asset_get_for_user(request.user, partnership, asset_uuid, perm="assets.view_asset")
    week = _week(request)
    bookings = week_bookings(partnership, week["monday"], asset=asset)
    return render(
        request,
        "assets/detail.html",
        {
            "partnership": partnership,
            "asset": asset,
            "days": week_days(week["monday"], bookings),
            "bookings": bookings,
            "can_change": _open(partnership) and rules.has_perm(CHANGE, request.user, asset),
            "can_book": _open(partnership) and rules.has_perm(BOOK, request.user, asset),
            **week,
            **NAV,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def asset_edit(request: AuthenticatedHttpRequest, uuid: UUID, asset_uuid: UUID) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid)
    asset = asset_get_for_user(request.user, partnership, asset_uuid, perm=CHANGE)
    form = AssetEditForm(request.POST or None, owners=[asset.owner], initial=AssetForm.initial_for(asset))
    if request.method == "POST" and form.is_valid():
        done = form_attempt(
            form, services.asset_update, actor=request.user, asset=asset, **form.service_kwargs()
        )
        if done is not None:
            messages.success(request, f"{asset.name} is updated.")
            return redirect(_asset_url(asset))
    return partnership_form_page(
        request,
        partnership,
        form,
        section="Shared assets",
        title="Change the asset",
        back_url=_asset_url(asset),
        submit="Save the asset",
    )


@login_required
@require_http_methods(["GET", "POST"])
def booking_create(request: AuthenticatedHttpRequest, uuid: UUID, asset_uuid: UUID) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid)
    asset = asset_get_for_user(request.user, partnership, asset_uuid, perm=BOOK)
    partners = [p for p in partners_of_user(request.user, partnership) if p.role != "observer"]
    form = BookingForm(request.POST or None, partners=partners)
    if request.method == "POST" and form.is_valid():
        booking = form_attempt(
            form, services.booking_create, actor=request.user, asset=asset, **form.service_kwargs()
        )
        if booking is not None:
            messages.success(
                request,
                "The booking is approved."
                if booking.status == Booking.Status.APPROVED
                else "The booking is asked for: the owner approves it.",
            )
            return redirect(_booking_url(booking))
    return partnership_form_page(
        request,
        partnership,
        form,
        section="Shared assets",
        title=f"Book {asset.name}",
        template="assets/booking_form.html",
        asset=asset,
        back_url=_asset_url(asset),
        submit="Book",
    )


@login_required
@require_safe
def booking_detail(request: AuthenticatedHttpRequest, uuid: UUID, booking_uuid: UUID) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid)
    booking = booking_get_for_user(request.user, partnership, booking_uuid, perm="assets.view_booking")
    live = _open(partnership)
    pending = booking.status == Booking.Status.PENDING
    cancellable = booking.status in (Booking.Status.PENDING, Booking.Status.APPROVED)
    return render(
        request,
        "assets/booking.html",
        {
            "partnership": partnership,
            "booking": booking,
            "asset": booking.asset,
            "can_decide": live and pending and rules.has_perm(DECIDE, request.user, booking),
            "can_cancel": live
            and cancellable
            and booking.end > timezone.now()
            and rules.has_perm(CANCEL, request.user, booking),
            **NAV,
        },
    )


@login_required
@require_POST
def booking_approve(request: AuthenticatedHttpRequest, uuid: UUID, booking_uuid: UUID) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid)
    booking = booking_get_for_user(request.user, partnership, booking_uuid, perm=DECIDE)
    return action_attempt(
        request,
        services.booking_approve,
        success="The booking is approved.",
        next_url=_booking_url(booking),
        actor=request.user,
        booking=booking,
    )


@login_required
@require_http_methods(["GET", "POST"])
def booking_decline(request: AuthenticatedHttpRequest, uuid: UUID, booking_uuid: UUID) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid)
    booking = booking_get_for_user(request.user, partnership, booking_uuid, perm=DECIDE)
    form = DeclineForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = form_attempt(
            form, services.booking_decline, actor=request.user, booking=booking, **form.cleaned_data
        )
        if done is not None:
            messages.success(request, "The booking is declined.")
            return redirect(_booking_url(booking))
    return partnership_form_page(
        request,
        partnership,
        form,
        section="Shared assets",
        title="Decline the booking",
        back_url=_booking_url(booking),
        submit="Decline the booking",
    )


@login_required
@require_POST
def booking_cancel(request: AuthenticatedHttpRequest, uuid: UUID, booking_uuid: UUID) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid)
    booking = booking_get_for_user(request.user, partnership, booking_uuid, perm=CANCEL)
    return action_attempt(
        request,
        services.booking_cancel,
        success="The booking is cancelled.",
        next_url=_booking_url(booking),
        actor=request.user,
        booking=booking,
    )
