"""Changes to a person's own inbox and email choices. These are the person's own
settings, not the partnership's work, so they write no Event (the activity feed
and the health radar would only read noise) and need no open partnership."""

from django.db import transaction
from django.utils import timezone

from consortia.accounts.models import User
from consortia.core.errors import ServiceError
from consortia.core.services import require
from consortia.partnerships.models import Partnership

from .models import Notification, Preference
from .selectors import notification_list

CHOOSE = "notifications.choose_email_for_partnership"


@transaction.atomic
def notification_read(*, actor: User, notification: Notification) -> bool:
    """Mark one notification read; False when it already was."""
    require("notifications.read_notification", actor, notification)
    if notification.read_at is not None:
        return False
    notification.read_at = timezone.now()
    notification.save(update_fields=["read_at", "updated_at"])
    return True


@transaction.atomic
def notification_read_all(*, actor: User) -> int:
    """Mark every unread notification of the actor read (one update). Returns how many."""
    now = timezone.now()
    return Notification.objects.filter(
        pk__in=notification_list(actor).filter(read_at__isnull=True).values("pk")
    ).update(read_at=now, updated_at=now)


@transaction.atomic
def preference_set(*, actor: User, partnership: Partnership, email: str) -> bool:
    """Choose what the actor gets by email from the partnership. Returns whether it changed."""
    require(CHOOSE, actor, partnership)
    if email not in Preference.Email.values:
        raise ServiceError("Choose how you want to hear by email", field="email")
    return _preference_store(actor, partnership, email)


@transaction.atomic
def preference_unsubscribe(*, user: User, partnership: Partnership) -> bool:
    """Nothing more by email from the partnership: what an unsubscribe link does,
    without signing in (the signed token stands for the person). Returns whether it changed."""
    return _preference_store(user, partnership, Preference.Email.NONE)


def _preference_store(user: User, partnership: Partnership, email: str) -> bool:
    preference = Preference.objects.select_for_update().filter(user=user, partnership=partnership).first()
    if preference is None:
        if email == Preference.Email.MINE:  # the default: no row needed
            return False
        Preference.objects.create(user=user, partnership=partnership, email=email)
        return True
    if preference.email == email:
        return False
    preference.email = email
    preference.save(update_fields=["email", "updated_at"])
    return True
