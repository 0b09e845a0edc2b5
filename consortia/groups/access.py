"""Fetch working groups by uuid *within* a partnership the caller already fetched for
the user (consortia.partnerships.access): missing, another partnership's and not
allowed all answer 404."""

from uuid import UUID

import rules
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from consortia.accounts.models import User
from consortia.partnerships.models import Partnership

from .models import GroupMembership, WorkingGroup


def group_get_for_user(
    user: User | AnonymousUser, partnership: Partnership, uuid: UUID, *, perm: str | None = None
) -> WorkingGroup:
    group = partnership.working_groups.filter(uuid=uuid).select_related("lead").first()
    if group is not None:
        group.partnership = partnership  # share the partners already loaded
    if group is None or (perm and not rules.has_perm(perm, user, group)):
        raise Http404("No such working group.")
    return group


def membership_get(group: WorkingGroup, uuid: UUID) -> GroupMembership:
    """An open membership of the group."""
    membership = group.memberships.filter(uuid=uuid, left_at__isnull=True).select_related("user").first()
    if membership is None:
        raise Http404("No such member.")
    membership.group = group
    return membership
