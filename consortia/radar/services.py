"""The radar's one change: a suggested remedy put on a meeting's agenda in one click.

The agenda item is added by the meetings' own service (its permission: who may change
the meeting; its refusals: a cancelled meeting, published minutes, a closed
partnership), which writes the one event of the change under the radar's verb,
`radar.remedy_added`, naming the remedy and the cause it answers. The same remedy goes
on one meeting's agenda once (a database constraint, a 409 before it).
"""

from django.db import IntegrityError, transaction

from consortia.accounts.models import User
from consortia.core.errors import Conflict, ServiceError
from consortia.meetings.models import AgendaItem, Meeting
from consortia.meetings.services import agenda_item_add

from .models import RemedyProposal
from .remedies import CAUSE_REMEDIES, FALLBACK, REMEDIES
from .selectors import radar_report
from .warning import LEVEL_LABELS

VERB = "radar.remedy_added"


def _notes(cause_label: str, level: str, cause_text: str, evidence: list[str], why: str) -> str:
    lines = [
        f"Suggested by the partnership's health radar, answering “{cause_label}” "
        f"({LEVEL_LABELS[level].lower()}): {cause_text}",
        *(f"- {text}" for text in evidence),
        "",
        f"Why this may help: {why}",
    ]
    return "\n".join(lines)


@transaction.atomic
def remedy_add_to_agenda(*, actor: User, meeting: Meeting, cause: str, remedy: str) -> AgendaItem:
    """Put `remedy`, which the radar suggests now for the raised `cause`, on
    `meeting`'s agenda, its notes saying which warning it answers and why. 400 for a
    remedy or cause the radar does not know, 409 when the cause is no longer raised or
    the remedy is already on this meeting's agenda; the meetings' service checks the
    actor may change the meeting."""
    known = remedy in REMEDIES and remedy in CAUSE_REMEDIES.get(cause, FALLBACK)
    if not known:
        raise ServiceError("Choose one of the remedies the radar suggests", field="remedy")
    found = radar_report(partnership=meeting.partnership).cause(cause)
    if found is None or not found.raised:
        raise Conflict("The radar no longer raises that cause, so it suggests no remedy for it.")
    chosen = REMEDIES[remedy]
    # The meeting's row first (agenda_item_add locks it too): a second click at once
    # waits here, then finds the first one's remedy and is refused.
    Meeting.objects.select_for_update().filter(pk=meeting.pk).first()
    if RemedyProposal.objects.filter(meeting=meeting, remedy=remedy).exists():
        raise Conflict(f"“{chosen.title}” is already on the agenda of {meeting.title}.")
    item = agenda_item_add(
        actor=actor,
        meeting=meeting,
        title=chosen.agenda_title,
        notes=_notes(found.label, found.level, found.cause, [f.text for f in found.findings], chosen.why),
        verb=VERB,
        payload={"remedy": remedy, "cause": cause, "level": found.level},
    )
    try:
        with transaction.atomic():
            RemedyProposal.objects.create(
                meeting=meeting,
                agenda_item=item,
                remedy=remedy,
                cause=cause,
                level=found.level,
                proposed_by=actor,
            )
    except IntegrityError:  # the constraint holds whatever calls it
        raise Conflict(f"“{chosen.title}” is already on the agenda of {meeting.title}.") from None
    return item
