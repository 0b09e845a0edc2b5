"""Who may do what with an organisation (see consortia/core/rules.py for how
permissions are declared and called).

`organisations.view_organisation` is declared in partnerships/rules.py, because one
of its grounds is sharing a partnership, which this app does not know about.
"""

import rules
from django.contrib.auth.models import AnonymousUser

from consortia.accounts.models import User
from consortia.core.rules import add_perm, is_site_admin
from consortia.organisations.models import Membership, Organisation


def memberships_by_org(user: User | AnonymousUser | None) -> dict[int, str]:
    """{organisation id: role} for the user's memberships, loaded once per request."""
    if user is None or not user.is_authenticated:
        return {}
    cached: dict[int, str] | None = user.__dict__.get("_memberships_by_org")
    if cached is None:
        cached = dict(Membership.objects.filter(user=user).values_list("organisation_id", "role"))
        user.__dict__["_memberships_by_org"] = cached
    return cached


def memberships_forget(user: User | None) -> None:
    """Drop the cached memberships after a service changed them."""
    if user is not None:
        user.__dict__.pop("_memberships_by_org", None)


@rules.predicate
def is_org_member(user: User | AnonymousUser, organisation: Organisation | None) -> bool:
    return organisation is not None and organisation.pk in memberships_by_org(user)


@rules.predicate
def is_org_admin(user: User | AnonymousUser, organisation: Organisation | None) -> bool:
    return organisation is not None and memberships_by_org(user).get(organisation.pk) == "admin"


@rules.predicate
def is_listed(user: User | AnonymousUser, organisation: Organisation | None) -> bool:
    return organisation is not None and organisation.listed_in_directory


add_perm("organisations.view_members_of_organisation", Organisation, is_org_member | is_site_admin)
add_perm("organisations.manage_organisation", Organisation, is_org_admin)
