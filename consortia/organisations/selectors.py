"""Read functions for organisations, already scoped to what the user may see."""

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet

from consortia.accounts.models import User

from .models import Membership, Organisation, OrganisationInvitation


def organisation_list_for_user(user: User) -> QuerySet[Membership]:
    """The user's memberships with their organisations, for "Your organisations"."""
    return Membership.objects.filter(user=user).select_related("organisation").order_by("organisation__name")


def organisation_admin_list_for_user(user: User) -> QuerySet[Organisation]:
    """Organisations the user can act for (convene, accept invitations)."""
    return Organisation.objects.filter(memberships__user=user, memberships__role=Membership.Role.ADMIN)


def organisation_directory(*, query: str = "", kind: str = "") -> QuerySet[Organisation]:
    """Organisations that chose to be listed publicly, optionally filtered."""
    organisations = Organisation.objects.filter(listed_in_directory=True)
    if query:
        organisations = organisations.filter(
            Q(name__icontains=query)
            | Q(area_served__icontains=query)
            | Q(description__icontains=query)
            | Q(expertise__topic__icontains=query)
        ).distinct()
    if kind:
        organisations = organisations.filter(kind=kind)
    return organisations.prefetch_related("offers").order_by("name")


def member_list(organisation: Organisation) -> QuerySet[Membership]:
    """The organisation's members with their users, admins first (whom to ask), then
    by name: one query. Callers check who may see them
    (organisations.view_members_of_organisation)."""
    return organisation.memberships.select_related("user").order_by("role", "user__name", "user__email")


def member_invitation_list_pending(organisation: Organisation) -> QuerySet[OrganisationInvitation]:
    """The organisation's invitations whose links still work (pending, not expired):
    one query."""
    return organisation.invitations.open()


def member_invitation_list_for_user(user: User | AnonymousUser) -> QuerySet[OrganisationInvitation]:
    """Colleague invitations for the user's verified email address."""
    return OrganisationInvitation.objects.addressed_to(user).open().select_related("organisation")
