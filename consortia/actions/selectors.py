"""Reads for the action pages, "My actions", the meeting agenda (open actions), the
calendar feed (actions due) and search (actions a person may see).

"Mine" means owned by the person, or by a partner organisation they are a member of
while it is still a partner. Every read across partnerships keeps only partnerships
the person is still in, so an action of a partnership they have left is gone. Every
read for a person keeps a closed working group's actions to its members, each from
when they joined (groups/privacy.py).
"""

import datetime
from dataclasses import dataclass, field

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet
from django.utils import timezone

from consortia.accounts.models import User
from consortia.groups.models import WorkingGroup
from consortia.groups.privacy import group_content_q
from consortia.organisations.models import Membership
from consortia.partnerships.models import Partnership
from consortia.threads.models import Thread

from .models import Action

# "Due soon" on My actions: within this many days (overdue ones are their own group).
DUE_SOON_DAYS = 7
# Done or dropped this recently still shows, collapsed, on My actions.
RECENTLY_DAYS = 14


def _with_related(actions: QuerySet[Action]) -> QuerySet[Action]:
    return actions.select_related("partnership", "owner_user", "owner_partner__organisation", "working_group")


def _visible(user: User | AnonymousUser, partnership: Partnership | None = None) -> Q:
    """The actions `user` may see as far as closed working groups go (no query of its
    own). Across partnerships there is no one partnership to name: group_content_q
    filters through the action's own group and its memberships, not the partnership."""
    return group_content_q(user, partnership or Partnership())


def open_actions(
    partnership: Partnership,
    working_group: WorkingGroup | None = None,
    *,
    user: User | AnonymousUser | None = None,
) -> QuerySet[Action]:
    """The partnership's open actions (of one working group when given), the soonest
    due first and undated last, with their owners and groups (one query). With `user`,
    only those the user may see (a closed group's only for its members); without, all
    of them, for a caller that applies the rule itself."""
    actions = partnership.actions.filter(status=Action.Status.OPEN)
    if working_group is not None:
        actions = actions.filter(working_group=working_group)
    if user is not None:
        actions = actions.filter(_visible(user, partnership))
    return _with_related(actions)


def thread_actions(user: User | AnonymousUser, thread: Thread) -> list[Action]:
    """The actions that came from the thread that the user may see, of any status,
    with their owners (one query)."""
    return list(_with_related(thread.actions.filter(_visible(user, thread.partnership))))


def _current_partnerships(user: User) -> QuerySet[Partnership]:
    """The partnerships the user is in now (as a subquery: no query of its own)."""
    return Partnership.objects.filter(
        Q(partners__organisation__memberships__user=user, partners__left_at__isnull=True)
        | Q(participants__user=user, participants__left_at__isnull=True)
    )


def _owned_by(user: User) -> Q:
    """Owned by the user, or by a still-active partner whose organisation they belong to."""
    orgs = Membership.objects.filter(user=user).values("organisation_id")
    return Q(owner_user=user) | Q(
        owner_partner__organisation_id__in=orgs, owner_partner__left_at__isnull=True
    )


def actions_for_user(user: User | AnonymousUser) -> QuerySet[Action]:
    """Every action the user may see, of any status: those of the partnerships they
    are in now (site administrators included: they see a partnership's pages, but
    this list is of their own partnerships). For search and other cross-partnership
    reads; no query until evaluated."""
    if not user.is_authenticated:
        return Action.objects.none()
    return _with_related(Action.objects.filter(_visible(user), partnership__in=_current_partnerships(user)))


def actions_owned_by(user: User | AnonymousUser) -> QuerySet[Action]:
    """The user's actions (personally or through their organisation), of any status,
    in the partnerships they are in now."""
    if not user.is_authenticated:
        return Action.objects.none()
    return actions_for_user(user).filter(_owned_by(user))


def actions_due_for_feed(user: User | AnonymousUser) -> QuerySet[Action]:
    """The user's open actions with a due date, in partnerships they are in now: the
    calendar feed's action entries (one query)."""
    return actions_owned_by(user).filter(status=Action.Status.OPEN, due__isnull=False)


def action_list(
    user: User | AnonymousUser,
    partnership: Partnership,
    *,
    status: str = "open",
    owner: str = "",
    overdue: bool = False,
    today: datetime.date | None = None,
) -> QuerySet[Action]:
    """The partnership's actions for its list page: `status` one of open, done,
    dropped or all; `owner` "" (anyone), "mine", "user:<uuid>" or "partner:<uuid>";
    `overdue` only open actions due before today. One query."""
    actions = _with_related(partnership.actions.filter(_visible(user, partnership)))
    if status in Action.Status.values:
        actions = actions.filter(status=status)
    if owner == "mine":
        actions = actions.filter(_owned_by(user)) if user.is_authenticated else actions.none()
    elif owner.startswith("user:"):
        actions = actions.filter(owner_user__uuid=owner.removeprefix("user:"))
    elif owner.startswith("partner:"):
        actions = actions.filter(owner_partner__uuid=owner.removeprefix("partner:"))
    if overdue:
        actions = actions.filter(status=Action.Status.OPEN, due__lt=today or timezone.localdate())
    return actions


@dataclass
class MyActions:
    """My actions, grouped for the page."""

    overdue: list[Action] = field(default_factory=list)
    due_soon: list[Action] = field(default_factory=list)
    later: list[Action] = field(default_factory=list)
    no_date: list[Action] = field(default_factory=list)
    closed_recently: list[Action] = field(default_factory=list)

    @property
    def open_count(self) -> int:
        return len(self.overdue) + len(self.due_soon) + len(self.later) + len(self.no_date)


def my_actions(user: User, *, today: datetime.date | None = None) -> MyActions:
    """The user's open actions across their current partnerships, grouped overdue,
    due within DUE_SOON_DAYS, later and undated, and those closed in the last
    RECENTLY_DAYS days. Two queries."""
    today = today or timezone.localdate()
    soon = today + datetime.timedelta(days=DUE_SOON_DAYS)
    grouped = MyActions()
    for action in actions_owned_by(user).filter(status=Action.Status.OPEN):
        if action.due is None:
            grouped.no_date.append(action)
        elif action.due < today:
            grouped.overdue.append(action)
        elif action.due <= soon:
            grouped.due_soon.append(action)
        else:
            grouped.later.append(action)
    since = timezone.now() - datetime.timedelta(days=RECENTLY_DAYS)
    grouped.closed_recently = list(
        actions_owned_by(user)
        .exclude(status=Action.Status.OPEN)
        .filter(closed_at__gte=since)
        .order_by("-closed_at")
    )
    return grouped
