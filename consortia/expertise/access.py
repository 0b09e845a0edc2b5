"""Fetch a person's expertise *within* a partnership the caller already fetched for
the user (consortia.partnerships.access): missing, another partnership's and not
allowed all answer 404."""

from uuid import UUID

import rules
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from consortia.accounts.models import User
from consortia.partnerships.models import Partnership

from .models import PersonExpertise


def expertise_get_for_user(
    user: User | AnonymousUser, partnership: Partnership, uuid: UUID, *, perm: str
) -> PersonExpertise:
    """The partnership's expertise `uuid` with its topic and person; 404 when there is
    none or `perm` is not the user's."""
    expertise = partnership.people_expertise.filter(uuid=uuid).select_related("topic", "user").first()
    if expertise is not None:
        expertise.partnership = partnership
    if expertise is None or not rules.has_perm(perm, user, expertise):
        raise Http404("No such expertise.")
    return expertise
