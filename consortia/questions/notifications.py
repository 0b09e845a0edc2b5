"""The questions rows in the notifications table (consortia/notifications/table.py).

Whoever a question is routed to (on asking, or later by "ask them") is told, as
theirs, with the response target in the event's text. The asker is told of each
answer, and the answerer when their answer is accepted. Nobody is told of their own
act; people outside the partnership (answering through the directory) are not told,
as the table keeps only the partnership's people.
"""

from django.urls import reverse

from consortia.core.models import Event
from consortia.notifications.audiences import from_payload
from consortia.notifications.table import Rule, rules_add


def question_link(event: Event) -> str:
    if event.partnership is None or event.object_uuid is None:
        return ""
    return reverse("questions:detail", args=[event.partnership.uuid, event.object_uuid])


def _one(key: str):  # type: ignore[no-untyped-def]
    def audience(event: Event) -> list[int]:
        value = event.payload.get(key)
        return [value] if isinstance(value, int) else []

    return audience


rules_add(
    Rule("questions.asked", from_payload("routed"), "yours", link=question_link),
    Rule("questions.routed", from_payload("routed"), "yours", link=question_link),
    Rule("questions.answered", _one("asker"), "yours", link=question_link),
    Rule("questions.answer_accepted", _one("answerer"), "yours", link=question_link),
)
