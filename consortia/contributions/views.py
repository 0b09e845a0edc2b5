"""The contributions ledger's pages: the ledger (newest first, filtered by partner and
category, money and in-kind totals apart), recording an entry, an entry's page with
its reversal form, the rate card, pledged versus delivered (with overdue pledges),
and the ledger as CSV. Every view receives `uuid`, the partnership's.

Entries are never changed or deleted: an entry's page answers any other method than
GET with 405 and says to reverse it instead."""

from typing import Any
from uuid import UUID

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from consortia.canvas.exports import csv_response
from consortia.canvas.models import Pledge
from consortia.core.http import AuthenticatedHttpRequest, form_attempt, problem, render_form
from consortia.partnerships.access import partnership_get_for_user
from consortia.partnerships.models import Partner, Partnership
from consortia.partnerships.rules import active_partners

from . import services
from .access import entry_get_for_user
from .forms import EntryForm, FilterForm, RateForm, ReverseForm
from .models import APPEND_ONLY, Entry
from .selectors import entry_list, kind_totals, overdue_pledges, pledged_vs_delivered, rate_card

VIEW = "contributions.view_ledger_of_partnership"
RECORD = "contributions.record_entry_in_partnership"
RECORD_FOR = "contributions.record_entry_for_partner"
REVERSE = "contributions.reverse_entry"
SET_RATE = "contributions.set_rate_in_partnership"
NAV = {"nav": "partnerships"}
PER_PAGE = 50


def _ledger_url(partnership: Partnership) -> str:
    return reverse("contributions:ledger", args=[partnership.uuid])


def _entry_url(entry: Entry) -> str:
    return reverse("contributions:entry", args=[entry.partnership.uuid, entry.uuid])


def _open(partnership: Partnership) -> bool:
    return partnership.status != "closed"


def _partners_by_name(partnership: Partnership) -> list[Partner]:
    return sorted(active_partners(partnership), key=lambda p: p.organisation.name.lower())


@login_required
@require_safe
def ledger_page(request: AuthenticatedHttpRequest, uuid: UUID) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid, perm=VIEW)
    partners = _partners_by_name(partnership)
    filters = FilterForm(request.GET, partners=partners)
    chosen = filters.cleaned_data if filters.is_valid() else {}
    partner = next((p for p in partners if str(p.uuid) == chosen.get("partner")), None)
    category = chosen.get("category") or ""
    entries = entry_list(partnership, partner=partner, category=category)
    page = Paginator(entries, PER_PAGE).get_page(request.GET.get("page"))
    params = urlencode({k: v for k, v in (("partner", chosen.get("partner")), ("category", category)) if v})
    return render(
        request,
        "contributions/ledger.html",
        {
            "partnership": partnership,
            "filters": filters,
            "filtered": bool(partner or category),
            "page": page,
            "params": params,
            "totals": kind_totals(entries),
            "can_record": _open(partnership) and rules.has_perm(RECORD, request.user, partnership),
            **NAV,
        },
    )


def _recordable(request: AuthenticatedHttpRequest, partnership: Partnership) -> list[Partner]:
    return [p for p in _partners_by_name(partnership) if rules.has_perm(RECORD_FOR, request.user, p)]


@login_required
@require_http_methods(["GET", "POST"])
def entry_create(request: AuthenticatedHttpRequest, uuid: UUID) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid, perm=RECORD)
    partners = _recordable(request, partnership)
    pledges = list(
        Pledge.objects.filter(partnership=partnership, partner__in=partners).order_by(
            "partner_id", "created_at"
        )
    )
    initial: dict[str, Any] = {
        "partner": request.GET.get("partner", "") or (str(partners[0].uuid) if len(partners) == 1 else "")
    }
    form = EntryForm(request.POST or None, partners=partners, pledges=pledges, initial=initial)
    if request.method == "POST" and form.is_valid():
        entry = form_attempt(
            form, services.entry_record, actor=request.user, partnership=partnership, **form.service_kwargs()
        )
        if entry is not None:
            messages.success(request, f"The contribution is recorded, valued at £{entry.value_gbp:,}.")
            return redirect(_entry_url(entry))
    return render_form(
        request,
        "contributions/form.html",
        {
            "partnership": partnership,
            "title": "Record a contribution",
            "intro": "Record what a partner has given the partnership: money, time, premises, equipment, "
            "places or know-how. Its value in £ comes from the rate card.",
            "back_url": _ledger_url(partnership),
            "submit": "Record the contribution",
            **NAV,
        },
        form,
    )


def _entry_page(
    request: AuthenticatedHttpRequest, partnership: Partnership, entry: Entry, form: ReverseForm | None = None
) -> HttpResponse:
    can_reverse = (
        _open(partnership)
        and not entry.is_reversal
        and not hasattr(entry, "reversed_by")
        and rules.has_perm(REVERSE, request.user, entry)
    )
    return render_form(
        request,
        "contributions/entry.html",
        {"partnership": partnership, "entry": entry, "can_reverse": can_reverse, **NAV},
        form or ReverseForm(),
    )


@login_required
def entry_detail(request: AuthenticatedHttpRequest, uuid: UUID, entry_uuid: UUID) -> HttpResponse:
    if request.method not in ("GET", "HEAD"):
        response = problem(request, title="Entries are never changed", message=APPEND_ONLY, status=405)
        response["Allow"] = "GET, HEAD"
        return response
    partnership = partnership_get_for_user(request.user, uuid, perm=VIEW)
    entry = entry_get_for_user(request.user, partnership, entry_uuid)
    return _entry_page(request, partnership, entry)


@login_required
@require_POST
def entry_reverse(request: AuthenticatedHttpRequest, uuid: UUID, entry_uuid: UUID) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid, perm=VIEW)
    entry = entry_get_for_user(request.user, partnership, entry_uuid, perm=REVERSE)
    form = ReverseForm(request.POST)
    if form.is_valid():
        reversal = form_attempt(
            form, services.entry_reverse, actor=request.user, entry=entry, **form.cleaned_data
        )
        if reversal is not None:
            messages.success(request, "The entry is reversed: the correction is in the ledger.")
            return redirect(_entry_url(reversal))
    return _entry_page(request, partnership, entry, form)


@login_required
@require_safe
def rates_page(request: AuthenticatedHttpRequest, uuid: UUID) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid, perm=VIEW)
    return render(
        request,
        "contributions/rates.html",
        {
            "partnership": partnership,
            "rates": rate_card(partnership),
            "today": timezone.localdate(),
            "can_set": _open(partnership) and rules.has_perm(SET_RATE, request.user, partnership),
            **NAV,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def rate_create(request: AuthenticatedHttpRequest, uuid: UUID) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid, perm=SET_RATE)
    form = RateForm(request.POST or None)
    back = reverse("contributions:rates", args=[partnership.uuid])
    if request.method == "POST" and form.is_valid():
        rate = form_attempt(
            form, services.rate_set, actor=request.user, partnership=partnership, **form.cleaned_data
        )
        if rate is not None:
            messages.success(request, f"The rate is set: {rate}, from {rate.valid_from:%-d %B %Y}.")
            return redirect(back)
    return render_form(
        request,
        "contributions/form.html",
        {
            "partnership": partnership,
            "title": "Set a rate",
            "intro": "What one unit of a kind of contribution is worth to the partnership. A rate is never "
            "changed: a new rate applies from its date, and entries already recorded keep theirs.",
            "back_url": back,
            "submit": "Set the rate",
            **NAV,
        },
        form,
    )


@login_required
@require_safe
def delivery_page(request: AuthenticatedHttpRequest, uuid: UUID) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid, perm=VIEW)
    return render(
        request,
        "contributions/delivery.html",
        {
            "partnership": partnership,
            "partners": pledged_vs_delivered(partnership),
            "overdue": overdue_pledges(partnership),
            **NAV,
        },
    )


@login_required
@require_safe
def ledger_csv(request: AuthenticatedHttpRequest, uuid: UUID) -> HttpResponse:
    """The whole ledger, one row per entry, oldest first (an accountant's order)."""
    partnership = partnership_get_for_user(request.user, uuid, perm=VIEW)
    entries = entry_list(partnership).order_by("on", "id")
    header = [
        "Entry", "Date", "Partner", "Category", "Unit", "Quantity", "Kind", "Rate (£)", "Value (£)",
        "Pledge", "Note", "Reverses entry", "Reason",
    ]  # fmt: skip
    rows = [
        [
            str(e.uuid),
            e.on,
            e.partner.organisation.name,
            e.get_category_display(),
            e.get_unit_display(),
            e.quantity,
            e.get_kind_display(),
            e.rate_gbp,
            e.value_gbp,
            e.pledge.description if e.pledge else "",
            e.note,
            str(e.reverses.uuid) if e.reverses else "",
            e.reason,
        ]
        for e in entries.iterator(chunk_size=2000)
    ]
    filename = f"{partnership.uuid}-contributions-ledger.csv"
    return csv_response(filename, header, rows)
