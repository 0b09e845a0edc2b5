"""Fetch a ledger entry by uuid *within* a partnership the caller already fetched for
the user (consortia.partnerships.access): missing, another partnership's and not
allowed all answer 404."""

from uuid import UUID

import rules
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from consortia.accounts.models import User
from consortia.partnerships.models import Partnership

from .models import Entry

VIEW = "contributions.view_ledger_of_partnership"


def entry_get_for_user(
    user: User | AnonymousUser, partnership: Partnership, uuid: UUID, *, perm: str | None = None
) -> Entry:
    """The partnership's entry `uuid` with what its page shows; 404 when there is none,
    the user may not see the ledger, or `perm` is not theirs."""
    entry = (
        Entry.objects.filter(partnership=partnership, uuid=uuid)
        .select_related("partner__organisation", "pledge", "reverses", "reversed_by", "created_by")
        .first()
    )
    if entry is not None:
        entry.partnership = partnership  # share the partners already loaded
    if (
        entry is None
        or not rules.has_perm(VIEW, user, partnership)
        or (perm and not rules.has_perm(perm, user, entry))
    ):
        raise Http404("No such entry.")
    return entry
