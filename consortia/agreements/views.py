"""The agreement pages. Every reader of the partnership reads the agreement (all its
versions, drafts included); core members draft, the convener's admins publish, and
each partner asked endorses through its admin or representative."""

from typing import Any

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import prefetch_related_objects
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.text import slugify
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from consortia.core.errors import ServiceError
from consortia.core.http import AuthenticatedHttpRequest, action_attempt, form_attempt, problem, render_form
from consortia.core.page_cache import Page, page_cached, partnership_stamp
from consortia.core.pdf import PdfUnavailable, pdf_render
from consortia.partnerships.access import partner_get_for_user, partnership_get_for_user
from consortia.partnerships.models import Partner, Partnership
from consortia.partnerships.rules import active_partners

from . import services
from .access import objective_get, version_get
from .forms import AgreementForm, ObjectiveForm, RoleForm, WeightsForm
from .models import AgreementVersion
from .selectors import (
    agreement_readiness,
    endorsement_lines,
    pledge_commitments,
    readiness_counts,
    version_diff,
    version_draft,
    version_in_force,
    version_list,
    version_parts,
    version_previous,
    version_published,
    weight_rows,
)
from .services import EDIT, ENDORSE_FOR, PUBLISH

NAV = {"nav": "partnerships"}


def _version_url(version: AgreementVersion) -> str:
    return reverse(
        "agreements:version", kwargs={"uuid": version.partnership.uuid, "version_uuid": version.uuid}
    )


def _taking_part(partnership: Partnership) -> list[Partner]:
    """Partners that own objectives and have roles: all but observers."""
    return [p for p in active_partners(partnership) if p.role != Partner.Role.OBSERVER]


def _frozen(request: HttpRequest, version: AgreementVersion) -> HttpResponse:
    return problem(
        request,
        title="This version can no longer be changed",
        message=f"Version {version.number} has been published, so it can no longer be changed. "
        "Start a new draft to propose changes.",
        status=409,
        back_url=_version_url(version),
    )


def _body(partnership: Partnership, version: AgreementVersion) -> dict:
    """What the agreement text shows, on the page, the print page and the PDF.
    Needs version_parts() loaded on `version`."""
    roles = {r.partner_id: r for r in version.roles.all()}
    if version.is_draft:  # every partner, so the gaps show and can be filled
        role_rows = [(p, roles.get(p.pk)) for p in _taking_part(partnership)]
    else:
        role_rows = sorted(
            ((r.partner, r) for r in roles.values()), key=lambda row: row[0].organisation.name.lower()
        )
    return {
        "partnership": partnership,
        "version": version,
        "objectives": list(version.objectives.all()),
        "role_rows": role_rows,
        "weight_rows": weight_rows(version, _taking_part(partnership)),
        "commitments": pledge_commitments(partnership) if version.is_draft else version.resource_commitments,
        "endorsements": [] if version.is_draft else endorsement_lines(version),
    }


def _agreement_page(request: HttpRequest, partnership: Partnership, version, versions) -> Page:
    user = request.user
    context = {"partnership": partnership, "versions": versions, **NAV}
    context.update(
        draft=version_draft(versions),
        published=version_published(versions),
        in_force=version_in_force(versions),
        can_edit=rules.has_perm(EDIT, user, partnership),
        can_publish=rules.has_perm(PUBLISH, user, partnership),
    )
    if version is not None:
        context.update(_body(partnership, version), editable=context["can_edit"] and version.is_draft)
        if version.status == AgreementVersion.Status.PUBLISHED:
            # Check against the partners as loaded for the page (with representatives).
            speaking_for = {
                p.pk for p in active_partners(partnership) if rules.has_perm(ENDORSE_FOR, user, p)
            }
            context["waiting_for_me"] = [
                line.partner
                for line in context["endorsements"]
                if line.endorsement is None and line.partner.pk in speaking_for
            ]
    return "agreements/agreement_detail.html", context


@login_required
@require_safe
def agreement_detail(request: HttpRequest, uuid) -> HttpResponse:
    """The agreement as it stands: the version published last (else the draft),
    who has endorsed it, and every version. A fixed number of queries however many
    objectives, roles and endorsements (see test_query_budget.py)."""
    return page_cached(request, lambda: partnership_stamp(uuid), lambda: _detail(request, uuid))


def _detail(request: HttpRequest, uuid) -> Page:
    partnership = partnership_get_for_user(request.user, uuid)
    versions = version_list(partnership)
    version = version_published(versions) or version_draft(versions)
    if version is not None:
        prefetch_related_objects([version], *version_parts())
    return _agreement_page(request, partnership, version, versions)


@login_required
@require_safe
def version_detail(request: HttpRequest, uuid, version_uuid) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid)
    version = version_get(partnership, version_uuid, with_parts=True)
    return render(request, *_agreement_page(request, partnership, version, version_list(partnership)))


@login_required
@require_safe
def changes(request: HttpRequest, uuid, version_uuid) -> HttpResponse:
    """What changed in a version since the one before it."""
    partnership = partnership_get_for_user(request.user, uuid)
    version = version_get(partnership, version_uuid, with_parts=True)
    previous = version_previous(version)
    fields, lists = version_diff(previous, version)
    return render(
        request,
        "agreements/changes.html",
        {
            "partnership": partnership,
            "version": version,
            "previous": previous,
            "fields": [f for f in fields if f.changed],
            "unchanged": [f.label for f in fields if not f.changed]
            + [c.label for c in lists if not c.changed],
            "lists": [c for c in lists if c.changed],
            **NAV,
        },
    )


@login_required
@require_safe
def readiness(request: HttpRequest, uuid) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid)
    groups = agreement_readiness(partnership, user=request.user)
    return render(
        request,
        "agreements/readiness.html",
        {"partnership": partnership, "groups": groups, "counts": readiness_counts(groups), **NAV},
    )


@login_required
@require_POST
def draft_start(request: AuthenticatedHttpRequest, uuid) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid, perm=EDIT)
    try:
        draft = services.agreement_draft_start(actor=request.user, partnership=partnership)
    except ServiceError as error:
        return problem(
            request,
            title="A new draft could not be started",
            message=error.message,
            status=error.status_code,
            back_url=reverse("agreements:detail", kwargs={"uuid": partnership.uuid}),
        )
    messages.success(request, f"Version {draft.number} has been started as a draft.")
    return redirect(_version_url(draft))


@login_required
@require_http_methods(["GET", "POST"])
def draft_edit(request: HttpRequest, uuid, version_uuid) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid, perm=EDIT)
    version = version_get(partnership, version_uuid)
    if not version.is_draft:
        return _frozen(request, version)
    form = AgreementForm(
        request.POST or None, initial={f: getattr(version, f) for f in services.EDITABLE_FIELDS}
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and form_attempt(
            form, services.agreement_draft_update, actor=request.user, version=version, **form.cleaned_data
        )
        is not None
    ):
        messages.success(request, f"The draft of version {version.number} has been saved.")
        return redirect(_version_url(version))
    return render_form(
        request, "agreements/draft_form.html", {"partnership": partnership, "version": version, **NAV}, form
    )


@login_required
@require_http_methods(["GET", "POST"])
def objective_add(request: HttpRequest, uuid, version_uuid) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid, perm=EDIT)
    version = version_get(partnership, version_uuid)
    if not version.is_draft:
        return _frozen(request, version)
    form = ObjectiveForm(request.POST or None, partners=_taking_part(partnership))
    if request.method == "POST" and form.is_valid():
        objective = form_attempt(
            form, services.agreement_objective_add, actor=request.user, version=version, **form.cleaned_data
        )
        if objective is not None:
            messages.success(request, "The objective has been added to the draft.")
            return redirect(f"{_version_url(version)}#objectives")
    return render_form(
        request,
        "agreements/objective_form.html",
        {"partnership": partnership, "version": version, **NAV},
        form,
    )


@login_required
@require_POST
def objective_remove(request: HttpRequest, uuid, version_uuid, objective_uuid) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid, perm=EDIT)
    version = version_get(partnership, version_uuid)
    objective = objective_get(version, objective_uuid)
    return action_attempt(
        request,
        services.agreement_objective_remove,
        actor=request.user,
        objective=objective,
        success="The objective has been taken out of the draft.",
        next_url=f"{_version_url(version)}#objectives",
    )


@login_required
@require_http_methods(["GET", "POST"])
def role_set(request: HttpRequest, uuid, version_uuid, partner_uuid) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid, perm=EDIT)
    version = version_get(partnership, version_uuid)
    partner = partner_get_for_user(request.user, partnership, partner_uuid)
    if partner.role == Partner.Role.OBSERVER:
        raise Http404("Observers have no role in the agreement.")
    if not version.is_draft:
        return _frozen(request, version)
    role = version.roles.filter(partner=partner).first()
    form = RoleForm(request.POST or None, initial={"responsibilities": role.responsibilities if role else ""})
    if request.method == "POST" and form.is_valid():
        attempt = form_attempt(
            form,
            services.agreement_role_set,
            actor=request.user,
            version=version,
            partner=partner,
            **form.cleaned_data,
        )
        if not form.errors:
            done = "written down" if attempt is not None else "taken out of the draft"
            messages.success(request, f"The responsibilities of {partner.organisation} have been {done}.")
            return redirect(f"{_version_url(version)}#roles")
    return render_form(
        request,
        "agreements/role_form.html",
        {"partnership": partnership, "version": version, "partner": partner, **NAV},
        form,
    )


@login_required
@require_http_methods(["GET", "POST"])
def weights_set(request: HttpRequest, uuid, version_uuid) -> HttpResponse:
    """How a draft weights votes: one each, or the votes each partner has and why."""
    partnership = partnership_get_for_user(request.user, uuid, perm=EDIT)
    version = version_get(partnership, version_uuid)
    if not version.is_draft:
        return _frozen(request, version)
    partners = _taking_part(partnership)
    stated = dict(version.weights.values_list("partner_id", "votes"))
    initial: dict[str, Any] = {"weighting": version.weighting, "weighting_reason": version.weighting_reason}
    initial.update({f"votes_{p.uuid}": stated.get(p.pk, 1) for p in partners})
    form = WeightsForm(request.POST or None, initial=initial, partners=partners)
    if request.method == "POST" and form.is_valid():
        form_attempt(
            form,
            services.agreement_weights_set,
            actor=request.user,
            version=version,
            weighting=form.cleaned_data["weighting"],
            reason=form.cleaned_data["weighting_reason"],
            votes=form.votes(),
        )
        if not form.errors:
            messages.success(request, "The voting weights have been saved.")
            return redirect(f"{_version_url(version)}#weights")
    return render_form(
        request, "agreements/weights_form.html", {"partnership": partnership, "version": version, **NAV}, form
    )


@login_required
@require_http_methods(["GET", "POST"])
def publish(request: HttpRequest, uuid, version_uuid) -> HttpResponse:
    """GET: what publishing does and who will be asked; POST: publish."""
    partnership = partnership_get_for_user(request.user, uuid, perm=PUBLISH)
    version = version_get(partnership, version_uuid)
    if not version.is_draft:
        return _frozen(request, version)
    if request.method == "POST":
        return action_attempt(
            request,
            services.agreement_publish,
            actor=request.user,
            version=version,
            success=f"Version {version.number} has been published. The convener and the core partners "
            "have been asked to endorse it.",
            next_url=_version_url(version),
        )
    asked = [p for p in active_partners(partnership) if p.role in services.ENDORSING_ROLES]
    return render(
        request,
        "agreements/publish.html",
        {"partnership": partnership, "version": version, "asked": asked, **NAV},
    )


@login_required
@require_POST
def endorse(request: AuthenticatedHttpRequest, uuid, version_uuid, partner_uuid) -> HttpResponse:
    """Endorse a published version for a partner the user speaks for (else 404)."""
    partnership = partnership_get_for_user(request.user, uuid)
    version = version_get(partnership, version_uuid)
    partner = partner_get_for_user(request.user, partnership, partner_uuid, perm=ENDORSE_FOR)
    try:
        endorsement = services.agreement_endorse(actor=request.user, version=version, partner=partner)
    except ServiceError as error:
        return problem(
            request,
            title="The agreement could not be endorsed",
            message=error.message,
            status=error.status_code,
            back_url=_version_url(version),
        )
    in_force = endorsement.version.in_force_at is not None
    messages.success(
        request,
        f"{partner.organisation} has endorsed version {version.number}."
        + (" Every partner asked has endorsed it, so it is now in force." if in_force else ""),
    )
    return redirect(_version_url(version))


@login_required
@require_safe
def version_print(request: HttpRequest, uuid, version_uuid) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid)
    version = version_get(partnership, version_uuid, with_parts=True)
    return render(request, "agreements/version_print.html", {**_body(partnership, version), **NAV})


@login_required
@require_safe
def version_pdf(request: HttpRequest, uuid, version_uuid) -> HttpResponse:
    """The version as a PDF download; a 503 page when PDFs cannot be made here."""
    partnership = partnership_get_for_user(request.user, uuid)
    version = version_get(partnership, version_uuid, with_parts=True)
    html = render_to_string("agreements/version_pdf.html", _body(partnership, version), request=request)
    try:
        pdf = pdf_render(html)
    except PdfUnavailable:
        return problem(
            request,
            title="The PDF cannot be made just now",
            message="This server cannot make PDF files at the moment. Use the printable page instead, "
            "and print it or save it as a PDF from your browser.",
            status=503,
            back_url=reverse(
                "agreements:print", kwargs={"uuid": partnership.uuid, "version_uuid": version.uuid}
            ),
        )
    name = slugify(partnership.name)[:60] or "partnership"
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{name}-agreement-version-{version.number}.pdf"'
    return response
