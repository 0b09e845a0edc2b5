"""Read functions for partnerships, already scoped to what the user may see."""

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Q, QuerySet

from consortia.accounts.models import User
from consortia.core.events import event_visibility_q
from consortia.core.models import Event
from consortia.organisations.models import Organisation

from .models import Participant, Partnership, PartnershipInvitation

FEED_LENGTH = 15


def partnership_list_for_user(user: User) -> QuerySet[Partnership]:
    """Partnerships the user takes part in, through an organisation or in person,
    with the number of active partners."""
    mine = Partnership.objects.filter(
        Q(partners__organisation__memberships__user=user, partners__left_at__isnull=True)
        | Q(participants__user=user, participants__left_at__isnull=True)
    ).values("pk")
    return (
        Partnership.objects.filter(pk__in=mine)
        .annotate(partner_count=Count("partners", filter=Q(partners__left_at__isnull=True)))
        .order_by("name")
    )


def partnership_list_for_organisation(organisation: Organisation) -> QuerySet[Partnership]:
    """The partnerships the organisation is an active partner in, by name: one
    query. Callers check the viewer may see the organisation."""
    return Partnership.objects.filter(
        partners__organisation=organisation, partners__left_at__isnull=True
    ).order_by("name")


def invitation_list_for_user(user: User | AnonymousUser) -> QuerySet[PartnershipInvitation]:
    """Invitations waiting for this user's answer, matched by email, and so only once
    the user has verified that address."""
    return (
        PartnershipInvitation.objects.addressed_to(user).open().select_related("partnership", "invited_for")
    )


def invitation_list_pending(partnership: Partnership) -> QuerySet[PartnershipInvitation]:
    """Invitations that can still be answered (pending, not expired), as the
    organisation page lists them: an expired link is not waiting for a reply."""
    return partnership.invitations.open().select_related("invited_by")


def participant_list(partnership: Partnership) -> QuerySet[Participant]:
    """The partnership's active individual participants with their users: one query."""
    return partnership.participants.active().select_related("user")


def event_list(user: User | AnonymousUser, partnership: Partnership) -> QuerySet[Event]:
    """The partnership's activity the user may see, newest first, with who and for
    whom (a closed working group's events only for its members: core.events
    EVENT_VISIBILITY)."""
    return (
        Event.objects.filter(partnership=partnership)
        .filter(event_visibility_q(user, partnership))
        .select_related("actor", "organisation")
    )


def event_feed(user: User | AnonymousUser, partnership: Partnership) -> list[Event]:
    """The latest FEED_LENGTH events of event_list, for the partnership's page: one
    query (and one for the user's closed groups, if any filter needs it)."""
    return list(event_list(user, partnership)[:FEED_LENGTH])
