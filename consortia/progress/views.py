"""The progress pages: every outcome with its status, its indicators' charts and
measurements and a form to record one; recording, correcting and removing a
measurement; and the advantage page, printable and as a PDF. Every view receives
`uuid`, the partnership's."""

from typing import Any
from uuid import UUID

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from consortia.core.http import (
    AuthenticatedHttpRequest,
    action_attempt,
    form_attempt,
    partnership_form_page,
    problem,
)
from consortia.core.page_cache import page_cached, partnership_stamp
from consortia.core.pdf import PdfUnavailable, pdf_render
from consortia.partnerships.access import partnership_get_for_user
from consortia.partnerships.models import Partnership

from . import services
from .access import measurement_get_for_user
from .advantage import WIDE, advantage
from .forms import MeasurementForm, MeasurementRecordForm
from .models import Measurement
from .selectors import indicator_choices, progress_page

RECORD = "progress.record_measurement_in_partnership"
CHANGE = "progress.change_measurement"
NAV = {"nav": "partnerships"}


def _outcomes_url(partnership: Partnership) -> str:
    return reverse("progress:outcomes", args=[partnership.uuid])


def _may_record(request: AuthenticatedHttpRequest, partnership: Partnership) -> bool:
    return partnership.status != "closed" and rules.has_perm(RECORD, request.user, partnership)


@login_required
@require_safe
def outcomes(request: AuthenticatedHttpRequest, uuid: UUID) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid)
    rows = progress_page(partnership)
    can_record = _may_record(request, partnership)
    indicators = [i.indicator for row in rows for i in row.indicators]
    measurements = [m for row in rows for i in row.indicators for m in i.measurements]
    form = MeasurementRecordForm(indicators=indicators) if can_record and indicators else None
    return render(
        request,
        "progress/outcomes.html",
        {
            "partnership": partnership,
            "rows": rows,
            "form": form,
            "can_record": can_record,
            "changeable": {
                m.pk for m in measurements if can_record and rules.has_perm(CHANGE, request.user, m)
            },
            **NAV,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def measurement_record(request: AuthenticatedHttpRequest, uuid: UUID) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid, perm=RECORD)
    initial = {"indicator": request.GET.get("indicator", ""), "on": timezone.localdate()}
    form = MeasurementRecordForm(
        request.POST if request.method == "POST" else None,
        indicators=indicator_choices(partnership),
        initial=initial,
    )
    existing = None
    if request.method == "POST" and form.is_valid():
        given = form.service_kwargs()
        measurement = form_attempt(
            form, services.measurement_record, actor=request.user, partnership=partnership, **given
        )
        if measurement is not None:
            messages.success(request, f"The measurement of {measurement.indicator.name} is recorded.")
            return redirect(f"{_outcomes_url(partnership)}#indicator-{measurement.indicator.uuid}")
        existing = _same_day(request, given) if getattr(form, "status_code", None) == 409 else None
    return partnership_form_page(
        request,
        partnership,
        form,
        section="Progress on outcomes",
        title="Record a measurement",
        back_url=_outcomes_url(partnership),
        submit="Record the measurement",
        template="progress/measurement_record.html",
        existing=existing,
    )


def _same_day(request: AuthenticatedHttpRequest, given: dict[str, Any]) -> Measurement | None:
    """After a refused second measurement for a day: the one already there, to correct
    instead (when the person may)."""
    existing = Measurement.objects.filter(indicator=given["indicator"], on=given["on"]).first()
    if existing is None or not rules.has_perm(CHANGE, request.user, existing):
        return None
    return existing


@login_required
@require_http_methods(["GET", "POST"])
def measurement_edit(request: AuthenticatedHttpRequest, uuid: UUID, measurement_uuid: UUID) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid)
    measurement = measurement_get_for_user(request.user, partnership, measurement_uuid)
    initial = {"on": measurement.on, "value": measurement.value, "source": measurement.source}
    form = MeasurementForm(
        request.POST if request.method == "POST" else None, initial=initial | {"note": measurement.note}
    )
    if request.method == "POST" and form.is_valid():
        done = form_attempt(
            form,
            services.measurement_update,
            actor=request.user,
            measurement=measurement,
            **form.service_kwargs(),
        )
        if done is not None:
            messages.success(request, "The measurement is corrected.")
            return redirect(f"{_outcomes_url(partnership)}#indicator-{measurement.indicator.uuid}")
    return partnership_form_page(
        request,
        partnership,
        form,
        section="Progress on outcomes",
        subject_label="Indicator",
        title="Correct a measurement",
        subject=measurement.indicator.name,
        back_url=_outcomes_url(partnership),
        submit="Save the measurement",
    )


@login_required
@require_POST
def measurement_remove(request: AuthenticatedHttpRequest, uuid: UUID, measurement_uuid: UUID) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid)
    measurement = measurement_get_for_user(request.user, partnership, measurement_uuid)
    return action_attempt(
        request,
        services.measurement_remove,
        success="The measurement is removed.",
        next_url=f"{_outcomes_url(partnership)}#indicator-{measurement.indicator.uuid}",
        actor=request.user,
        measurement=measurement,
    )


def _advantage_context(partnership: Partnership) -> dict[str, Any]:
    return {
        "partnership": partnership,
        "a": advantage(partnership),
        "wide_percent": round(100 * WIDE),
        "today": timezone.localdate(),
        **NAV,
    }


@login_required
@require_safe
def advantage_page(request: AuthenticatedHttpRequest, uuid: UUID) -> HttpResponse:
    """Cached whole per viewer under the partnership's event stamp (core/page_cache.py)."""
    return page_cached(
        request,
        lambda: partnership_stamp(uuid),
        lambda: ("progress/advantage.html", _advantage_context(partnership_get_for_user(request.user, uuid))),
    )


@login_required
@require_safe
def advantage_pdf(request: AuthenticatedHttpRequest, uuid: UUID) -> HttpResponse:
    """The advantage page as a PDF download; a 503 page when PDFs cannot be made here."""
    partnership = partnership_get_for_user(request.user, uuid)
    html = render_to_string("progress/advantage_pdf.html", _advantage_context(partnership), request=request)
    try:
        pdf = pdf_render(html)
    except PdfUnavailable:
        return problem(
            request,
            title="The PDF cannot be made just now",
            message="This server cannot make PDF files at the moment. Print the advantage page instead, "
            "or save it as a PDF from your browser.",
            status=503,
            back_url=reverse("progress:advantage", args=[partnership.uuid]),
        )
    response = HttpResponse(pdf, content_type="application/pdf")
    name = slugify(partnership.name)[:60] or "partnership"
    response["Content-Disposition"] = f'attachment; filename="{name}-advantage.pdf"'
    return response
