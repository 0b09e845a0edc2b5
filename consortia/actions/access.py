"""Fetch an action by uuid *within* a partnership the caller already fetched for the
user (consortia.partnerships.access): missing, another partnership's, a closed
working group's the user may not open (groups/privacy.py) and not allowed all answer
404."""

from uuid import UUID

import rules
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from consortia.accounts.models import User
from consortia.groups.privacy import sees_group_content
from consortia.partnerships.models import Partnership

from .models import Action


def action_get_for_user(
    user: User | AnonymousUser, partnership: Partnership, uuid: UUID, *, perm: str | None = None
) -> Action:
    """The partnership's action `uuid`, with what its page shows; 404 when there is
    none or `perm` is not the user's."""
    action = (
        partnership.actions.filter(uuid=uuid)
        .select_related(
            "owner_user",
            "owner_partner__organisation",
            "working_group",
            "outcome",
            "objective",
            "thread",
            "created_by",
            "closed_by",
        )
        .first()
    )
    if action is not None:
        action.partnership = partnership  # share the partners already loaded
    if (
        action is None
        or not sees_group_content(user, partnership, action.working_group_id, action.created_at)
        or (perm and not rules.has_perm(perm, user, action))
    ):
        raise Http404("No such action.")
    return action
