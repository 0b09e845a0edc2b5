"""The canvas pages: a task list of four steps, a page per step (with its comments
and "Have you completed this section?"), forms to add and change what is in them,
the gap analysis and the exports. Every view receives `uuid`, the partnership's."""

import uuid as uuid_lib
from functools import wraps

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from consortia.core.http import action_attempt, form_attempt, render_form
from consortia.core.page_cache import Page, page_cached, partnership_stamp
from consortia.partnerships.access import partner_get_for_user, partnership_get_for_user
from consortia.partnerships.rules import active_partners, is_partnership_member

from . import services
from .access import (
    indicator_get,
    need_get,
    outcome_get,
    pledge_get_for_user,
    step_get,
)
from .exports import csv_response, export_filename, json_response
from .forms import (
    CommentForm,
    IndicatorForm,
    NeedForm,
    OutcomeForm,
    PledgeForm,
    PurposeForm,
    StatementForm,
    StepCompleteForm,
)
from .models import Step
from .selectors import (
    EXPORT_SECTIONS,
    canvas_get,
    comment_list,
    export_document,
    export_rows,
    gap_analysis,
    need_coverage_list,
    outcome_list,
    partner_share_list,
    statement_for,
    statements_by_partner,
    step_status_list,
)

EDIT = "canvas.edit_canvas_of_partnership"
COMMENT = "canvas.comment_in_partnership"
PLEDGE_FOR = "canvas.pledge_for_partner"
NAV = {"nav": "partnerships"}


def _known(kwarg: str, values):
    """404 for a URL part that names no step (or export section), whatever the
    method: placed after login_required and before require_POST/require_safe, so
    a made-up step is "not found" rather than "method not allowed"."""

    def decorate(view):
        @wraps(view)
        def checked(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if kwargs.get(kwarg) not in values:
                raise Http404("No such page.")
            return view(request, *args, **kwargs)

        return checked

    return decorate


def _step_url(partnership, step: str) -> str:
    return reverse(f"canvas:{step}", args=[partnership.uuid])


def _pledging_partners(user, partnership) -> list:
    """The active partners the user may pledge for (usually one)."""
    return [p for p in active_partners(partnership) if rules.has_perm(PLEDGE_FOR, user, p)]


@login_required
@require_safe
def overview(request: HttpRequest, uuid) -> HttpResponse:
    return page_cached(request, lambda: partnership_stamp(uuid), lambda: _overview(request, uuid))


def _overview(request: HttpRequest, uuid) -> Page:
    partnership = partnership_get_for_user(request.user, uuid)
    canvas = canvas_get(partnership)
    return (
        "canvas/overview.html",
        {
            "partnership": partnership,
            "steps": step_status_list(partnership, canvas),
            "can_edit": rules.has_perm(EDIT, request.user, partnership),
            "can_export": is_partnership_member(request.user, partnership),
            "export_sections": EXPORT_SECTIONS,
            **NAV,
        },
    )


# --- the four step pages -------------------------------------------------------------------


def _step_items(request: HttpRequest, partnership, step: Step) -> dict:
    if step == Step.OUTCOMES:
        return {"outcomes": outcome_list(partnership)}
    if step == Step.NEEDS:
        return {"needs": need_coverage_list(partnership)}
    if step == Step.PLEDGES:
        return {
            "shares": partner_share_list(partnership),
            "statements": statements_by_partner(partnership),
            "my_partners": {p.pk for p in _pledging_partners(request.user, partnership)},
        }
    return {}


def _render_step(request: HttpRequest, partnership, step: Step, *, comment_form=None, complete_form=None):
    """A step's page; after a refused comment or completion answer, with that form's
    errors (and its 4xx status)."""
    canvas = canvas_get(partnership)
    done = step.value in canvas.completed_steps
    bound = comment_form or complete_form
    status = getattr(bound, "status_code", 400) if bound is not None and bound.errors else 200
    context = {
        "partnership": partnership,
        "canvas": canvas,
        "step": step,
        "done": done,
        "comments": comment_list(partnership, step.value),
        "can_edit": rules.has_perm(EDIT, request.user, partnership),
        "can_comment": rules.has_perm(COMMENT, request.user, partnership),
        "comment_form": comment_form or CommentForm(),
        "complete_form": complete_form or StepCompleteForm(initial={"completed": "yes" if done else None}),
        "form": bound,  # the page title says "Error:" when it has errors
        **_step_items(request, partnership, step),
        **NAV,
    }
    return render(request, f"canvas/{step.value}.html", context, status=status)


def _step_view(step: Step):
    @login_required
    @require_safe
    def view(request: HttpRequest, uuid) -> HttpResponse:
        return _render_step(request, partnership_get_for_user(request.user, uuid), step)

    view.__name__ = f"{step.value}_page"
    view.__doc__ = f"The canvas step “{step.label}”."
    return view


purpose = _step_view(Step.PURPOSE)
outcomes = _step_view(Step.OUTCOMES)
needs = _step_view(Step.NEEDS)
pledges = _step_view(Step.PLEDGES)


@login_required
@_known("step", Step.values)
@require_POST
def step_complete(request: HttpRequest, uuid, step: str) -> HttpResponse:
    """The answer to "Have you completed this section?": back to the task list."""
    partnership = partnership_get_for_user(request.user, uuid, perm=EDIT)
    step = step_get(step)
    form = StepCompleteForm(request.POST)
    if form.is_valid():
        completed = form.cleaned_data["completed"] == "yes"
        if (
            form_attempt(
                form,
                services.canvas_step_mark,
                actor=request.user,
                partnership=partnership,
                step=step.value,
                completed=completed,
            )
            is not None
        ):
            state = "done" if completed else "in progress"
            messages.success(request, f"“{step.label}” is marked as {state}.")
            return redirect("canvas:overview", uuid=partnership.uuid)
    return _render_step(request, partnership, step, complete_form=form)


@login_required
@_known("step", Step.values)
@require_POST
def comment_add(request: HttpRequest, uuid, step: str) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid, perm=COMMENT)
    step = step_get(step)
    form = CommentForm(request.POST)
    if form.is_valid() and (
        form_attempt(
            form,
            services.canvas_comment_add,
            actor=request.user,
            partnership=partnership,
            step=step.value,
            body=form.cleaned_data["body"],
        )
        is not None
    ):
        messages.success(request, "Your comment has been added.")
        return redirect(_step_url(partnership, step.value) + "#comments")
    return _render_step(request, partnership, step, comment_form=form)


# --- forms -------------------------------------------------------------------------------------


def _form_page(request, partnership, form, *, title: str, back: str, submit: str = "Save", **extra):
    return render_form(
        request,
        "canvas/form.html",
        {"partnership": partnership, "title": title, "back_url": back, "submit": submit, **extra, **NAV},
        form,
    )


def _saved(request: HttpRequest, message: str, url: str) -> HttpResponse:
    messages.success(request, message)
    return redirect(url)


@login_required
@require_http_methods(["GET", "POST"])
def purpose_edit(request: HttpRequest, uuid) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid, perm=EDIT)
    canvas = canvas_get(partnership)
    form = PurposeForm(
        request.POST or None,
        initial={
            "purpose": partnership.purpose,
            "beneficiaries": canvas.beneficiaries,
            "why_together": canvas.why_together,
            "area": canvas.area,
        },
    )
    back = _step_url(partnership, "purpose")
    if request.method == "POST" and form.is_valid():
        done = form_attempt(
            form,
            services.canvas_purpose_update,
            actor=request.user,
            partnership=partnership,
            **form.cleaned_data,
        )
        if done is not None:
            return _saved(request, "The purpose has been saved.", back)
    return _form_page(request, partnership, form, title="Purpose", back=back)


@login_required
@require_http_methods(["GET", "POST"])
def outcome_add(request: HttpRequest, uuid) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid, perm=EDIT)
    form = OutcomeForm(request.POST or None)
    back = _step_url(partnership, "outcomes")
    if request.method == "POST" and form.is_valid():
        outcome = form_attempt(
            form, services.outcome_add, actor=request.user, partnership=partnership, **form.cleaned_data
        )
        if outcome is not None:
            return _saved(request, "The outcome has been added. Now say how you will know it happens.", back)
    return _form_page(
        request,
        partnership,
        form,
        title="Add an outcome",
        back=back,
        intro="An outcome is the difference the partnership will make for people, not the work it will do.",
        submit="Add outcome",
    )


@login_required
@require_http_methods(["GET", "POST"])
def outcome_edit(request: HttpRequest, uuid, outcome_uuid) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid, perm=EDIT)
    outcome = outcome_get(partnership, outcome_uuid)
    form = OutcomeForm(
        request.POST or None, initial={"statement": outcome.statement, "description": outcome.description}
    )
    back = _step_url(partnership, "outcomes")
    if request.method == "POST" and form.is_valid():
        changed = form_attempt(
            form, services.outcome_update, actor=request.user, outcome=outcome, **form.cleaned_data
        )
        if changed is not None:
            return _saved(request, "The outcome has been changed.", back)
    return _form_page(
        request,
        partnership,
        form,
        title="Change an outcome",
        back=back,
        remove_url=reverse("canvas:outcome_remove", args=[partnership.uuid, outcome.uuid]),
        remove_label="Remove this outcome and its indicators",
    )


@login_required
@require_POST
def outcome_remove(request: HttpRequest, uuid, outcome_uuid) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid, perm=EDIT)
    outcome = outcome_get(partnership, outcome_uuid)
    return action_attempt(
        request,
        services.outcome_remove,
        actor=request.user,
        outcome=outcome,
        success=f"The outcome “{outcome.statement}” has been removed.",
        next_url=_step_url(partnership, "outcomes"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def indicator_add(request: HttpRequest, uuid, outcome_uuid) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid, perm=EDIT)
    outcome = outcome_get(partnership, outcome_uuid)
    form = IndicatorForm(request.POST or None)
    back = _step_url(partnership, "outcomes")
    if request.method == "POST" and form.is_valid():
        indicator = form_attempt(
            form, services.indicator_add, actor=request.user, outcome=outcome, **form.cleaned_data
        )
        if indicator is not None:
            return _saved(request, "The indicator has been added.", back)
    return _form_page(
        request,
        partnership,
        form,
        title="Add an indicator",
        back=back,
        subject=outcome.statement,
        intro="Count how much you did, how well you did it, or whether anyone is better off.",
        submit="Add indicator",
    )


@login_required
@require_http_methods(["GET", "POST"])
def indicator_edit(request: HttpRequest, uuid, indicator_uuid) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid, perm=EDIT)
    indicator = indicator_get(partnership, indicator_uuid)
    fields = ("question", "name", "unit", "baseline", "target", "target_date")
    form = IndicatorForm(request.POST or None, initial={f: getattr(indicator, f) for f in fields})
    back = _step_url(partnership, "outcomes")
    if request.method == "POST" and form.is_valid():
        changed = form_attempt(
            form, services.indicator_update, actor=request.user, indicator=indicator, **form.cleaned_data
        )
        if changed is not None:
            return _saved(request, "The indicator has been changed.", back)
    return _form_page(
        request,
        partnership,
        form,
        title="Change an indicator",
        back=back,
        subject=indicator.outcome.statement,
        remove_url=reverse("canvas:indicator_remove", args=[partnership.uuid, indicator.uuid]),
        remove_label="Remove this indicator",
    )


@login_required
@require_POST
def indicator_remove(request: HttpRequest, uuid, indicator_uuid) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid, perm=EDIT)
    indicator = indicator_get(partnership, indicator_uuid)
    return action_attempt(
        request,
        services.indicator_remove,
        actor=request.user,
        indicator=indicator,
        success=f"The indicator “{indicator.name}” has been removed.",
        next_url=_step_url(partnership, "outcomes"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def need_add(request: HttpRequest, uuid) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid, perm=EDIT)
    form = NeedForm(request.POST or None, partnership=partnership)
    back = _step_url(partnership, "needs")
    if request.method == "POST" and form.is_valid():
        need = form_attempt(
            form, services.need_add, actor=request.user, partnership=partnership, **form.cleaned_data
        )
        if need is not None:
            return _saved(request, "The need has been added.", back)
    return _form_page(request, partnership, form, title="Add a need", back=back, submit="Add need")


@login_required
@require_http_methods(["GET", "POST"])
def need_edit(request: HttpRequest, uuid, need_uuid) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid, perm=EDIT)
    need = need_get(partnership, need_uuid)
    fields = ("category", "description", "quantity", "unit", "needed_by", "priority")
    initial = {f: getattr(need, f) for f in fields} | {"outcomes": [o.uuid for o in need.outcomes.all()]}
    form = NeedForm(request.POST or None, partnership=partnership, initial=initial)
    back = _step_url(partnership, "needs")
    if request.method == "POST" and form.is_valid():
        changed = form_attempt(form, services.need_update, actor=request.user, need=need, **form.cleaned_data)
        if changed is not None:
            return _saved(request, "The need has been changed.", back)
    return _form_page(
        request,
        partnership,
        form,
        title="Change a need",
        back=back,
        remove_url=reverse("canvas:need_remove", args=[partnership.uuid, need.uuid]),
        remove_label="Remove this need",
        remove_hint="Pledges made against it stay, as pledges not against a specific need.",
    )


@login_required
@require_POST
def need_remove(request: HttpRequest, uuid, need_uuid) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid, perm=EDIT)
    need = need_get(partnership, need_uuid)
    return action_attempt(
        request,
        services.need_remove,
        actor=request.user,
        need=need,
        success=f"The need “{need.description}” has been removed.",
        next_url=_step_url(partnership, "needs"),
    )


def _need_from_query(partnership, value: str | None):
    """The need a "Pledge towards this need" link names, if it is one of this
    partnership's; anything else is ignored (the form starts empty)."""
    try:
        return need_get(partnership, uuid_lib.UUID(value or ""))
    except (ValueError, Http404):
        return None


@login_required
@require_http_methods(["GET", "POST"])
def pledge_add(request: HttpRequest, uuid, partner_uuid) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid)
    partner = partner_get_for_user(request.user, partnership, partner_uuid, perm=PLEDGE_FOR)
    towards = _need_from_query(partnership, request.GET.get("need"))
    initial = {"need": towards.uuid, "category": towards.category, "unit": towards.unit} if towards else {}
    form = PledgeForm(request.POST or None, partnership=partnership, initial=initial)
    back = _step_url(partnership, "pledges")
    if request.method == "POST" and form.is_valid():
        pledge = form_attempt(
            form, services.pledge_add, actor=request.user, partner=partner, **form.cleaned_data
        )
        if pledge is not None:
            return _saved(request, f"The pledge of {partner.organisation} has been added.", back)
    return _form_page(
        request,
        partnership,
        form,
        title=f"Pledge for {partner.organisation}",
        back=back,
        intro="Say what your organisation will bring: money, time, premises, equipment or know-how.",
        submit="Add pledge",
    )


@login_required
@require_http_methods(["GET", "POST"])
def pledge_edit(request: HttpRequest, uuid, pledge_uuid) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid)
    pledge = pledge_get_for_user(request.user, partnership, pledge_uuid, perm=PLEDGE_FOR)
    fields = ("category", "description", "quantity", "unit", "value_gbp", "availability", "expected_by")
    initial = {f: getattr(pledge, f) for f in fields} | {"need": pledge.need.uuid if pledge.need else None}
    form = PledgeForm(request.POST or None, partnership=partnership, initial=initial)
    back = _step_url(partnership, "pledges")
    if request.method == "POST" and form.is_valid():
        changed = form_attempt(
            form, services.pledge_update, actor=request.user, pledge=pledge, **form.cleaned_data
        )
        if changed is not None:
            return _saved(request, "The pledge has been changed.", back)
    return _form_page(
        request,
        partnership,
        form,
        title=f"Change a pledge of {pledge.partner.organisation}",
        back=back,
        remove_url=reverse("canvas:pledge_remove", args=[partnership.uuid, pledge.uuid]),
        remove_label="Withdraw this pledge",
    )


@login_required
@require_POST
def pledge_remove(request: HttpRequest, uuid, pledge_uuid) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid)
    pledge = pledge_get_for_user(request.user, partnership, pledge_uuid, perm=PLEDGE_FOR)
    return action_attempt(
        request,
        services.pledge_remove,
        actor=request.user,
        pledge=pledge,
        success=f"The pledge “{pledge.description}” has been withdrawn.",
        next_url=_step_url(partnership, "pledges"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def statement_edit(request: HttpRequest, uuid, partner_uuid) -> HttpResponse:
    """What the partner wants from the partnership for itself."""
    partnership = partnership_get_for_user(request.user, uuid)
    partner = partner_get_for_user(request.user, partnership, partner_uuid, perm=PLEDGE_FOR)
    statement = statement_for(partner)
    form = StatementForm(request.POST or None, initial={"wants": statement.wants if statement else ""})
    back = _step_url(partnership, "pledges")
    if request.method == "POST" and form.is_valid():
        saved = form_attempt(
            form, services.partner_statement_set, actor=request.user, partner=partner, **form.cleaned_data
        )
        if saved is not None:
            return _saved(request, f"What {partner.organisation} wants has been saved.", back)
    return _form_page(
        request,
        partnership,
        form,
        title=f"What {partner.organisation} wants from the partnership",
        back=back,
        intro="Partnerships last when every partner gets something from them. Say what your organisation hopes for.",
    )


# --- gap analysis and exports ------------------------------------------------------------------


@login_required
@require_safe
def gaps(request: HttpRequest, uuid) -> HttpResponse:
    """What is covered, what is not, who could fill the gaps, and who brings what.
    Its query count does not grow with needs, pledges or partners."""
    partnership = partnership_get_for_user(request.user, uuid)
    analysis = gap_analysis(partnership, canvas_get(partnership))
    return render(
        request,
        "canvas/gaps.html",
        {
            "partnership": partnership,
            "analysis": analysis,
            "pledge_for": next(iter(_pledging_partners(request.user, partnership)), None),
            **NAV,
        },
    )


@login_required
@_known("section", EXPORT_SECTIONS)
@require_safe
def export_csv(request: HttpRequest, uuid, section: str) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid, perm="canvas.export_partnership")
    header, rows = export_rows(partnership, section)
    return csv_response(export_filename(partnership, section, "csv"), header, rows)


@login_required
@require_safe
def export_json(request: HttpRequest, uuid) -> HttpResponse:
    partnership = partnership_get_for_user(request.user, uuid, perm="canvas.export_partnership")
    return json_response(export_filename(partnership, "", "json"), export_document(partnership))
