"""Shared by the organisation service tests (test_profile.py, test_member_invitations.py,
test_memberships.py, test_offers.py): a profile, an invitation from Core Org's admin, a
membership."""

from consortia.organisations import services
from consortia.organisations.models import Membership

PROFILE = {
    "name": "Northshire Carers",
    "kind": "charity",
    "description": "Advice for unpaid carers.",
    "area_served": "Northshire",
    "website": "https://carers.example.org",
    "charity_number": " sc 012345 ",
    "company_number": "",
    "paid_staff": 12,
    "volunteers": 40,
    "listed_in_directory": True,
}


def invite(world, email="new.colleague@example.org", role="member", actor=None):
    return services.member_invite(
        actor=actor or world.users["partner_admin"], organisation=world.core_org, email=email, role=role
    )


def membership_of(user, organisation) -> Membership:
    return Membership.objects.get(user=user, organisation=organisation)
