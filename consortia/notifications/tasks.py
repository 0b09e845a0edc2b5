"""The fan-out, in the background: `event_record` sends `event_recorded` after its
transaction commits, and `on_event_recorded` enqueues one task with the event's id
when the table has rows for its verb (nothing personal in the task's arguments). So
a change in a partnership of 1,000 costs its request what it costs in one of 10.

`notifications_fan_out` resolves the audiences, keeps only people still in the
partnership and not the actor, writes the Notification rows in one bulk insert
(safe to run twice: one row per person and event), and schedules the emails each
person's Preference asks for through the outbox, which retries a failed send.
`notifications_digest_send` (settings.SCHEDULED_TASKS, daily) sends each person one
email per partnership with the items waiting for their digest.
"""

import logging
from collections import defaultdict
from typing import Any

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django_tasks import task

from consortia.accounts.models import User
from consortia.core.events import event_text
from consortia.core.mail import email_schedule, emails_are_suppressed
from consortia.core.models import Event
from consortia.groups.privacy import closed_group_audience
from consortia.partnerships.models import Partnership

from .audiences import member_ids
from .models import Notification, Preference, Reason
from .table import REASON_ORDER, partnership_link, rules_for
from .tokens import unsubscribe_token

logger = logging.getLogger(__name__)

EMAILED = {
    Preference.Email.ALL: {Reason.MENTION, Reason.YOURS, Reason.ACTIVITY},
    Preference.Email.MINE: {Reason.MENTION, Reason.YOURS},
    Preference.Email.DIGEST: set(),
    Preference.Email.NONE: set(),
}


def on_event_recorded(sender: Any, *, event_id: int, verb: str = "", **kwargs: Any) -> None:
    """Enqueue the fan-out for an event the table has rows for (no query here). While
    emails are suppressed (loading the demo, a bulk import) it runs at once instead,
    filling inboxes and sending nothing: a task run later would send the mail."""
    if not getattr(settings, "NOTIFICATIONS_FAN_OUT", True) or not rules_for(verb):
        return
    try:
        if emails_are_suppressed():
            notifications_fan_out.call(event_id=event_id)
        else:
            notifications_fan_out.enqueue(event_id=event_id)
    except Exception:
        # The change is committed: a notification lost is logged, never the request's failure.
        logger.exception("Notifications for event %s were not queued", event_id)


def unsubscribe_headers(user: User, partnership: Partnership) -> tuple[str, dict[str, str]]:
    """The unsubscribe link for `user` in `partnership` and the RFC 8058 headers naming it."""
    url = settings.SITE_URL.rstrip("/") + reverse(
        "notifications:unsubscribe", args=[unsubscribe_token(user, partnership)]
    )
    return url, {"List-Unsubscribe": f"<{url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}


def recipients_for(event: Event) -> dict[int, str]:
    """{user id: reason} for an event: every row's audience, the strongest reason
    for each person, never the actor, only people in the partnership now."""
    reasons: dict[int, str] = {}
    for rule in rules_for(event.verb):
        for user_id in rule.audience(event):
            held = reasons.get(user_id)
            if held is None or REASON_ORDER.index(Reason(rule.reason)) < REASON_ORDER.index(Reason(held)):
                reasons[user_id] = rule.reason
    reasons.pop(event.actor_id or 0, None)
    if event.partnership is None:
        return {}
    still_in = member_ids(event.partnership)
    # A closed working group's content reaches only its members who could open it.
    in_group = closed_group_audience(event.payload)
    if in_group is not None:
        still_in &= in_group
    return {user_id: reason for user_id, reason in reasons.items() if user_id in still_in}


@task()
def notifications_fan_out(*, event_id: int) -> int:
    """Tell the event's audience: notifications in bulk, then emails. Returns how many
    notifications were made."""
    event = Event.objects.select_related("partnership", "actor", "organisation").filter(pk=event_id).first()
    if event is None or event.partnership is None:
        return 0
    rules = rules_for(event.verb)
    reasons = recipients_for(event)
    if not reasons:
        return 0
    link = next((rule.link for rule in rules if rule.link is not None), partnership_link)
    url = link(event)
    emails_allowed = any(rule.email for rule in rules)
    partnership = event.partnership
    chosen = dict(
        Preference.objects.filter(partnership=partnership, user_id__in=list(reasons)).values_list(
            "user_id", "email"
        )
    )
    with transaction.atomic():
        Notification.objects.bulk_create(
            [
                Notification(
                    recipient_id=user_id,
                    event=event,
                    partnership=partnership,
                    reason=reason,
                    url=url,
                    digest_pending=chosen.get(user_id) == Preference.Email.DIGEST,
                )
                for user_id, reason in reasons.items()
            ],
            ignore_conflicts=True,
        )
        if emails_allowed:
            wanted = [
                user_id
                for user_id, reason in reasons.items()
                if reason in EMAILED[Preference.Email(chosen.get(user_id, Preference.Email.MINE))]
            ]
            for user in User.objects.filter(pk__in=wanted, is_active=True).exclude(email=""):
                unsubscribe_url, headers = unsubscribe_headers(user, partnership)
                email_schedule(
                    to=user.email,
                    template="notifications/email/notification",
                    context={
                        "event": event,
                        "text": event_text(event),
                        "partnership": partnership,
                        "reason": Reason(reasons[user.pk]).label,
                        "url": settings.SITE_URL.rstrip("/") + url,
                        "unsubscribe_url": unsubscribe_url,
                    },
                    headers=headers,
                )
    return len(reasons)


@task()
def notifications_digest_send() -> int:
    """Send each person one email per partnership with the notifications waiting for
    their daily digest, and mark them sent. Items from partnerships the person has
    left are dropped unsent. Returns how many emails were scheduled."""
    waiting = list(
        Notification.objects.filter(digest_pending=True)
        .select_related("event__actor", "event__organisation", "partnership", "recipient")
        .order_by("recipient_id", "partnership_id", "created_at", "id")
    )
    grouped: dict[tuple[int, int], list[Notification]] = defaultdict(list)
    for notification in waiting:
        grouped[(notification.recipient_id, notification.partnership_id)].append(notification)
    members: dict[int, set[int]] = {}
    sent = 0
    with transaction.atomic():
        for (user_id, partnership_id), items in grouped.items():
            partnership, user = items[0].partnership, items[0].recipient
            if partnership_id not in members:
                members[partnership_id] = member_ids(partnership)
            if user_id in members[partnership_id] and user.is_active and user.email:
                unsubscribe_url, headers = unsubscribe_headers(user, partnership)
                email_schedule(
                    to=user.email,
                    template="notifications/email/digest",
                    context={
                        "partnership": partnership,
                        "items": [(n, event_text(n.event)) for n in items],
                        "inbox_url": settings.SITE_URL.rstrip("/") + reverse("notifications:inbox"),
                        "unsubscribe_url": unsubscribe_url,
                    },
                    headers=headers,
                )
                sent += 1
        Notification.objects.filter(pk__in=[n.pk for n in waiting]).update(digest_pending=False)
    return sent
