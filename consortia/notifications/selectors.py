"""Reads for the inbox and the header's unread count. Neither shows anything from a
partnership the person has left."""

from django.db.models import Q, QuerySet

from consortia.accounts.models import User
from consortia.organisations.models import Membership
from consortia.partnerships.models import Participant, Partner, Partnership

from .models import Notification, Preference


def partnership_list_joined(user: User) -> "QuerySet[Partnership]":
    """The partnerships the user is in now (a subquery: no query of its own)."""
    orgs = Membership.objects.filter(user=user).values("organisation_id")
    as_partner = Partner.objects.active().filter(organisation_id__in=orgs).values("partnership_id")
    as_participant = Participant.objects.active().filter(user=user).values("partnership_id")
    return Partnership.objects.filter(Q(pk__in=as_partner) | Q(pk__in=as_participant))


def notification_list(user: User) -> "QuerySet[Notification]":
    """The user's notifications, newest first, from partnerships they are still in,
    with what the inbox shows of each joined."""
    return (
        Notification.objects.filter(recipient=user, partnership__in=partnership_list_joined(user))
        .select_related("event__actor", "event__organisation", "partnership")
        .order_by("-created_at", "-id")
    )


def notification_unread_count(user: User) -> int:
    """How many of the user's notifications are unread (one query)."""
    return Notification.objects.filter(
        recipient=user, read_at__isnull=True, partnership__in=partnership_list_joined(user)
    ).count()


def preference_get(user: User, partnership: Partnership) -> str:
    """The user's email choice for the partnership (the default when never chosen)."""
    chosen = Preference.objects.filter(user=user, partnership=partnership).values_list("email", flat=True)
    return next(iter(chosen), Preference.Email.MINE)
