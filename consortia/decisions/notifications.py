"""The decisions' rows in the notifications table (consortia/notifications/table.py):
a poll opened tells those who may vote in it ("yours"); its outcome tells everyone."""

from django.urls import reverse

from consortia.accounts.models import User
from consortia.core.models import Event
from consortia.notifications.audiences import everyone, member_ids
from consortia.notifications.table import Rule, rules_add
from consortia.organisations.models import Membership

from .models import Poll
from .rules import vote_capacities


def _poll(event: Event) -> Poll | None:
    if event.object_uuid is None:
        return None
    return Poll.objects.select_related("partnership").filter(uuid=event.object_uuid).first()


def voters(event: Event) -> list[int]:
    """Everyone in the partnership who may vote in the poll (decisions.rules.vote_capacities),
    in a fixed number of queries: each person's memberships are loaded together."""
    poll = _poll(event)
    if poll is None:
        return []
    people = list(User.objects.filter(pk__in=member_ids(poll.partnership)))
    by_user: dict[int, dict[int, str]] = {person.pk: {} for person in people}
    for user_id, org_id, role in Membership.objects.filter(user__in=people).values_list(
        "user_id", "organisation_id", "role"
    ):
        by_user[user_id][org_id] = role
    participants = {p.user_id: p for p in poll.partnership.participants.active()}
    cache = poll.partnership.__dict__.setdefault("_participant_for", {})
    for person in people:
        person.__dict__["_memberships_by_org"] = by_user[person.pk]  # what memberships_by_org caches
        cache[person.pk] = participants.get(person.pk)  # what participant_for caches
    return [person.pk for person in people if vote_capacities(person, poll)]


def poll_link(event: Event) -> str:
    if event.partnership is None or event.object_uuid is None:
        return ""
    return reverse("decisions:detail", args=[event.partnership.uuid, event.object_uuid])


rules_add(
    Rule("poll.opened", voters, "yours", link=poll_link),
    Rule("poll.outcome_written", everyone, "activity", link=poll_link),
)
