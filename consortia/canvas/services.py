"""Every change to a partnership's canvas: purpose, outcomes and indicators, needs,
pledges, what each partner wants, comments and which steps are done.

Each service runs in one transaction, checks the actor's permission (django-rules,
consortia/canvas/rules.py), validates with `full_clean()` (which also applies the
unit-fits-category rule, see models.unit_problem) and writes exactly one event;
a call that changes nothing writes none.
"""

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import models, transaction
from django.db.models import ProtectedError
from django.utils import timezone

from consortia.accounts.models import User
from consortia.core.errors import Conflict, ServiceError
from consortia.core.events import event_record
from consortia.core.services import assign, refuse_if_closed, require
from consortia.organisations.models import Organisation
from consortia.partnerships.credit import CONTRIBUTING_ROLES, CORE_ROLES, credited_organisation
from consortia.partnerships.models import Partner, Partnership

from .models import Canvas, CanvasComment, Indicator, Need, Outcome, PartnerStatement, Pledge, Step

EDIT = "canvas.edit_canvas_of_partnership"
PLEDGE_FOR = "canvas.pledge_for_partner"
COMMENT = "canvas.comment_in_partnership"
CLOSED = "change its canvas"  # "<partnership> has closed, so nobody can change its canvas."


def _editing(actor: User, partnership: Partnership) -> Organisation | None:
    """Check the actor may edit the canvas now; return the organisation credited
    (edit_canvas is for the convener's and core partners' members)."""
    require(EDIT, actor, partnership)
    refuse_if_closed(partnership, CLOSED)
    return credited_organisation(actor, partnership, roles=CORE_ROLES)


def _record(
    actor: User,
    verb: str,
    obj: models.Model,
    partnership: Partnership,
    organisation: Organisation | None,
    **kwargs: Any,
) -> None:
    event_record(
        actor=actor, verb=verb, obj=obj, organisation=organisation, partnership=partnership, **kwargs
    )


def _not_in_the_past(value: date | None, *, field: str, what: str, old: date | None = None) -> None:
    """A new target or deadline cannot already have passed. An unchanged date that
    has since passed is kept, so an old indicator or need can still be corrected."""
    if value is not None and value != old and value < timezone.localdate():
        raise ServiceError(f"{what} must be today or in the future", field=field)


def canvas_for(partnership: Partnership) -> Canvas:
    """The partnership's canvas row, created on the first change (under a row lock,
    so two first edits at once make one row)."""
    Partnership.objects.select_for_update().filter(pk=partnership.pk).first()
    canvas, _ = Canvas.objects.get_or_create(partnership=partnership)
    return canvas


# --- purpose and steps -----------------------------------------------------------------------


@transaction.atomic
def canvas_purpose_update(
    *, actor: User, partnership: Partnership, purpose: str, beneficiaries: str, why_together: str, area: str
) -> Canvas:
    """Change the purpose (the partnership's own `purpose`), who benefits, why a
    partnership, and the area served. Editors only; one event naming the fields."""
    organisation = _editing(actor, partnership)
    canvas = canvas_for(partnership)
    changed = assign(partnership, {"purpose": purpose.strip()}, exclude=("created_by",))
    changed += assign(
        canvas,
        {"beneficiaries": beneficiaries.strip(), "why_together": why_together.strip(), "area": area.strip()},
        exclude=("partnership",),
    )
    if not changed:
        return canvas
    partnership.save(update_fields=["purpose", "updated_at"])
    canvas.save()
    _record(
        actor, "canvas.purpose_updated", partnership, partnership, organisation, payload={"fields": changed}
    )
    return canvas


@transaction.atomic
def canvas_step_mark(*, actor: User, partnership: Partnership, step: str, completed: bool) -> Canvas:
    """Mark a step done (or not done again). A list step can be done only once it
    has something in it."""
    organisation = _editing(actor, partnership)
    if step not in Step.values:
        raise ServiceError("Choose a step of the canvas.", status_code=404)
    canvas = canvas_for(partnership)
    if completed == (step in canvas.completed_steps):
        return canvas
    if completed and not _step_has_data(partnership, canvas, step):
        raise ServiceError(
            f"Add something to “{Step(step).label}” before marking it as done", field="completed"
        )
    steps = set(canvas.completed_steps) | {step} if completed else set(canvas.completed_steps) - {step}
    canvas.completed_steps = [s for s in Step.values if s in steps]
    canvas.save(update_fields=["completed_steps", "updated_at"])
    verb = "canvas.step_completed" if completed else "canvas.step_reopened"
    _record(actor, verb, canvas, partnership, organisation, object_repr=Step(step).label)
    return canvas


def _step_has_data(partnership: Partnership, canvas: Canvas, step: str) -> bool:
    if step == Step.PURPOSE:
        return bool(partnership.purpose or canvas.beneficiaries or canvas.why_together or canvas.area)
    if step == Step.OUTCOMES:
        return partnership.outcomes.exists()
    if step == Step.NEEDS:
        return partnership.needs.exists()
    return (
        partnership.pledges.filter(partner__left_at__isnull=True).exists()
        or PartnerStatement.objects.filter(
            partner__partnership=partnership, partner__left_at__isnull=True
        ).exists()
    )


@transaction.atomic
def canvas_comment_add(*, actor: User, partnership: Partnership, step: str, body: str) -> CanvasComment:
    """A comment on one step, by a contributing partner's member or an individual
    participant (observers read). Recorded for the actor's organisation, if any."""
    require(COMMENT, actor, partnership)
    refuse_if_closed(partnership, CLOSED)
    comment = CanvasComment(partnership=partnership, step=step, author=actor, body=body.strip())
    comment.full_clean()
    comment.save()
    # A participant's comment credits no organisation.
    organisation = credited_organisation(actor, partnership, roles=CONTRIBUTING_ROLES)
    _record(
        actor, "canvas.commented", comment, partnership, organisation, object_repr=comment.get_step_display()
    )
    return comment


# --- outcomes and indicators -----------------------------------------------------------------


@transaction.atomic
def outcome_add(*, actor: User, partnership: Partnership, statement: str, description: str = "") -> Outcome:
    """An outcome the partnership wants to bring about. Editors only, and not once
    the partnership has closed; writes `outcome.added`."""
    organisation = _editing(actor, partnership)
    outcome = Outcome(partnership=partnership, statement=statement.strip(), description=description.strip())
    outcome.full_clean()
    outcome.save()
    _record(actor, "outcome.added", outcome, partnership, organisation)
    return outcome


@transaction.atomic
def outcome_update(*, actor: User, outcome: Outcome, statement: str, description: str = "") -> Outcome:
    """Change an outcome's statement and description. Editors only; writes
    `outcome.updated` naming the changed fields, or nothing when none changed."""
    partnership = outcome.partnership
    organisation = _editing(actor, partnership)
    new = {"statement": statement.strip(), "description": description.strip()}
    changed = assign(outcome, new)
    if changed:
        outcome.save()
        _record(actor, "outcome.updated", outcome, partnership, organisation, payload={"fields": changed})
    return outcome


@transaction.atomic
def outcome_remove(*, actor: User, outcome: Outcome) -> None:
    """Remove an outcome with its indicators; needs that served it stay."""
    partnership = outcome.partnership
    organisation = _editing(actor, partnership)
    indicators = outcome.indicators.count()
    _record(actor, "outcome.removed", outcome, partnership, organisation, payload={"indicators": indicators})
    outcome.delete()


INDICATOR_FIELDS = ("question", "name", "unit", "baseline", "target", "target_date")


@transaction.atomic
def indicator_add(
    *,
    actor: User,
    outcome: Outcome,
    question: str,
    name: str,
    unit: str,
    baseline: Decimal | None,
    target: Decimal,
    target_date: date,
) -> Indicator:
    """An indicator for an outcome; its target date cannot be in the past."""
    partnership = outcome.partnership
    organisation = _editing(actor, partnership)
    _not_in_the_past(target_date, field="target_date", what="The target date")
    indicator = Indicator(
        outcome=outcome,
        question=question,
        name=name.strip(),
        unit=unit.strip(),
        baseline=baseline,
        target=target,
        target_date=target_date,
    )
    indicator.full_clean()
    indicator.save()
    _record(actor, "indicator.added", indicator, partnership, organisation)
    return indicator


@transaction.atomic
def indicator_update(
    *,
    actor: User,
    indicator: Indicator,
    question: str,
    name: str,
    unit: str,
    baseline: Decimal | None,
    target: Decimal,
    target_date: date,
) -> Indicator:
    """Change an indicator. Editors only; a new target date cannot be in the past,
    but an unchanged one that has passed is kept. Writes `indicator.updated` naming
    the changed fields, or nothing when none changed."""
    partnership = indicator.outcome.partnership
    organisation = _editing(actor, partnership)
    _not_in_the_past(target_date, field="target_date", what="The target date", old=indicator.target_date)
    new = dict(
        question=question,
        name=name.strip(),
        unit=unit.strip(),
        baseline=baseline,
        target=target,
        target_date=target_date,
    )
    changed = assign(indicator, new)
    if changed:
        indicator.save()
        _record(actor, "indicator.updated", indicator, partnership, organisation, payload={"fields": changed})
    return indicator


@transaction.atomic
def indicator_remove(*, actor: User, indicator: Indicator) -> None:
    """Remove an indicator. Editors only; writes `indicator.removed`."""
    partnership = indicator.outcome.partnership
    organisation = _editing(actor, partnership)
    _record(actor, "indicator.removed", indicator, partnership, organisation)
    indicator.delete()


# --- needs -------------------------------------------------------------------------------------


def _own_outcomes(partnership: Partnership, outcomes: Iterable[Outcome] | None) -> list[Outcome]:
    outcomes = list(outcomes or [])
    if any(o.partnership_id != partnership.pk for o in outcomes):
        raise ServiceError("Choose outcomes of this partnership", field="outcomes")
    return outcomes


@transaction.atomic
def need_add(
    *,
    actor: User,
    partnership: Partnership,
    category: str,
    description: str,
    quantity: Decimal,
    unit: str,
    needed_by: date | None = None,
    priority: str = "important",
    outcomes: Iterable[Outcome] = (),
) -> Need:
    """Something the partnership needs, in a unit that fits its category, by a date
    not yet passed, serving some of this partnership's outcomes."""
    organisation = _editing(actor, partnership)
    _not_in_the_past(needed_by, field="needed_by", what="The date it is needed by")
    outcomes = _own_outcomes(partnership, outcomes)
    need = Need(
        partnership=partnership,
        category=category,
        description=description.strip(),
        quantity=quantity,
        unit=unit,
        needed_by=needed_by,
        priority=priority,
    )
    need.full_clean()
    need.save()
    need.outcomes.set(outcomes)
    _record(actor, "need.added", need, partnership, organisation)
    return need


@transaction.atomic
def need_update(
    *,
    actor: User,
    need: Need,
    category: str,
    description: str,
    quantity: Decimal,
    unit: str,
    needed_by: date | None = None,
    priority: str = "important",
    outcomes: Iterable[Outcome] = (),
) -> Need:
    """Change a need and the outcomes it serves (this partnership's only). Editors
    only; a new needed-by date cannot be in the past, an unchanged one is kept.
    Writes `need.updated` naming the changed fields, or nothing when none changed."""
    partnership = need.partnership
    organisation = _editing(actor, partnership)
    _not_in_the_past(needed_by, field="needed_by", what="The date it is needed by", old=need.needed_by)
    outcomes = _own_outcomes(partnership, outcomes)
    new = dict(
        category=category,
        description=description.strip(),
        quantity=quantity,
        unit=unit,
        needed_by=needed_by,
        priority=priority,
    )
    outcomes_changed = {o.pk for o in outcomes} != set(need.outcomes.values_list("pk", flat=True))
    changed = assign(need, new) + (["outcomes"] if outcomes_changed else [])
    if changed:
        need.save()
        need.outcomes.set(outcomes)
        _record(actor, "need.updated", need, partnership, organisation, payload={"fields": changed})
    return need


@transaction.atomic
def need_remove(*, actor: User, need: Need) -> None:
    """Remove a need. Pledges made against it stay, as pledges not against a need."""
    partnership = need.partnership
    organisation = _editing(actor, partnership)
    pledges = need.pledges.count()
    _record(actor, "need.removed", need, partnership, organisation, payload={"pledges_kept": pledges})
    need.delete()


# --- pledges and what partners want ------------------------------------------------------------


def _pledging(actor: User, partner: Partner) -> None:
    require(PLEDGE_FOR, actor, partner)
    refuse_if_closed(partner.partnership, CLOSED)


def _need_of(partner: Partner, need: Need | None) -> Need | None:
    if need is not None and need.partnership_id != partner.partnership_id:
        raise ServiceError("Choose a need of this partnership", field="need")
    return need


@transaction.atomic
def pledge_add(
    *,
    actor: User,
    partner: Partner,
    need: Need | None,
    category: str,
    description: str,
    quantity: Decimal,
    unit: str,
    value_gbp: Decimal,
    availability: str = "",
    expected_by: date | None = None,
) -> Pledge:
    """A partner's promise, against one of this partnership's needs or unprompted.
    Only members of that (contributing) partner pledge for it; the event is
    recorded for the partner's organisation."""
    _pledging(actor, partner)
    pledge = Pledge(
        partnership=partner.partnership,
        partner=partner,
        need=_need_of(partner, need),
        category=category,
        description=description.strip(),
        quantity=quantity,
        unit=unit,
        value_gbp=value_gbp,
        availability=availability.strip(),
        expected_by=expected_by,
        created_by=actor,
    )
    pledge.full_clean(exclude=["created_by"])
    pledge.save()
    _record(actor, "pledge.added", pledge, partner.partnership, partner.organisation)
    return pledge


@transaction.atomic
def pledge_update(
    *,
    actor: User,
    pledge: Pledge,
    need: Need | None,
    category: str,
    description: str,
    quantity: Decimal,
    unit: str,
    value_gbp: Decimal,
    availability: str = "",
    expected_by: date | None = None,
) -> Pledge:
    """Change a pledge, against one of this partnership's needs or none. Only
    members of the pledging partner; writes `pledge.updated` for the partner's
    organisation, naming the changed fields, or nothing when none changed."""
    partner = pledge.partner
    _pledging(actor, partner)
    new = dict(
        need=_need_of(partner, need),
        category=category,
        description=description.strip(),
        quantity=quantity,
        unit=unit,
        value_gbp=value_gbp,
        availability=availability.strip(),
        expected_by=expected_by,
    )
    changed = assign(pledge, new, exclude=("created_by",))
    if changed:
        pledge.save()
        _record(
            actor,
            "pledge.updated",
            pledge,
            partner.partnership,
            partner.organisation,
            payload={"fields": changed},
        )
    return pledge


@transaction.atomic
def pledge_remove(*, actor: User, pledge: Pledge) -> None:
    """Withdraw a pledge. Only members of the pledging partner; writes
    `pledge.removed` for the partner's organisation. A pledge with contributions
    recorded against it in the ledger is kept (409): the ledger never loses what it
    points at."""
    partner = pledge.partner
    _pledging(actor, partner)
    _record(actor, "pledge.removed", pledge, partner.partnership, partner.organisation)
    try:
        with transaction.atomic():
            pledge.delete()
    except ProtectedError:
        raise Conflict(
            "Contributions have been recorded against this pledge, so it stays: change it instead."
        ) from None


@transaction.atomic
def partner_statement_set(*, actor: User, partner: Partner, wants: str) -> PartnerStatement:
    """What the partner wants from the partnership for itself, which the other
    partners can read. Said by a member of that partner."""
    _pledging(actor, partner)
    statement = PartnerStatement.objects.select_for_update().filter(partner=partner).first()
    statement = statement or PartnerStatement(partner=partner)
    if statement.pk and statement.wants == wants.strip():
        return statement
    statement.wants = wants.strip()
    statement.full_clean()
    statement.save()
    _record(
        actor,
        "partner.statement_updated",
        statement,
        partner.partnership,
        partner.organisation,
        object_repr=str(partner.partnership),
    )
    return statement
