"""Reads for the meetings pages and the apps above: a partnership's meetings, who is
invited, attendance per person and per organisation, the previous meeting (for
carry-over and the rhythm), the agreement's suggested next date, the live items
under the default agenda, and the meetings a person's calendar feed shows.

A meeting's page costs the same number of queries whatever the number of agenda
items or invitees: each list is read in one query and joined in Python.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from dateutil import parser as dateutil_parser
from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet
from django.utils import timezone

from consortia.accounts.models import User
from consortia.actions.models import Action
from consortia.actions.selectors import open_actions
from consortia.agreements.selectors import agreement_in_force
from consortia.canvas.models import Outcome
from consortia.canvas.selectors import COVERED, NeedCoverage, need_coverage_list
from consortia.decisions.models import Kind, Poll
from consortia.decisions.selectors import poll_ballots, poll_options, poll_results
from consortia.groups.models import WorkingGroup
from consortia.groups.privacy import group_content_q
from consortia.groups.selectors import group_members
from consortia.learning.models import Lesson
from consortia.learning.selectors import lessons_to_review
from consortia.organisations.models import Membership, Organisation
from consortia.partnerships.models import Participant, Partner, Partnership
from consortia.partnerships.rules import active_partners
from consortia.partnerships.selectors import partnership_ids_for_user

from .models import AgendaItem, Attendance, Meeting, MeetingAction
from .rhythm import next_date, rhythm_parse

DEFAULT_START = time(10, 0)
DEFAULT_LENGTH = timedelta(hours=2)


def meeting_list(user: User | AnonymousUser, partnership: Partnership) -> tuple[list[Meeting], list[Meeting]]:
    """(upcoming, soonest first; past, latest first) that the user may see (a closed
    group's only for its members, from when they joined): one query."""
    now = timezone.now()
    meetings = list(
        partnership.meetings.filter(group_content_q(user))
        .select_related("working_group")
        .order_by("starts_at", "pk")
    )
    upcoming = [m for m in meetings if m.ends_at > now]
    past = [m for m in reversed(meetings) if m.ends_at <= now]
    return upcoming, past


def group_meetings(user: User | AnonymousUser, group: WorkingGroup) -> list[Meeting]:
    """A working group's latest meetings that the user may see (one query)."""
    visible = group_content_q(user)
    return list(group.meetings.filter(visible).order_by("-starts_at", "-pk")[:20])


@dataclass
class Invitee:
    user: User
    organisations: list[Organisation] = field(default_factory=list)
    is_participant: bool = False
    status: str = ""  # the attendance recorded, if any


def invitees(meeting: Meeting) -> list[Invitee]:
    """Who the meeting invites now, by name: for a group meeting the group's members;
    else the members of the invited partner organisations and the partnership's
    individual participants. Three queries (two for a group meeting)."""
    if meeting.working_group is not None:
        people = [
            Invitee(m.user, list(m.organisations), m.is_participant)
            for m in group_members(meeting.working_group)
        ]
    else:
        invited = {p.organisation_id: p.organisation for p in meeting_invited_partners(meeting)}
        by_user: dict[int, Invitee] = {}
        for membership in Membership.objects.filter(organisation_id__in=list(invited)).select_related("user"):
            person = by_user.setdefault(membership.user_id, Invitee(membership.user))
            person.organisations.append(invited[membership.organisation_id])
        for participant in (
            Participant.objects.active().filter(partnership=meeting.partnership).select_related("user")
        ):
            by_user.setdefault(participant.user_id, Invitee(participant.user)).is_participant = True
        people = list(by_user.values())
    return sorted(people, key=lambda p: p.user.name.casefold())


def invitee_ids(meeting: Meeting) -> set[int]:
    """The user ids of `invitees` (for notifications and the invitation emails)."""
    return {p.user.pk for p in invitees(meeting)}


def invited_partner_ids(meeting: Meeting) -> set[int]:
    """The ids of the partners the meeting invites (one query, cached on the meeting)."""
    cached: set[int] | None = meeting.__dict__.get("_invited_partner_ids")
    if cached is None:
        cached = set(meeting.invited_partners.values_list("pk", flat=True))
        meeting.__dict__["_invited_partner_ids"] = cached
    return cached


def meeting_invited_partners(meeting: Meeting) -> list[Partner]:
    """The invited partners that are still active, from the partners the page has
    loaded (one query for the ids, cached)."""
    ids = invited_partner_ids(meeting)
    return [p for p in active_partners(meeting.partnership) if p.pk in ids]


@dataclass
class OrganisationAttendance:
    partner: Partner
    status: str  # attended, apologies, absent or "" (nothing recorded)
    people: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        return dict(Attendance.Status.choices).get(self.status, "Not recorded")


def attendance_list(meeting: Meeting) -> tuple[list[Invitee], list[OrganisationAttendance]]:
    """Each invitee with their recorded status (and anyone recorded who is no longer
    invited), and per invited organisation a status derived from its people's: it
    attended if any of them attended, else sent apologies if any did, else absent if
    any is recorded absent."""
    people = invitees(meeting)
    recorded = {a.user_id: a for a in meeting.attendance.select_related("user")}
    known = {p.user.pk for p in people}
    for person in people:
        if person.user.pk in recorded:
            person.status = recorded[person.user.pk].status
    people += [Invitee(a.user, status=a.status) for uid, a in recorded.items() if uid not in known]
    orgs = []
    rank: dict[str, int] = {"attended": 3, "apologies": 2, "absent": 1}
    for partner in meeting_invited_partners(meeting):
        mine = [p for p in people if any(o.pk == partner.organisation_id for o in p.organisations)]
        statuses = [p.status for p in mine if p.status]
        best = max(statuses, key=lambda s: rank[s], default="")
        orgs.append(
            OrganisationAttendance(
                partner, best, [p.user.name for p in mine if p.status == Attendance.Status.ATTENDED]
            )
        )
    return people, orgs


def agenda(meeting: Meeting) -> list[AgendaItem]:
    """The agenda in order, with owners and where carried items came from (one
    query); each item's `at` is when it starts if the ones before keep their time."""
    items = list(meeting.agenda_items.select_related("owner", "carried_from", "action"))
    at = meeting.starts_at
    for item in items:
        item.at = at  # type: ignore[attr-defined]  # read by the meeting's page
        at += timedelta(minutes=item.duration_minutes or 0)
    return items


def previous_meeting(
    partnership: Partnership,
    working_group: WorkingGroup | None,
    before: datetime,
    *,
    exclude: int | None = None,
) -> Meeting | None:
    """The latest meeting of the same partnership and group (or of the partnership
    itself) that started before `before` and was not cancelled."""
    meetings = partnership.meetings.filter(
        starts_at__lt=before, status=Meeting.Status.SCHEDULED, working_group=working_group
    )
    if exclude is not None:
        meetings = meetings.exclude(pk=exclude)
    return meetings.order_by("-starts_at", "-pk").first()


@dataclass
class Suggestion:
    starts_at: datetime
    ends_at: datetime
    rhythm: str


def suggested_next(
    partnership: Partnership, working_group: WorkingGroup | None = None, *, time_zone: str = "Europe/London"
) -> Suggestion | None:
    """The next date the agreement in force's meeting rhythm gives after the last
    meeting (or after today, when there was none), at the last meeting's time of day
    and length (10:00 for two hours otherwise). None when there is no agreement in
    force or its rhythm is not one we read."""
    version = agreement_in_force(partnership)
    rhythm = rhythm_parse(version.meeting_rhythm) if version is not None else None
    if version is None or rhythm is None:
        return None
    zone = ZoneInfo(time_zone)
    last = previous_meeting(partnership, working_group, timezone.now() + timedelta(days=3650))
    if last is not None:
        local = last.starts_at.astimezone(ZoneInfo(last.time_zone))
        day, at, length = local.date(), local.time().replace(tzinfo=None), last.duration
    else:
        day, at, length = timezone.now().astimezone(zone).date(), DEFAULT_START, DEFAULT_LENGTH
    today = timezone.now().astimezone(zone).date()
    following: date = next_date(rhythm, day)
    while following <= today:  # the last meeting was long ago: the next date from today
        following = next_date(rhythm, following)
    starts = datetime.combine(following, at, tzinfo=zone)
    return Suggestion(starts, starts + length, version.meeting_rhythm)


@dataclass
class AgendaLinks:
    """The live items shown under the default agenda's items."""

    outcomes: list[Outcome] = field(default_factory=list)
    gaps: list[NeedCoverage] = field(default_factory=list)
    polls: list[Poll] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    lessons: list[Lesson] = field(default_factory=list)


def polls_waiting(partnership: Partnership, before: datetime) -> QuerySet[Poll]:
    """Polls waiting for an outcome: closed without one, or open and closing before
    `before` (the meeting's start)."""
    return partnership.polls.filter(
        Q(status=Poll.Status.CLOSED, outcome="") | Q(status=Poll.Status.OPEN, closes_at__lt=before)
    ).order_by("closes_at", "pk")


def agenda_links(meeting: Meeting, items: list[AgendaItem]) -> AgendaLinks:
    """What the default items are about, read only for the kinds on the agenda: the
    canvas outcomes, the needs not fully covered, the polls waiting for an outcome,
    the open actions (of the group, for a group meeting) and the lessons not yet
    reviewed (learning log). One query each."""
    kinds = {item.kind for item in items}
    partnership = meeting.partnership
    links = AgendaLinks()
    if AgendaItem.Kind.OUTCOMES in kinds:
        links.outcomes = list(partnership.outcomes.all())
    if AgendaItem.Kind.GAPS in kinds:
        links.gaps = [n for n in need_coverage_list(partnership, with_outcomes=False) if n.status != COVERED]
    if AgendaItem.Kind.POLLS in kinds:
        links.polls = list(polls_waiting(partnership, meeting.starts_at))
    if AgendaItem.Kind.ACTIONS in kinds:
        links.actions = list(open_actions(partnership, meeting.working_group))
    if AgendaItem.Kind.LESSONS in kinds:
        links.lessons = lessons_to_review(partnership)
    return links


def meeting_actions(meeting: Meeting) -> list[MeetingAction]:
    """The actions agreed at the meeting, with their owners (one query)."""
    return list(
        meeting.meeting_actions.select_related(
            "action__owner_user", "action__owner_partner__organisation", "agenda_item"
        )
    )


@dataclass
class ChosenTime:
    """The winning time of a decided time poll: its label, and the date and time read
    from it (naive, in the meeting's zone) when the label names one."""

    label: str
    starts_at: datetime | None
    ends_at: datetime | None


def time_label_parse(label: str, around: datetime) -> datetime | None:
    """The date and time a time poll's option label names ("Tuesday 3 March, 10:00",
    "3/3/2027 14:00"), read day first as in the UK, the missing parts taken from
    `around` (the poll's closing day, at 10:00); None when it names no time."""
    default = around.replace(hour=DEFAULT_START.hour, minute=0, second=0, microsecond=0, tzinfo=None)
    try:
        parsed: datetime = dateutil_parser.parse(label, dayfirst=True, fuzzy=True, default=default)
        return parsed
    except (ValueError, OverflowError, TypeError):
        return None


def poll_winning_time(poll: Poll) -> ChosenTime | None:
    """The leading option of a closed time poll (None for any other poll, or one
    without ballots)."""
    if poll.kind != Kind.TIME_POLL or poll.status != Poll.Status.CLOSED:
        return None
    results = poll_results(poll, poll_options(poll), poll_ballots(poll))
    if not results.leading:
        return None
    label = results.leading[0].label
    starts = time_label_parse(label, poll.closes_at)
    return ChosenTime(label, starts, starts + DEFAULT_LENGTH if starts else None)


def meetings_for_feed(user: User | AnonymousUser) -> QuerySet[Meeting]:
    """Scheduled meetings of the partnerships the user is in now (a member of an
    active partner organisation, or an active individual participant), for their
    calendar feed. Meetings of a partnership they have left never appear."""
    if not isinstance(user, User):
        return Meeting.objects.none()
    # A closed group's meetings only for its members, from when they joined; the
    # filter reads the user's memberships, whatever the partnership.
    visible = group_content_q(user)
    return (
        Meeting.objects.filter(
            status=Meeting.Status.SCHEDULED, partnership__in=partnership_ids_for_user(user)
        )
        .filter(visible)
        .select_related("partnership")
        .order_by("starts_at", "pk")
    )
