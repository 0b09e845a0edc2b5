"""The helpers every app's services.py uses: one way to check a permission, to
refuse a change to a closed partnership, and to assign fields and report which
changed (so a service that changed nothing writes no event).

Core sits below every app (accounts < core < organisations < partnerships < ...),
so nothing here imports an app: the partnership is read through its `status`.
"""

from typing import Any, Protocol

import rules
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db import models

from consortia.accounts.models import User

from .errors import Conflict


class HasStatus(Protocol):
    """A partnership, as core sees it (core sits below partnerships)."""

    @property
    def status(self) -> str: ...


def require(
    perm: str, actor: User | AnonymousUser, obj: models.Model | None, *, refusal: Exception | None = None
) -> None:
    """Raise PermissionDenied(perm) unless the rule `perm` (in its app's rules.py)
    lets `actor` act on `obj`. A service whose refusal is a message on the user's
    form passes it as `refusal` (a ServiceError with status_code=403)."""
    if not rules.has_perm(perm, actor, obj):
        raise refusal or PermissionDenied(perm)


def refuse_if_closed(partnership: HasStatus, doing: str) -> None:
    """409 when the partnership has closed: "<partnership> has closed, so nobody can
    <doing>." `doing` reads after "nobody can" (e.g. "change its canvas")."""
    if partnership.status == "closed":
        raise Conflict(f"{partnership} has closed, so nobody can {doing}.")


def assign(obj: models.Model, new: dict[str, Any], *, exclude: tuple[str, ...] = ()) -> list[str]:
    """Set `new` on `obj`, validate it with full_clean (leaving out `exclude`), and
    return the names of the fields whose value changed, in `new`'s order: the
    event's payload. The caller saves, and writes an event, only when one did."""
    changed = [field for field, value in new.items() if getattr(obj, field) != value]
    for field, value in new.items():
        setattr(obj, field, value)
    obj.full_clean(exclude=list(exclude))
    return changed
