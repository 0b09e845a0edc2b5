"""Fetch a notification for the signed-in person: another person's, one from a
partnership they have left, and a missing one all answer 404."""

from uuid import UUID

import rules
from django.http import Http404

from consortia.accounts.models import User

from .models import Notification
from .selectors import notification_list


def notification_get_for_user(user: User, uuid: UUID) -> Notification:
    notification = notification_list(user).filter(uuid=uuid).first()
    if notification is None or not rules.has_perm("notifications.read_notification", user, notification):
        raise Http404("No such notification.")
    return notification
