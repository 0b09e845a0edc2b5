"""Every change to a partnership's actions: adding one, changing it, marking it done,
dropping it with a reason, reopening it, and the daily due-date reminders
(`action_reminders_send`, below).

Each service runs in one transaction, checks the actor's permission
(consortia/actions/rules.py), refuses a closed partnership, checks what it is given
before anything is written (the owner is in the partnership, the outcome, objective,
group and thread are this partnership's, the due date is not absurdly far off) and
writes exactly one event, none when nothing changed. Payloads name the owner and the
creator by id so the notifications table (notifications.py) can route them.
"""

import datetime
from typing import Any

from django.db import transaction
from django.db.models import F, QuerySet
from django.utils import timezone
from django_tasks import task

from consortia.accounts.models import User
from consortia.agreements.models import AgreementObjective
from consortia.canvas.models import Outcome
from consortia.core.errors import Conflict, ServiceError
from consortia.core.events import event_record
from consortia.core.services import refuse_if_closed, require
from consortia.groups.models import WorkingGroup
from consortia.groups.privacy import group_content_payload, sees_group_content
from consortia.groups.rules import is_group_member
from consortia.partnerships.credit import CONTRIBUTING_ROLES, EVERY_ROLE, credited_organisation
from consortia.partnerships.models import Partner, Partnership
from consortia.partnerships.rules import is_partnership_member
from consortia.threads.models import Thread

from .models import DETAILS_MAX, REASON_MAX, TITLE_MAX, Action

ADD = "actions.add_action_in_partnership"
CHANGE = "actions.change_action"

# A due date further off than this is a typo (2206 for 2026), not a plan.
DUE_HORIZON = datetime.timedelta(days=5 * 366)
# The fields action_update accepts: the same as action_create's.
EDITABLE = (
    "title",
    "details",
    "owner_user",
    "owner_partner",
    "due",
    "outcome",
    "objective",
    "working_group",
    "thread",
)


def _clean_title(title: str) -> str:
    title = " ".join((title or "").split())
    if not title:
        raise ServiceError("Enter what is to be done", field="title")
    if len(title) > TITLE_MAX:
        raise ServiceError(f"The title must be {TITLE_MAX} characters or fewer", field="title")
    return title


def _clean_details(details: str) -> str:
    details = (details or "").strip()
    if len(details) > DETAILS_MAX:
        raise ServiceError(f"The details must be {DETAILS_MAX:,} characters or fewer", field="details")
    return details


def _check_owner(partnership: Partnership, owner_user: User | None, owner_partner: Partner | None) -> None:
    if (owner_user is None) == (owner_partner is None):
        raise ServiceError("Choose one owner: a person or a partner organisation", field="owner")
    if owner_user is not None and not is_partnership_member(owner_user, partnership):
        raise ServiceError("The owner must be someone in this partnership", field="owner")
    if owner_partner is not None and (
        owner_partner.partnership_id != partnership.pk or owner_partner.left_at is not None
    ):
        raise ServiceError("The owner must be a partner organisation of this partnership", field="owner")


def _check_due(due: datetime.date | None) -> None:
    # A date in the past is allowed: an action agreed late is simply overdue at once.
    if due is not None and due > timezone.localdate() + DUE_HORIZON:
        raise ServiceError("The due date must be within five years", field="due")


def _check_links(
    partnership: Partnership,
    *,
    outcome: Outcome | None,
    objective: AgreementObjective | None,
    working_group: WorkingGroup | None,
    thread: Thread | None,
) -> None:
    if outcome is not None and outcome.partnership_id != partnership.pk:
        raise ServiceError("Choose one of this partnership's outcomes", field="outcome")
    if objective is not None and objective.version.partnership_id != partnership.pk:
        raise ServiceError("Choose one of this partnership's agreement objectives", field="objective")
    if working_group is not None and (
        working_group.partnership_id != partnership.pk or working_group.is_archived
    ):
        raise ServiceError("Choose one of this partnership's working groups", field="working_group")
    if thread is not None and thread.partnership_id != partnership.pk:
        raise ServiceError("That thread is not in this partnership", field="thread")


def _check_closed_group(
    actor: User,
    working_group: WorkingGroup | None,
    owner_user: User | None,
    owner_partner: Partner | None,
    started: datetime.datetime,
) -> None:
    """A closed group keeps its actions to its members (groups/privacy.py): only a
    member adds one to it, and its owner is a member who can open it (one who joined
    by `started`, when the action was added), in person, for a partner organisation's
    people are not all members."""
    if working_group is None or working_group.is_open:
        return
    if not is_group_member(actor, working_group):
        raise ServiceError(
            f"{working_group} is a closed group: only its members add its actions", field="working_group"
        )
    if (
        owner_partner is not None
        or owner_user is None
        or not is_group_member(owner_user, working_group)
        or not sees_group_content(owner_user, working_group.partnership, working_group.pk, started)
    ):
        raise ServiceError(
            f"{working_group} is a closed group: choose one of its members as the owner", field="owner"
        )


def _payload(action: Action, **facts: Any) -> dict[str, Any]:
    """The owner, for the notifications, the due date and links, for the activity
    signals, and for a closed group's action what keeps its events to the group's
    members (groups/privacy.py)."""
    return {
        "owner_user": action.owner_user_id,
        "owner_partner": action.owner_partner_id,
        # For the activity signals (activity/computation.py): the due date and whether
        # the action serves an outcome or objective, as they stand after the change.
        "due": action.due.isoformat() if action.due else None,
        "serves": action.outcome_id is not None or action.objective_id is not None,
        **facts,
        **group_content_payload(action.working_group, action.created_at),
    }


@transaction.atomic
def action_create(
    actor: User,
    partnership: Partnership,
    *,
    title: str,
    details: str = "",
    owner_user: User | None = None,
    owner_partner: Partner | None = None,
    due: datetime.date | None = None,
    outcome: Outcome | None = None,
    objective: AgreementObjective | None = None,
    working_group: WorkingGroup | None = None,
    thread: Thread | None = None,
) -> Action:
    """Add an action with exactly one owner (a person in the partnership or one of its
    active partner organisations; a member, for a closed working group's action). 400
    with the field when the input is wrong; one `action.created` event, naming the
    owner for the notifications."""
    require(ADD, actor, partnership)
    refuse_if_closed(partnership, "add actions to it")
    title, details = _clean_title(title), _clean_details(details)
    _check_owner(partnership, owner_user, owner_partner)
    _check_due(due)
    _check_links(
        partnership, outcome=outcome, objective=objective, working_group=working_group, thread=thread
    )
    _check_closed_group(actor, working_group, owner_user, owner_partner, timezone.now())
    action = Action.objects.create(
        partnership=partnership,
        title=title,
        details=details,
        owner_user=owner_user,
        owner_partner=owner_partner,
        due=due,
        outcome=outcome,
        objective=objective,
        working_group=working_group,
        thread=thread,
        created_by=actor,
    )
    event_record(
        actor=actor,
        verb="action.created",
        obj=action,
        organisation=credited_organisation(actor, partnership, roles=CONTRIBUTING_ROLES),
        partnership=partnership,
        payload=_payload(action, thread=str(thread.uuid) if thread else None),
    )
    return action


@transaction.atomic
def action_update(actor: User, action: Action, **fields: Any) -> Action:
    """Change an action's title, details, owner, due date or links (the fields of
    action_create; any other name is a TypeError). A closed action is not changed
    (409: reopen it first). The same checks as action_create, except that a due
    date already past may stay. One `action.updated` event naming the fields that
    changed and whether the owner did; none when nothing changed."""
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise TypeError(f"action_update() got unexpected fields {sorted(unknown)}")
    partnership = action.partnership
    require(CHANGE, actor, action)
    refuse_if_closed(partnership, "change its actions")
    if not action.is_open:
        raise Conflict("This action is closed: reopen it to change it.")
    new = {name: getattr(action, name) for name in EDITABLE} | fields
    new["title"], new["details"] = _clean_title(new["title"]), _clean_details(new["details"])
    _check_owner(partnership, new["owner_user"], new["owner_partner"])
    if "due" in fields and new["due"] != action.due:
        _check_due(new["due"])
    _check_links(
        partnership,
        outcome=new["outcome"],
        objective=new["objective"],
        working_group=new["working_group"],
        thread=new["thread"],
    )
    _check_closed_group(
        actor, new["working_group"], new["owner_user"], new["owner_partner"], action.created_at
    )
    changed = [name for name in EDITABLE if getattr(action, name) != new[name]]
    if not changed:
        return action
    reassigned = "owner_user" in changed or "owner_partner" in changed
    for name in changed:
        setattr(action, name, new[name])
    if "due" in changed:  # a new date has its own reminders
        action.reminded_before_on = action.reminded_due_on = None
    action.save()
    event_record(
        actor=actor,
        verb="action.updated",
        obj=action,
        organisation=credited_organisation(actor, partnership, roles=EVERY_ROLE),
        partnership=partnership,
        payload=_payload(action, changed=changed, reassigned=reassigned),
    )
    return action


def _close(actor: User, action: Action, status: str, reason: str, verb: str) -> Action:
    partnership = action.partnership
    require(CHANGE, actor, action)
    refuse_if_closed(partnership, "change its actions")
    # Lock the row: two people closing at once get one close and one 409.
    locked = Action.objects.select_for_update().get(pk=action.pk)
    if not locked.is_open:
        raise Conflict(f"This action is already {locked.get_status_display().lower()}.")
    action.status, action.drop_reason = status, reason
    action.closed_at, action.closed_by = timezone.now(), actor
    action.save(update_fields=["status", "drop_reason", "closed_at", "closed_by", "updated_at"])
    event_record(
        actor=actor,
        verb=verb,
        obj=action,
        organisation=credited_organisation(actor, partnership, roles=EVERY_ROLE),
        partnership=partnership,
        payload=_payload(action, created_by=action.created_by_id),
    )
    return action


@transaction.atomic
def action_done(actor: User, action: Action) -> Action:
    """Mark an open action done (its owner, its creator or the convener's admins);
    409 when it is already closed. One `action.done` event, for the creator."""
    return _close(actor, action, Action.Status.DONE, "", "action.done")


@transaction.atomic
def action_drop(actor: User, action: Action, reason: str) -> Action:
    """Drop an open action, saying why (required, up to REASON_MAX characters); 409
    when it is already closed. One `action.dropped` event, for the creator."""
    reason = (reason or "").strip()
    if not reason:
        raise ServiceError("Say why the action is dropped", field="reason")
    if len(reason) > REASON_MAX:
        raise ServiceError(f"The reason must be {REASON_MAX:,} characters or fewer", field="reason")
    return _close(actor, action, Action.Status.DROPPED, reason, "action.dropped")


@transaction.atomic
def action_reopen(actor: User, action: Action) -> Action:
    """Reopen a done or dropped action (the reason is cleared; the event history
    keeps it); 409 when it is open. One `action.reopened` event."""
    partnership = action.partnership
    require(CHANGE, actor, action)
    refuse_if_closed(partnership, "change its actions")
    locked = Action.objects.select_for_update().get(pk=action.pk)
    if locked.is_open:
        raise Conflict("This action is already open.")
    action.status, action.drop_reason = Action.Status.OPEN, ""
    action.closed_at = action.closed_by = None
    action.save(update_fields=["status", "drop_reason", "closed_at", "closed_by", "updated_at"])
    event_record(
        actor=actor,
        verb="action.reopened",
        obj=action,
        organisation=credited_organisation(actor, partnership, roles=EVERY_ROLE),
        partnership=partnership,
        payload=_payload(action),
    )
    return action


# --- the daily reminders ---------------------------------------------------------------------
#
# The daily due-date reminders (settings.SCHEDULED_TASKS).
#
# For each open action due within the next two days (not today) and each due today, one
# event (`action.due_soon`, `action.due_today`) that the notifications table routes to
# the owner as theirs, so the email follows their preference. Each reminder is sent
# once per due date: the date it was sent for is kept on the action
# (`reminded_before_on`, `reminded_due_on`), written in one bulk update with the events
# in one transaction, so a second run the same day sends nothing. A changed due date
# clears them (action_update), and the new date gets its own reminders. A day the job
# did not run is caught up by the next run ("within two days", not "in exactly two").
# Closed partnerships are left alone.

BEFORE_DAYS = 2


def _due(field: str, **due: datetime.date) -> QuerySet[Action]:
    """Open actions of open partnerships due as given, not yet reminded for that date,
    locked (a second run at the same moment waits, then finds nothing to do)."""
    return (
        Action.objects.select_for_update(of=("self",))
        .select_related("partnership", "working_group")
        .filter(status=Action.Status.OPEN, **{f"due__{k}": v for k, v in due.items()})
        .exclude(partnership__status="closed")
        .exclude(**{field: F("due")})
        .order_by("pk")
    )


def _remind(actions: list[Action], verb: str, field: str) -> None:
    for action in actions:
        event_record(
            actor=None,
            verb=verb,
            obj=action,
            partnership=action.partnership,
            payload=_payload(action, due=str(action.due)),
        )
    Action.objects.filter(pk__in=[a.pk for a in actions]).update(**{field: F("due")})


@task()
def action_reminders_send() -> int:
    """Record today's reminders (see the comment above). Returns how many."""
    today = timezone.localdate()
    with transaction.atomic():
        soon = list(_due("reminded_before_on", gt=today, lte=today + datetime.timedelta(days=BEFORE_DAYS)))
        due_today = list(_due("reminded_due_on", exact=today))
        _remind(soon, "action.due_soon", "reminded_before_on")
        _remind(due_today, "action.due_today", "reminded_due_on")
    return len(soon) + len(due_today)
