"""Meetings and their minutes in the search index (consortia/search/registry.py): a
meeting by its title, place and agenda, and, once published, its minutes and the
decisions they record (draft minutes are the note-taker's until then). A closed
working group's meetings only for its members, as on their pages."""

from django.urls import reverse

from consortia.search.registry import SearchDoc, Source, register, register_dependency
from consortia.search.text import plain_text

from .models import AgendaItem, Meeting, MinutesDecision


def _document(meeting: Meeting) -> SearchDoc:
    partnership = meeting.partnership
    parts = [meeting.place]
    parts += [f"{item.title}. {plain_text(item.notes)}" for item in meeting.agenda_items.all()]
    if meeting.minutes_published:
        parts.append(plain_text(meeting.minutes))
        parts += [decision.text for decision in meeting.decisions.all()]
    return SearchDoc(
        partnership_id=partnership.pk,
        working_group_id=meeting.working_group_id,
        started_at=meeting.created_at,
        title=meeting.title,
        body="\n".join(part for part in parts if part),
        url=reverse("meetings:detail", args=[partnership.uuid, meeting.uuid]),
        updated_at=meeting.updated_at,
    )


register(
    Source(
        kind="meeting",
        label="Meetings and minutes",
        model=Meeting,
        document=_document,
        queryset=lambda: Meeting.objects.select_related("partnership").prefetch_related(
            "agenda_items", "decisions"
        ),
    )
)
register_dependency(AgendaItem, lambda item: [item.meeting])
register_dependency(MinutesDecision, lambda decision: [decision.meeting])
