"""What the radar reads: the three contract selectors (health check, activity signals,
outcomes' progress) put together as the warning's inputs, the report and its level,
and the meeting a remedy goes to."""

from dataclasses import dataclass

from django.utils import timezone

from consortia.activity.selectors import signal_series
from consortia.health.selectors import factor_scores_latest
from consortia.meetings.models import Meeting
from consortia.partnerships.models import Partnership
from consortia.partnerships.rules import active_partners
from consortia.progress.selectors import outcome_progress

from .models import RemedyProposal
from .remedies import Remedy, remedies_for
from .warning import Cause, RadarInputs, Report, assess

# One month in progress, the last complete one and the three before it, and a spare.
PERIODS = 6


def radar_inputs(*, partnership: Partnership) -> RadarInputs:
    """The warning's inputs for `partnership`, from the contract selectors only (each
    a fixed number of queries, whatever the number of events)."""
    return RadarInputs(
        today=timezone.localdate(),
        factors=tuple(factor_scores_latest(partnership=partnership)),
        signals=signal_series(partnership=partnership, periods=PERIODS),
        outcomes=tuple(outcome_progress(partnership=partnership)),
        # The partners the permission checks loaded already: no query on a page.
        partner_names={str(p.organisation.uuid): p.organisation.name for p in active_partners(partnership)},
    )


def radar_report(*, partnership: Partnership) -> Report:
    """The marks, the factors and the level of `partnership` now."""
    return assess(radar_inputs(partnership=partnership))


def radar_level(*, partnership: Partnership) -> str:
    """ "clear", "watch", "warning", or "unknown" (not enough data yet): for a badge
    (warning.LEVEL_LABELS has the words)."""
    return radar_report(partnership=partnership).level


def next_meeting(*, partnership: Partnership) -> Meeting | None:
    """The partnership's next meeting (not a working group's): scheduled, not
    cancelled, starting in the future; one query."""
    return (
        partnership.meetings.filter(
            working_group__isnull=True, status=Meeting.Status.SCHEDULED, starts_at__gt=timezone.now()
        )
        .order_by("starts_at", "pk")
        .first()
    )


@dataclass(frozen=True)
class Suggestion:
    """A remedy the page offers for a raised cause; `proposal` when it is already on
    the next meeting's agenda."""

    cause: Cause
    remedy: Remedy
    proposal: RemedyProposal | None = None


def suggestions(report: Report, meeting: Meeting | None) -> list[tuple[Cause, list[Suggestion]]]:
    """Each raised cause (warning first) with its remedies, marking those already on
    `meeting`'s agenda: one query when there is a meeting, none otherwise."""
    raised = report.raised
    on_agenda: dict[str, RemedyProposal] = {}
    if meeting is not None and raised:
        on_agenda = {p.remedy: p for p in RemedyProposal.objects.filter(meeting=meeting)}
    return [
        (cause, [Suggestion(cause, remedy, on_agenda.get(remedy.key)) for remedy in remedies_for(cause.key)])
        for cause in raised
    ]
