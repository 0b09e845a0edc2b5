"""What a new meeting's agenda starts with: the items and open actions carried over
from the previous meeting of the same partnership (or working group), then, unless
not wanted, the default items that keep a meeting on results. Each default item is
one entry in DEFAULT_AGENDA; the meeting's page shows the live items under it
(selectors.agenda_links)."""

from consortia.actions.models import Action

from .models import TITLE_MAX, AgendaItem, Meeting
from .selectors import previous_meeting

DEFAULT_AGENDA = [
    (AgendaItem.Kind.OUTCOMES, "Progress on our outcomes", 20),
    (AgendaItem.Kind.GAPS, "Needs still uncovered", 15),
    (AgendaItem.Kind.POLLS, "Polls waiting for an outcome", 10),
    (AgendaItem.Kind.ACTIONS, "Review of open actions", 15),
    (AgendaItem.Kind.LESSONS, "Lessons to review", 10),
    (AgendaItem.Kind.AOB, "Any other business", 10),
]


def default_items(meeting: Meeting) -> list[AgendaItem]:
    """One item per entry of DEFAULT_AGENDA, with its kind and time."""
    return [
        AgendaItem(meeting=meeting, kind=kind, title=title, duration_minutes=minutes, position=i)
        for i, (kind, title, minutes) in enumerate(DEFAULT_AGENDA, start=1)
    ]


def carried_items(meeting: Meeting, previous: Meeting) -> list[AgendaItem]:
    """The previous meeting's items marked not reached, carried into this agenda."""
    return [
        AgendaItem(
            meeting=meeting,
            title=item.title,
            owner=item.owner,
            duration_minutes=item.duration_minutes,
            position=0,
            carried_from=previous,
        )
        for item in previous.agenda_items.filter(not_reached=True, kind=AgendaItem.Kind.ITEM)
    ]


def carried_actions(meeting: Meeting, previous: Meeting) -> list[AgendaItem]:
    """The actions agreed at the previous meeting and still open, each an item."""
    links = previous.meeting_actions.filter(action__status=Action.Status.OPEN).select_related("action")
    return [
        AgendaItem(
            meeting=meeting,
            title=f"Action: {link.action.title}"[:TITLE_MAX],
            owner=link.action.owner_user,
            position=0,
            carried_from=previous,
            action=link.action,
        )
        for link in links
    ]


def opening_agenda(meeting: Meeting, *, default: bool) -> list[AgendaItem]:
    """The new meeting's first items, numbered: what carries over, then the default
    items (if wanted). Not saved: the caller bulk-creates them."""
    previous = previous_meeting(
        meeting.partnership, meeting.working_group, meeting.starts_at, exclude=meeting.pk
    )
    items = [] if previous is None else carried_items(meeting, previous) + carried_actions(meeting, previous)
    if default:
        items += default_items(meeting)
    for position, item in enumerate(items, start=1):
        item.position = position
    return items
