"""One-click unsubscribe links: a signed token naming the person, the partnership
and the purpose, so a link can do that one thing and nothing else, without
signing in. Forged or tampered tokens read as None."""

from typing import Any

from django.core import signing

from consortia.accounts.models import User
from consortia.partnerships.models import Partnership

SALT = "consortia.notifications.unsubscribe"
PURPOSE = "unsubscribe"


def unsubscribe_token(user: User, partnership: Partnership) -> str:
    """The token of `user`'s unsubscribe link for `partnership`."""
    return signing.dumps({"u": str(user.uuid), "p": str(partnership.uuid), "do": PURPOSE}, salt=SALT)


def unsubscribe_read(token: str) -> tuple[str, str] | None:
    """(user uuid, partnership uuid) from a genuine token, else None."""
    if len(token) > 500:
        return None
    try:
        data: Any = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or data.get("do") != PURPOSE:
        return None
    user, partnership = data.get("u"), data.get("p")
    if not isinstance(user, str) or not isinstance(partnership, str):
        return None
    return user, partnership
