"""Fetch polls by uuid *within* a partnership the caller already fetched for the
user (consortia.partnerships.access): missing, another partnership's and not
allowed all answer 404."""

from uuid import UUID

import rules
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from consortia.accounts.models import User
from consortia.partnerships.models import Partnership

from .models import Poll


def poll_get_for_user(
    user: User | AnonymousUser, partnership: Partnership, uuid: UUID, *, perm: str | None = None
) -> Poll:
    # "consultation" is the consultations app's reverse one-to-one, named here without
    # importing it (that app sits above this one): joined so that the poll page's
    # consultation panel costs no query; likewise "discussion_thread", the threads app's
    # (its `{% load threads %}` link on the poll page).
    poll = (
        partnership.polls.filter(uuid=uuid)
        .select_related("created_by", "consultation", "weights_from", "working_group", "discussion_thread")
        .first()
    )
    if poll is not None:
        poll.partnership = partnership  # share the partners already loaded
    if poll is None or (perm and not rules.has_perm(perm, user, poll)):
        raise Http404("No such poll.")
    return poll
