"""The header's unread count: computed only when a page shows it (one query), once
per request, and never for anonymous visitors."""

from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from .selectors import notification_unread_count


def unread(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    if not hasattr(request, "_notifications_unread"):
        request._notifications_unread = SimpleLazyObject(lambda: notification_unread_count(user))  # type: ignore[attr-defined]
    return {"notifications_unread": request._notifications_unread}  # type: ignore[attr-defined]
