"""The pooled fund's pages: the overview (balance, income, spending, budget versus
actual, requests waiting), setting it up, budget lines, income, transactions and the
accountant's exports, spending requests and a request's page with its buttons, and the
receipt's download. Partnership pages receive `uuid`, the partnership's."""

from typing import Any
from uuid import UUID

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from consortia.canvas.selectors import outcome_list
from consortia.core.errors import ServiceError
from consortia.core.http import (
    AuthenticatedHttpRequest,
    action_attempt,
    form_attempt,
    partnership_form_page,
)
from consortia.partnerships.access import partnership_get_for_user
from consortia.partnerships.credit import CONTRIBUTING_ROLES
from consortia.partnerships.models import Partnership
from consortia.partnerships.rules import active_partners, partners_of_user, speaks_for

from . import exports, services
from .access import fund_get_for_user, fund_or_none_for_user, request_get_for_user
from .forms import ApproveForm, BudgetLineForm, IncomeForm, ReceiptForm, RejectForm, RequestForm, SetUpForm
from .models import SpendingRequest
from .selectors import approval_rules, export_rows, fund_get, fund_summary, request_list, transaction_list

NAV = {"nav": "partnerships"}


def _overview_url(partnership: Partnership) -> str:
    return reverse("fund:overview", args=[partnership.uuid])


def _request_url(request: SpendingRequest) -> str:
    return reverse("fund:request", args=[request.fund.partnership.uuid, request.uuid])


def _posted(request: AuthenticatedHttpRequest) -> tuple[Any, Any]:
    """The form's data and files when the request is a POST (even an empty one), else None."""
    if request.method == "POST":
        return request.POST, request.FILES
    return None, None


@login_required
@require_safe
def fund_overview(request: AuthenticatedHttpRequest, uuid: UUID) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid)
    fund = fund_or_none_for_user(request.user, partnership)
    if fund is None:  # not set up yet: the page says so, and offers it to the convener's admins
        can_set_up = rules.has_perm(services.SET_UP, request.user, partnership)
        return render(
            request, "fund/none.html", {"partnership": partnership, "can_set_up": can_set_up, **NAV}
        )
    user = request.user
    return render(
        request,
        "fund/overview.html",
        {
            "partnership": partnership,
            "fund": fund,
            "summary": fund_summary(fund),
            "waiting": list(request_list(fund, status=SpendingRequest.Status.SUBMITTED)),
            "rules": approval_rules(fund),
            "can_manage": rules.has_perm(services.MANAGE, user, fund),
            "can_host": rules.has_perm(services.HOST, user, fund),
            "can_request": rules.has_perm(services.REQUEST, user, fund),
            "can_export": rules.has_perm("fund.export_fund", user, fund),
            "can_set_up": rules.has_perm(services.SET_UP, user, partnership),
            **NAV,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def fund_set_up(request: AuthenticatedHttpRequest, uuid: UUID) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid, perm=services.SET_UP)
    fund = fund_get(partnership)
    partners = [p for p in active_partners(partnership) if p.role != "observer"]
    initial = {"host": str(fund.host.uuid)} if fund else {}
    form = SetUpForm(_posted(request)[0], partners=partners, initial=initial)
    if request.method == "POST" and form.is_valid():
        done = form_attempt(
            form, services.fund_set_up, actor=request.user, partnership=partnership, host=form.chosen("host")
        )
        if done is not None:
            messages.success(request, "The pooled fund is set up.")
            return redirect(_overview_url(partnership))
    return partnership_form_page(
        request,
        partnership,
        form,
        section="Pooled fund",
        title="Choose the fiscal host" if fund else "Set up the pooled fund",
        intro="The fiscal host is the partner that holds the partnership's money. Only its admins "
        "record income and mark spending as paid.",
        back_url=_overview_url(partnership),
        submit="Save",
    )


@login_required
@require_safe
def budget_lines(request: AuthenticatedHttpRequest, uuid: UUID) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid)
    fund = fund_get_for_user(request.user, partnership)
    return render(
        request,
        "fund/budget.html",
        {
            "partnership": partnership,
            "fund": fund,
            "summary": fund_summary(fund),
            "can_manage": rules.has_perm(services.MANAGE, request.user, fund),
            **NAV,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def budget_line_create(request: AuthenticatedHttpRequest, uuid: UUID) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid)
    fund = fund_get_for_user(request.user, partnership, perm=services.MANAGE)
    form = BudgetLineForm(_posted(request)[0], outcomes=outcome_list(partnership))
    if request.method == "POST" and form.is_valid():
        done = form_attempt(
            form, services.budget_line_create, actor=request.user, fund=fund, **form.service_kwargs()
        )
        if done is not None:
            messages.success(request, "The budget line is added.")
            return redirect(reverse("fund:budget", args=[partnership.uuid]))
    back = reverse("fund:budget", args=[partnership.uuid])
    return partnership_form_page(
        request,
        partnership,
        form,
        section="Pooled fund",
        title="Add a budget line",
        back_url=back,
        submit="Add",
    )


@login_required
@require_http_methods(["GET", "POST"])
def income_record(request: AuthenticatedHttpRequest, uuid: UUID) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid)
    fund = fund_get_for_user(request.user, partnership, perm=services.HOST)
    form = IncomeForm(_posted(request)[0], partners=active_partners(partnership))
    if request.method == "POST" and form.is_valid():
        done = form_attempt(
            form, services.income_record, actor=request.user, fund=fund, **form.service_kwargs()
        )
        if done is not None:
            messages.success(request, "The money received is recorded.")
            return redirect(reverse("fund:transactions", args=[partnership.uuid]))
    return partnership_form_page(
        request,
        partnership,
        form,
        section="Pooled fund",
        title="Record money received",
        back_url=_overview_url(partnership),
        submit="Record",
    )


@login_required
@require_safe
def transaction_list_page(request: AuthenticatedHttpRequest, uuid: UUID) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid)
    fund = fund_get_for_user(request.user, partnership)
    return render(
        request,
        "fund/transactions.html",
        {
            "partnership": partnership,
            "fund": fund,
            "transactions": list(transaction_list(fund)),
            "can_export": rules.has_perm("fund.export_fund", request.user, fund),
            **NAV,
        },
    )


def _export_name(partnership: Partnership, extension: str) -> str:
    return f"fund-{partnership.uuid}-{timezone.localdate().isoformat()}.{extension}"


@login_required
@require_safe
def export_csv(request: AuthenticatedHttpRequest, uuid: UUID) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid)
    fund = fund_get_for_user(request.user, partnership, perm="fund.export_fund")
    response = HttpResponse(exports.export_csv(export_rows(fund)), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_export_name(partnership, "csv")}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_safe
def export_xlsx(request: AuthenticatedHttpRequest, uuid: UUID) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid)
    fund = fund_get_for_user(request.user, partnership, perm="fund.export_fund")
    response = HttpResponse(
        exports.export_xlsx(export_rows(fund), f"Pooled fund of {partnership.name}"),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{_export_name(partnership, "xlsx")}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_safe
def request_list_page(request: AuthenticatedHttpRequest, uuid: UUID) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid)
    fund = fund_get_for_user(request.user, partnership)
    status = request.GET.get("status", "")
    if status not in SpendingRequest.Status.values:
        status = ""
    return render(
        request,
        "fund/requests.html",
        {
            "partnership": partnership,
            "fund": fund,
            "requests": list(request_list(fund, status=status)),
            "status": status,
            "statuses": SpendingRequest.Status.choices,
            "can_request": rules.has_perm(services.REQUEST, request.user, fund),
            **NAV,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def request_create(request: AuthenticatedHttpRequest, uuid: UUID) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid)
    fund = fund_get_for_user(request.user, partnership, perm=services.REQUEST)
    mine = [p for p in partners_of_user(request.user, partnership) if p.role in CONTRIBUTING_ROLES]
    form = RequestForm(
        _posted(request)[0],
        mine=mine,
        lines=list(fund.budget_lines.all()),
        partners=active_partners(partnership),
    )
    if request.method == "POST" and form.is_valid():
        made = form_attempt(
            form, services.spending_request_create, actor=request.user, fund=fund, **form.service_kwargs()
        )
        if made is not None:
            messages.success(
                request, "The spending request is saved as a draft. Send it for approval when ready."
            )
            return redirect(_request_url(made))
    back = reverse("fund:requests", args=[partnership.uuid])
    return partnership_form_page(
        request,
        partnership,
        form,
        section="Pooled fund",
        title="Ask to spend from the fund",
        back_url=back,
        submit="Save",
    )


@login_required
@require_safe
def request_detail(request: AuthenticatedHttpRequest, uuid: UUID, request_uuid: UUID) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid)
    spending = request_get_for_user(request.user, partnership, request_uuid)
    user, fund = request.user, spending.fund
    eligible = services.approving_partners(spending)
    approved = {a.partner_id for a in spending.approvals.all()}
    mine = [p for p in eligible if p.pk not in approved and speaks_for(user, p)]
    waiting = spending.status == SpendingRequest.Status.SUBMITTED and partnership.status != "closed"
    return render(
        request,
        "fund/request.html",
        {
            "partnership": partnership,
            "fund": fund,
            "spending": spending,
            "rules": approval_rules(fund),
            "eligible": eligible,
            "approve_for": mine if waiting and not spending.needs_decision else [],
            "can_change": rules.has_perm(services.CHANGE, user, spending),
            "can_reject": waiting and (bool(mine) or rules.has_perm(services.MANAGE, user, fund)),
            "can_open_poll": waiting
            and spending.needs_decision
            and spending.poll_id is None
            and rules.has_perm("decisions.open_poll_in_partnership", user, partnership),
            "can_pay": spending.status == SpendingRequest.Status.APPROVED
            and rules.has_perm(services.HOST, user, fund),
            "can_reconcile": spending.status == SpendingRequest.Status.PAID
            and (
                rules.has_perm(services.CHANGE, user, spending) or rules.has_perm(services.HOST, user, fund)
            ),
            "receipt_form": ReceiptForm(),
            **NAV,
        },
    )


def _button(
    request: AuthenticatedHttpRequest,
    uuid: UUID,
    request_uuid: UUID,
    service: Any,
    success: str,
    perm: str,
    on: str = "spending",
) -> HttpResponse:
    """A request's button (POST without a form): 404 unless `perm` is the user's on the
    request (`on="spending"`), its fund or its partnership; then the service's refusal
    is shown with its 4xx and reason."""
    partnership = partnership_get_for_user(request.user, uuid)
    spending = request_get_for_user(request.user, partnership, request_uuid)
    target = {"spending": spending, "fund": spending.fund, "partnership": partnership}[on]
    if not rules.has_perm(perm, request.user, target):
        raise Http404("No such spending request.")
    return action_attempt(
        request,
        service,
        success=success,
        next_url=_request_url(spending),
        actor=request.user,
        spending=spending,
    )


@login_required
@require_POST
def request_submit(request: AuthenticatedHttpRequest, uuid: UUID, request_uuid: UUID) -> HttpResponse:
    return _button(
        request,
        uuid,
        request_uuid,
        services.spending_request_submit,
        "The request is sent for approval.",
        services.CHANGE,
    )


@login_required
@require_POST
def request_withdraw(request: AuthenticatedHttpRequest, uuid: UUID, request_uuid: UUID) -> HttpResponse:
    return _button(
        request,
        uuid,
        request_uuid,
        services.spending_request_withdraw,
        "The request is withdrawn.",
        services.CHANGE,
    )


@login_required
@require_POST
def request_decision_open(request: AuthenticatedHttpRequest, uuid: UUID, request_uuid: UUID) -> HttpResponse:
    return _button(
        request,
        uuid,
        request_uuid,
        services.spending_request_decision_open,
        "The poll on this request is open.",
        "decisions.open_poll_in_partnership",
        on="partnership",
    )


@login_required
@require_POST
def request_pay(request: AuthenticatedHttpRequest, uuid: UUID, request_uuid: UUID) -> HttpResponse:
    return _button(
        request,
        uuid,
        request_uuid,
        services.spending_request_pay,
        "The request is marked as paid.",
        services.HOST,
        on="fund",
    )


@login_required
@require_POST
def request_approve(request: AuthenticatedHttpRequest, uuid: UUID, request_uuid: UUID) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid)
    spending = request_get_for_user(request.user, partnership, request_uuid)
    if not rules.has_perm(services.APPROVE, request.user, spending.fund):
        raise Http404("No such spending request.")
    form = ApproveForm(request.POST, partners=active_partners(partnership))
    if not form.is_valid():
        return action_attempt(
            request, _refuse, success="", next_url=_request_url(spending), message=form.errors["partner"][0]
        )
    return action_attempt(
        request,
        services.spending_request_approve,
        success="Your organisation's approval is recorded.",
        next_url=_request_url(spending),
        actor=request.user,
        spending=spending,
        partner=form.chosen("partner"),
    )


def _refuse(*, message: str) -> None:
    raise ServiceError(message)


@login_required
@require_http_methods(["GET", "POST"])
def request_reject(request: AuthenticatedHttpRequest, uuid: UUID, request_uuid: UUID) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid)
    spending = request_get_for_user(request.user, partnership, request_uuid)
    if not (
        any(speaks_for(request.user, p) for p in services.approving_partners(spending))
        or rules.has_perm(services.MANAGE, request.user, spending.fund)
    ):
        raise Http404("No such spending request.")
    form = RejectForm(_posted(request)[0])
    if request.method == "POST" and form.is_valid():
        done = form_attempt(
            form, services.spending_request_reject, actor=request.user, spending=spending, **form.cleaned_data
        )
        if done is not None:
            messages.success(request, "The request is refused.")
            return redirect(_request_url(spending))
    return partnership_form_page(
        request,
        partnership,
        form,
        section="Pooled fund",
        subject_label="About",
        title="Refuse the spending request",
        subject=str(spending),
        back_url=_request_url(spending),
        submit="Refuse the request",
    )


@login_required
@require_http_methods(["GET", "POST"])
def request_reconcile(request: AuthenticatedHttpRequest, uuid: UUID, request_uuid: UUID) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid)
    spending = request_get_for_user(request.user, partnership, request_uuid)
    if not (
        rules.has_perm(services.CHANGE, request.user, spending)
        or rules.has_perm(services.HOST, request.user, spending.fund)
    ):
        raise Http404("No such spending request.")
    form = ReceiptForm(*_posted(request))
    if request.method == "POST" and form.is_valid():
        done = form_attempt(
            form,
            services.spending_request_reconcile,
            actor=request.user,
            spending=spending,
            receipt=form.cleaned_data["receipt"],
        )
        if done is not None:
            messages.success(request, "The request is reconciled with its receipt.")
            return redirect(_request_url(spending))
    return partnership_form_page(
        request,
        partnership,
        form,
        section="Pooled fund",
        subject_label="About",
        title="Reconcile with the receipt",
        subject=str(spending),
        back_url=_request_url(spending),
        submit="Reconcile",
    )


@login_required
@require_safe
def receipt_download(request: AuthenticatedHttpRequest, uuid: UUID, request_uuid: UUID) -> HttpResponseBase:
    """The receipt, only after the access check, always as a download
    (`Content-Disposition: attachment`, `nosniff`), under the name it was shown with."""
    partnership = partnership_get_for_user(request.user, uuid)
    spending = request_get_for_user(request.user, partnership, request_uuid)
    if not spending.receipt:
        raise Http404("No receipt.")
    try:
        handle = spending.receipt.open("rb")
    except FileNotFoundError as missing:
        raise Http404("The file is no longer stored.") from missing
    response = FileResponse(
        handle, as_attachment=True, filename=spending.receipt_name, content_type=spending.receipt_content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
