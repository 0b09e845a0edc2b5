"""Where a lesson can be recorded from, for the apps above learning in the layer map.

Learning cannot import meetings (or exchanges): each such app registers, in its own
`lessons.py` (autodiscovered by LearningConfig.ready), how to resolve one of its
things by key for a user and a partnership, and which of them are recent (the choice
of meeting when a lesson is marked reviewed). What learning keeps is only the kind,
label, link and key (`SourceRef`).
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AnonymousUser

from consortia.accounts.models import User
from consortia.partnerships.models import Partnership


@dataclass(frozen=True)
class SourceRef:
    kind: str  # a models.SourceKind value
    key: str  # the thing's uuid, as text
    label: str  # how it reads: "Steering group meeting, 4 Dec 2026"
    url: str  # its page on this site


Resolve = Callable[[User | AnonymousUser, Partnership, str], SourceRef | None]
Recent = Callable[[User | AnonymousUser, Partnership], list[SourceRef]]

_RESOLVERS: dict[str, Resolve] = {}
_RECENT: dict[str, Recent] = {}


def source_register(kind: str, *, resolve: Resolve, recent: Recent | None = None) -> None:
    """Register how `kind` things are named (and, optionally, which are recent)."""
    _RESOLVERS[kind] = resolve
    if recent is not None:
        _RECENT[kind] = recent


def source_resolve(
    kind: str, user: User | AnonymousUser, partnership: Partnership, key: Any
) -> SourceRef | None:
    """The `kind` thing `key` of the partnership as the user may see it, or None."""
    resolve = _RESOLVERS.get(kind)
    if resolve is None or not key:
        return None
    return resolve(user, partnership, str(key))


def sources_recent(kind: str, user: User | AnonymousUser, partnership: Partnership) -> list[SourceRef]:
    recent = _RECENT.get(kind)
    return recent(user, partnership) if recent is not None else []
