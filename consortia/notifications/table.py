"""The one table that maps each event verb to who is told, and why.

Each app lists its rows in its own `notifications.py` (found by
`autodiscover_modules("notifications")` when the app registry is ready, as
django-rules finds rules.py), so a new capability gets notifications by adding
rows, not code paths. A row is a `Rule`: the verb, an `audience` (the event ->
user ids; see audiences.py for the common ones), the reason ("mention", "yours"
or "activity"), optionally `link` (the event -> the URL of the thing; by
default the partnership's page) and `email=False` for a verb whose service
already emails the same people. Several rows may name one verb: a person in
more than one audience is told once, for the strongest reason.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.urls import reverse

from consortia.core.events import VERB_TEXT
from consortia.core.models import Event

from .models import Reason

Audience = Callable[[Event], Iterable[int]]

# The strongest reason first: a person mentioned in a post that is also theirs is told "mention".
REASON_ORDER = [Reason.MENTION, Reason.YOURS, Reason.ACTIVITY]


@dataclass(frozen=True)
class Rule:
    verb: str
    audience: Audience
    reason: str
    link: Callable[[Event], str] | None = None
    # False when the service that writes the verb already emails these people itself
    # (agreement.published asks for endorsements by email): the inbox only.
    email: bool = True

    def __post_init__(self) -> None:
        if self.verb not in VERB_TEXT:
            raise ValueError(f"Notification row for unknown verb {self.verb!r}: no service writes it.")
        if self.reason not in REASON_ORDER:
            raise ValueError(f"Notification row for {self.verb!r} has unknown reason {self.reason!r}.")


TABLE: dict[str, list[Rule]] = {}


def rules_add(*rules: Rule) -> None:
    """Add rows to the table (each app's notifications.py calls this once)."""
    for rule in rules:
        existing = TABLE.setdefault(rule.verb, [])
        if rule not in existing:
            existing.append(rule)


def rules_for(verb: str) -> list[Rule]:
    """The table's rows for `verb` (none: nobody is told)."""
    return TABLE.get(verb, [])


def partnership_link(event: Event) -> str:
    """The default link: the partnership's page."""
    if event.partnership is None:
        return ""
    return reverse("partnerships:detail", args=[event.partnership.uuid])
