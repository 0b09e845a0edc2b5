"""Who may do what with notifications: a person reads and marks their own; any
member of a partnership chooses their own email for it."""

import rules
from django.contrib.auth.models import AnonymousUser

from consortia.accounts.models import User
from consortia.core.rules import add_perm
from consortia.partnerships.models import Partnership
from consortia.partnerships.rules import is_partnership_member

from .models import Notification


@rules.predicate
def is_recipient(user: User | AnonymousUser, notification: Notification | None) -> bool:
    return notification is not None and user.is_authenticated and notification.recipient_id == user.pk


add_perm("notifications.read_notification", Notification, is_recipient)
add_perm("notifications.choose_email_for_partnership", Partnership, is_partnership_member)
