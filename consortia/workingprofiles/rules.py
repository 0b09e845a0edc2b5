"""Who may see and edit an organisation's "how we work" profile (see
consortia/core/rules.py for how permissions are declared and called).

The organisation's admins edit it and mark it reviewed. Its own members see it, and so
does everyone who shares a partnership with it (its partners' members and the
partnership's individual participants); site admins see it for support. Anyone,
signed in or not, sees it when the organisation is listed in the directory and has
chosen to show its profile there (off by default).
"""

import rules
from django.contrib.auth.models import AnonymousUser

from consortia.accounts.models import User
from consortia.core.rules import add_perm, is_site_admin
from consortia.organisations.models import Organisation
from consortia.organisations.rules import is_org_admin, is_org_member
from consortia.partnerships.rules import shares_a_partnership

from .models import WorkingProfile


@rules.predicate
def shows_profile_in_directory(user: User | AnonymousUser, organisation: Organisation | None) -> bool:
    """The organisation is listed in the directory and shows its profile there."""
    return (
        organisation is not None
        and organisation.listed_in_directory
        and WorkingProfile.objects.filter(organisation=organisation, shown_in_directory=True).exists()
    )


add_perm(
    "workingprofiles.view_profile_of_organisation",
    Organisation,
    is_org_member | is_site_admin | shows_profile_in_directory | shares_a_partnership,
)
add_perm("workingprofiles.edit_profile_of_organisation", Organisation, is_org_admin)
