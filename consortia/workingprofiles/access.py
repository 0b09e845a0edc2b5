"""Fetch an organisation for its "how we work" pages: missing and not allowed both
answer 404, so nobody can probe which organisations exist or keep a profile."""

from uuid import UUID

import rules
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from consortia.accounts.models import User
from consortia.organisations.models import Organisation


def organisation_get_for_profile(
    user: User | AnonymousUser, uuid: UUID, *, perm: str = "workingprofiles.view_profile_of_organisation"
) -> Organisation:
    organisation = Organisation.objects.filter(uuid=uuid).first()
    if organisation is None or not rules.has_perm(perm, user, organisation):
        raise Http404("No such organisation.")
    return organisation
