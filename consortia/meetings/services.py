"""Every change to a partnership's meetings: scheduling, changing and cancelling a
meeting (with invitations by email carrying an iCalendar object), its agenda,
attendance and apologies, the minutes (draft, open for corrections, corrections,
published, approved per partner) and the decisions they record.

Each service runs in one transaction, checks the actor's permission
(consortia/meetings/rules.py), refuses a closed partnership and writes exactly one
event (none when nothing changed); `minutes_approve` writes a second,
`meeting.minutes_final`, when the last approval asked for arrives. Bad input is a
ServiceError (400) naming the field, written before anything is saved; the
database's CheckConstraint holds a meeting's end after its start whatever calls it.
"""

from collections.abc import Iterable
from datetime import datetime, timedelta
from functools import partial
from typing import Any
from zoneinfo import ZoneInfo, available_timezones

from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.utils import timezone

from consortia.accounts.models import User
from consortia.actions.services import action_create
from consortia.core.errors import Conflict, ServiceError
from consortia.core.events import event_record
from consortia.core.mail import emails_are_suppressed
from consortia.core.services import refuse_if_closed, require
from consortia.decisions.models import Kind, Poll
from consortia.groups.models import WorkingGroup
from consortia.groups.privacy import group_content_payload
from consortia.groups.selectors import open_member_ids, partnership_people
from consortia.organisations.models import Membership, Organisation
from consortia.partnerships.credit import EVERY_ROLE, credited_organisation
from consortia.partnerships.models import Partner, Partnership
from consortia.partnerships.rules import active_partners, is_convener_admin

from .agenda import opening_agenda
from .models import (
    CORRECTION_DAYS_MAX,
    MINUTES_MAX,
    TITLE_MAX,
    AgendaItem,
    Attendance,
    Meeting,
    MeetingAction,
    MinutesApproval,
    MinutesCorrection,
    MinutesDecision,
    ical_uid_for,
)
from .selectors import invited_partner_ids, invitee_ids
from .tasks import meeting_invitations_send

SCHEDULE = "meetings.schedule_meeting_in_partnership"
CHANGE = "meetings.change_meeting"
ATTENDANCE = "meetings.record_attendance_at_meeting"
APOLOGIES = "meetings.send_apologies_to_meeting"
MINUTES = "meetings.write_minutes_of_meeting"
CORRECT = "meetings.correct_minutes_of_meeting"
APPROVE = "meetings.approve_minutes_for_partner"

MAX_LENGTH = timedelta(hours=24)
DURATION_MAX = 600
# The fields invitees' calendars follow: a change to one sends the invitation again.
CALENDAR_FIELDS = ("title", "starts_at", "ends_at", "place", "video_url")


# --- checking input -----------------------------------------------------------------------


def _clean_title(title: str) -> str:
    title = " ".join((title or "").split())
    if not title:
        raise ServiceError("Enter a title", field="title")
    if len(title) > TITLE_MAX:
        raise ServiceError(f"The title must be {TITLE_MAX} characters or fewer", field="title")
    return title


def _clean_times(starts_at: datetime, ends_at: datetime, time_zone: str) -> None:
    if time_zone not in available_timezones():
        raise ServiceError("Choose a time zone from the list", field="time_zone")
    if timezone.is_naive(starts_at) or timezone.is_naive(ends_at):
        raise ServiceError("Give the meeting's times with their time zone", field="starts_at")
    if ends_at <= starts_at:
        raise ServiceError("The meeting must end after it starts", field="ends_at")
    if ends_at - starts_at > MAX_LENGTH:
        raise ServiceError("A meeting can last at most 24 hours", field="ends_at")


def _clean_person(partnership: Partnership, user: User | None, field: str, what: str) -> User | None:
    if user is not None and user.pk not in partnership_people(partnership):
        raise ServiceError(f"Choose {what} from the people in the partnership", field=field)
    return user


def _clean_partners(
    partnership: Partnership, partners: Iterable[Partner] | None, group: WorkingGroup | None
) -> list[Partner]:
    """The invited partners: all active partners by default, or for a group meeting
    the partners its members belong to; those named must be active partners."""
    active = active_partners(partnership)
    if partners is None:
        if group is None:
            return list(active)
        people = partnership_people(partnership)
        orgs = {o.pk for uid in open_member_ids(group) if uid in people for o in people[uid].organisations}
        return [p for p in active if p.organisation_id in orgs]
    chosen = list(partners)
    active_ids = {p.pk for p in active}
    if any(p.pk not in active_ids for p in chosen):
        raise ServiceError("Invite only this partnership's partners", field="invited_partners")
    if not chosen and group is None:
        raise ServiceError("Invite at least one partner organisation", field="invited_partners")
    return chosen


def _clean_group(partnership: Partnership, group: WorkingGroup | None) -> WorkingGroup | None:
    if group is not None and (group.partnership_id != partnership.pk or group.is_archived):
        raise ServiceError("Choose one of this partnership's working groups", field="working_group")
    return group


def _clean_poll(partnership: Partnership, poll: Poll | None) -> Poll | None:
    if poll is None:
        return None
    if poll.partnership_id != partnership.pk:
        raise ServiceError("That poll is not in this partnership", status_code=404)
    if poll.kind != Kind.TIME_POLL or poll.status != Poll.Status.CLOSED:
        raise ServiceError("Schedule only from a time poll that has closed", field="from_poll")
    return poll


def _organisation(actor: User, partnership: Partnership) -> Organisation | None:
    return credited_organisation(actor, partnership, roles=EVERY_ROLE)


def _invite_later(meeting: Meeting, method: str) -> None:
    """Email the invitees after commit, from a task that gets only the meeting's id."""
    if emails_are_suppressed():
        return
    transaction.on_commit(partial(meeting_invitations_send.enqueue, meeting_id=meeting.pk, method=method))


def _record(
    *, actor: User, verb: str, meeting: Meeting, organisation: Organisation | None, **payload: Any
) -> None:
    """The one event of a change to `meeting`; a closed group's meeting carries the
    group's privacy (groups/privacy.py), so only its members are told of it."""
    event_record(
        actor=actor,
        verb=verb,
        obj=meeting,
        organisation=organisation,
        partnership=meeting.partnership,
        payload={**payload, **group_content_payload(meeting.working_group, meeting.created_at)},
    )


def _refuse_if_cancelled(meeting: Meeting) -> None:
    if meeting.is_cancelled:
        raise Conflict("That meeting has been cancelled.")


# --- scheduling -----------------------------------------------------------------------------


@transaction.atomic
def meeting_schedule(
    *,
    actor: User,
    partnership: Partnership,
    title: str,
    starts_at: datetime,
    ends_at: datetime,
    time_zone: str = "Europe/London",
    place: str = "",
    video_url: str = "",
    working_group: WorkingGroup | None = None,
    invited_partners: Iterable[Partner] | None = None,
    chair: User | None = None,
    note_taker: User | None = None,
    from_poll: Poll | None = None,
    default_agenda: bool = True,
    needs_partner_approval: bool = False,
    send_invitations: bool = True,
) -> Meeting:
    """Schedule a meeting of the partnership or of one of its working groups (the
    convener's admins; a group's lead for the group). Its agenda starts with the
    default items (unless not wanted) after the items and open actions carried over
    from the previous meeting; each invitee is emailed an invitation with an
    iCalendar object (unless not wanted). 400 for bad input, nothing written."""
    require(SCHEDULE, actor, partnership)
    refuse_if_closed(partnership, "schedule meetings")
    title = _clean_title(title)
    _clean_times(starts_at, ends_at, time_zone)
    group = _clean_group(partnership, working_group)
    if group is not None and not actor_may_schedule_for(actor, partnership, group):
        raise ServiceError(
            "Only the group's lead or the convener schedules the group's meetings", field="working_group"
        )
    if group is None and not actor_may_schedule_for(actor, partnership, None):
        raise ServiceError("Choose a working group you lead", field="working_group")
    partners = _clean_partners(partnership, invited_partners, group)
    _clean_person(partnership, chair, "chair", "the chair")
    _clean_person(partnership, note_taker, "note_taker", "the note-taker")
    poll = _clean_poll(partnership, from_poll)
    if not (place.strip() or video_url.strip()):
        raise ServiceError("Give a place, a video link or both", field="place")
    meeting = Meeting(
        partnership=partnership,
        working_group=group,
        title=title,
        starts_at=starts_at,
        ends_at=ends_at,
        time_zone=time_zone,
        place=place.strip(),
        video_url=video_url.strip(),
        chair=chair,
        note_taker=note_taker,
        from_poll=poll,
        created_by=actor,
        needs_partner_approval=needs_partner_approval,
    )
    meeting.ical_uid = ical_uid_for(meeting.uuid)
    meeting.full_clean(exclude=["invited_partners"])
    meeting.save()
    meeting.invited_partners.set(partners)
    items = opening_agenda(meeting, default=default_agenda)
    AgendaItem.objects.bulk_create(items)
    _record(
        actor=actor,
        verb="meeting.scheduled",
        meeting=meeting,
        organisation=_organisation(actor, partnership),
        **{
            "starts_at": starts_at.isoformat(),
            "working_group": str(group.uuid) if group else None,
            "from_poll": str(poll.uuid) if poll else None,
            "carried_over": sum(1 for i in items if i.carried_from_id),
        },
    )
    if send_invitations and not meeting.is_past:  # a meeting recorded afterwards invites nobody
        _invite_later(meeting, "REQUEST")
    return meeting


def actor_may_schedule_for(actor: User, partnership: Partnership, group: WorkingGroup | None) -> bool:
    """The convener's admins schedule any meeting; a group's lead the group's."""
    if is_convener_admin(actor, partnership):
        return True
    return group is not None and group.lead_id == actor.pk


@transaction.atomic
def meeting_change(
    *,
    actor: User,
    meeting: Meeting,
    title: str,
    starts_at: datetime,
    ends_at: datetime,
    time_zone: str,
    place: str = "",
    video_url: str = "",
    invited_partners: Iterable[Partner] | None = None,
    chair: User | None = None,
    note_taker: User | None = None,
    needs_partner_approval: bool = False,
    send_invitations: bool = True,
) -> Meeting:
    """Change a scheduled meeting. A change its invitees' calendars follow (title,
    time, place, link) raises the SEQUENCE and sends the invitation again. A change
    that changes nothing writes nothing. 409 once cancelled."""
    partnership = meeting.partnership
    require(CHANGE, actor, meeting)
    refuse_if_closed(partnership, "change its meetings")
    _refuse_if_cancelled(meeting)
    title = _clean_title(title)
    _clean_times(starts_at, ends_at, time_zone)
    partners = _clean_partners(partnership, invited_partners, meeting.working_group)
    _clean_person(partnership, chair, "chair", "the chair")
    _clean_person(partnership, note_taker, "note_taker", "the note-taker")
    if not (place.strip() or video_url.strip()):
        raise ServiceError("Give a place, a video link or both", field="place")
    new = {
        "title": title,
        "starts_at": starts_at,
        "ends_at": ends_at,
        "time_zone": time_zone,
        "place": place.strip(),
        "video_url": video_url.strip(),
        "chair": chair,
        "note_taker": note_taker,
        "needs_partner_approval": needs_partner_approval,
    }
    if meeting.minutes_published and needs_partner_approval != meeting.needs_partner_approval:
        raise Conflict("The minutes are published: whether they need approval can no longer change.")
    changed = [f for f, v in new.items() if getattr(meeting, f) != v]
    before = invited_partner_ids(meeting)
    partners_changed = {p.pk for p in partners} != before
    if not changed and not partners_changed:
        return meeting
    for f, v in new.items():
        setattr(meeting, f, v)
    calendar = any(f in CALENDAR_FIELDS for f in changed)
    if calendar:
        meeting.sequence += 1
    meeting.full_clean(exclude=["invited_partners"])
    meeting.save()
    if partners_changed:
        meeting.invited_partners.set(partners)
        meeting.__dict__.pop("_invited_partner_ids", None)
        changed.append("invited_partners")
    _record(
        actor=actor,
        verb="meeting.changed",
        meeting=meeting,
        organisation=_organisation(actor, partnership),
        **{"changed": changed, "sequence": meeting.sequence},
    )
    if send_invitations and (calendar or partners_changed) and not meeting.is_past:
        _invite_later(meeting, "REQUEST")
    return meeting


@transaction.atomic
def meeting_cancel(*, actor: User, meeting: Meeting, send_invitations: bool = True) -> Meeting:
    """Cancel a meeting: invitees' calendars are told (METHOD:CANCEL, a higher
    SEQUENCE). 409 when already cancelled or over."""
    partnership = meeting.partnership
    require(CHANGE, actor, meeting)
    refuse_if_closed(partnership, "cancel its meetings")
    locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if locked.is_cancelled:
        raise Conflict("That meeting is already cancelled.")
    if locked.is_past:
        raise Conflict("That meeting has already taken place.")
    meeting.status = Meeting.Status.CANCELLED
    meeting.sequence = locked.sequence + 1
    meeting.save(update_fields=["status", "sequence", "updated_at"])
    _record(
        actor=actor,
        verb="meeting.cancelled",
        meeting=meeting,
        organisation=_organisation(actor, partnership),
    )
    if send_invitations:
        _invite_later(meeting, "CANCEL")
    return meeting


# --- the agenda -----------------------------------------------------------------------------


def _clean_duration(minutes: int | None) -> int | None:
    if minutes is not None and not (1 <= minutes <= DURATION_MAX):
        raise ServiceError(f"Give a duration from 1 to {DURATION_MAX} minutes", field="duration_minutes")
    return minutes


def attendance_open(meeting: Meeting) -> bool:
    """Attendance can be recorded from an hour before the start (people arrive early)."""
    return meeting.starts_at <= timezone.now() + timedelta(hours=1)


def _agenda_guard(actor: User, meeting: Meeting, doing: str) -> None:
    require(CHANGE, actor, meeting)
    refuse_if_closed(meeting.partnership, doing)
    _refuse_if_cancelled(meeting)
    if meeting.minutes_published:
        raise Conflict("The minutes are published: the agenda can no longer change.")


@transaction.atomic
def agenda_item_add(
    *,
    actor: User,
    meeting: Meeting,
    title: str,
    owner: User | None = None,
    duration_minutes: int | None = None,
    notes: str = "",
    verb: str = "meeting.agenda_item_added",
    payload: dict[str, Any] | None = None,
) -> AgendaItem:
    """Add an item at the end of the agenda (before "any other business", which stays last).
    An app above meetings that adds an item for its own reason (the radar's remedies)
    names its own `verb` and `payload`, so the change still writes exactly one event."""
    _agenda_guard(actor, meeting, "change its agendas")
    title = _clean_title(title)
    _clean_person(meeting.partnership, owner, "owner", "the owner")
    _clean_duration(duration_minutes)
    Meeting.objects.select_for_update().filter(pk=meeting.pk).first()  # one position at a time
    aob = meeting.agenda_items.filter(kind=AgendaItem.Kind.AOB).order_by("position").first()
    if aob is not None:
        position = aob.position
        meeting.agenda_items.filter(position__gte=position).update(position=F("position") + 1)
    else:
        position = (meeting.agenda_items.aggregate(top=Max("position"))["top"] or 0) + 1
    item = AgendaItem.objects.create(
        meeting=meeting,
        title=title,
        owner=owner,
        duration_minutes=duration_minutes,
        notes=(notes or "").strip(),
        position=position,
    )
    _agenda_event(actor, meeting, verb, item, **(payload or {}))
    return item


def _agenda_event(actor: User, meeting: Meeting, verb: str, item: AgendaItem, **payload: object) -> None:
    _record(
        actor=actor,
        verb=verb,
        meeting=meeting,
        organisation=_organisation(actor, meeting.partnership),
        item=str(item.uuid),
        title=item.title,
        **payload,
    )


@transaction.atomic
def agenda_item_change(
    *,
    actor: User,
    item: AgendaItem,
    title: str,
    owner: User | None = None,
    duration_minutes: int | None = None,
    notes: str = "",
    not_reached: bool = False,
) -> AgendaItem:
    """Change an item: its title, owner, timing, notes, and whether it was reached
    (an item not reached is carried into the next meeting's agenda)."""
    meeting = item.meeting
    _agenda_guard(actor, meeting, "change its agendas")
    new = {
        "title": _clean_title(title),
        "owner": _clean_person(meeting.partnership, owner, "owner", "the owner"),
        "duration_minutes": _clean_duration(duration_minutes),
        "notes": (notes or "").strip(),
        "not_reached": bool(not_reached),
    }
    if len(new["notes"]) > 5000:  # type: ignore[arg-type]
        raise ServiceError("Notes must be 5,000 characters or fewer", field="notes")
    changed = [f for f, v in new.items() if getattr(item, f) != v]
    if not changed:
        return item
    for f, v in new.items():
        setattr(item, f, v)
    item.save()
    _agenda_event(actor, meeting, "meeting.agenda_item_changed", item, changed=changed)
    return item


@transaction.atomic
def agenda_item_move(*, actor: User, item: AgendaItem, up: bool) -> AgendaItem:
    """Swap an item with the one above (or below) it. 409 at the top (or bottom)."""
    meeting = item.meeting
    _agenda_guard(actor, meeting, "change its agendas")
    Meeting.objects.select_for_update().filter(pk=meeting.pk).first()
    items = list(meeting.agenda_items.order_by("position", "pk"))
    index = next(i for i, other in enumerate(items) if other.pk == item.pk)
    other_index = index - 1 if up else index + 1
    if not 0 <= other_index < len(items):
        raise Conflict("That item is already first." if up else "That item is already last.")
    items[index], items[other_index] = items[other_index], items[index]
    for position, each in enumerate(items, start=1):
        each.position = position
    AgendaItem.objects.bulk_update(items, ["position"])
    _agenda_event(actor, meeting, "meeting.agenda_reordered", item, up=up)
    return item


@transaction.atomic
def agenda_item_remove(*, actor: User, item: AgendaItem) -> None:
    """Take an item off the agenda."""
    meeting = item.meeting
    _agenda_guard(actor, meeting, "change its agendas")
    _agenda_event(actor, meeting, "meeting.agenda_item_removed", item)
    item.delete()


# --- attendance -----------------------------------------------------------------------------


@transaction.atomic
def attendance_record(*, actor: User, meeting: Meeting, statuses: dict[int, str]) -> int:
    """Record attendance, person by person (user id -> attended, apologies or
    absent), for people in the partnership; "" leaves a person unrecorded. One event
    for the whole record; none when nothing changed. Returns how many changed."""
    require(ATTENDANCE, actor, meeting)
    refuse_if_closed(meeting.partnership, "record attendance at its meetings")
    _refuse_if_cancelled(meeting)
    if not attendance_open(meeting):
        raise Conflict("Attendance is recorded once the meeting has started.")
    people = set(partnership_people(meeting.partnership)) | invitee_ids(meeting)  # observers too
    valid = set(Attendance.Status.values)
    for user_id, status in statuses.items():
        if status and status not in valid:
            raise ServiceError("Choose attended, sent apologies or absent", field="attendance")
        if status and user_id not in people:
            raise ServiceError("Record attendance only for people in the partnership", field="attendance")
    existing = {a.user_id: a for a in meeting.attendance.all()}
    new, changed, removed = [], [], []
    for user_id, status in statuses.items():
        row = existing.get(user_id)
        if not status:
            if row is not None:
                removed.append(row.pk)
        elif row is None:
            new.append(Attendance(meeting=meeting, user_id=user_id, status=status, recorded_by=actor))
        elif row.status != status:
            row.status, row.recorded_by = status, actor
            changed.append(row)
    if not (new or changed or removed):
        return 0
    Attendance.objects.bulk_create(new)
    Attendance.objects.bulk_update(changed, ["status", "recorded_by"])
    Attendance.objects.filter(pk__in=removed).delete()
    _record(
        actor=actor,
        verb="meeting.attendance_recorded",
        meeting=meeting,
        organisation=_organisation(actor, meeting.partnership),
        **{"recorded": len(new) + len(changed), "cleared": len(removed)},
        **_organisations_at(meeting),
    )
    return len(new) + len(changed) + len(removed)


def _organisations_at(meeting: Meeting) -> dict[str, list[int]]:
    """For the activity signals (activity/computation.py), as attendance now stands:
    the partner organisations invited (for a group's meeting, those present), and
    those of them with at least one person present. Two queries."""
    partners = active_partners(meeting.partnership)
    invited = {p.organisation_id for p in partners if p.pk in invited_partner_ids(meeting)}
    attended = meeting.attendance.filter(status=Attendance.Status.ATTENDED).values("user_id")
    present = set(
        Membership.objects.filter(
            user_id__in=attended, organisation_id__in=[p.organisation_id for p in partners]
        ).values_list("organisation_id", flat=True)
    )
    if invited:
        present &= invited
    else:
        invited = present
    return {"organisations_invited": sorted(invited), "organisations_present": sorted(present)}


@transaction.atomic
def apologies_send(*, actor: User, meeting: Meeting) -> Attendance:
    """Send one's own apologies before the meeting starts (anyone invited). 409 once
    it has started or when already sent."""
    require(APOLOGIES, actor, meeting)
    refuse_if_closed(meeting.partnership, "send apologies to its meetings")
    _refuse_if_cancelled(meeting)
    if meeting.starts_at <= timezone.now():
        raise Conflict("The meeting has started: ask the note-taker to record your apologies.")
    row, created = Attendance.objects.get_or_create(
        meeting=meeting, user=actor, defaults={"status": Attendance.Status.APOLOGIES, "recorded_by": actor}
    )
    if not created:
        if row.status == Attendance.Status.APOLOGIES:
            raise Conflict("You have already sent your apologies.")
        row.status, row.recorded_by = Attendance.Status.APOLOGIES, actor
        row.save(update_fields=["status", "recorded_by", "recorded_at"])
    _record(
        actor=actor,
        verb="meeting.apologies_sent",
        meeting=meeting,
        organisation=_organisation(actor, meeting.partnership),
    )
    return row


# --- minutes --------------------------------------------------------------------------------


def _minutes_guard(actor: User, meeting: Meeting, perm: str, doing: str) -> None:
    require(perm, actor, meeting)
    refuse_if_closed(meeting.partnership, doing)
    _refuse_if_cancelled(meeting)
    if meeting.minutes_published:
        raise Conflict("The minutes are published and can no longer be changed.")


@transaction.atomic
def minutes_save(*, actor: User, meeting: Meeting, minutes: str) -> Meeting:
    """Draft or edit the minutes (Markdown; the note-taker, or the convener's admins
    standing in). Accepting a correction is editing them. 409 once published."""
    _minutes_guard(actor, meeting, MINUTES, "write minutes")
    locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if locked.minutes_published:
        raise Conflict("The minutes are published and can no longer be changed.")
    minutes = (minutes or "").strip()
    if not minutes:
        raise ServiceError("Write the minutes", field="minutes")
    if len(minutes) > MINUTES_MAX:
        raise ServiceError(f"The minutes must be {MINUTES_MAX:,} characters or fewer", field="minutes")
    if minutes == meeting.minutes:
        return meeting
    meeting.minutes = minutes
    if not meeting.minutes_status:
        meeting.minutes_status = Meeting.Minutes.DRAFT
    meeting.save(update_fields=["minutes", "minutes_status", "updated_at"])
    _record(
        actor=actor,
        verb="meeting.minutes_drafted",
        meeting=meeting,
        organisation=_organisation(actor, meeting.partnership),
        **{"status": meeting.minutes_status},
    )
    return meeting


@transaction.atomic
def minutes_open(*, actor: User, meeting: Meeting, days: int) -> Meeting:
    """Open the drafted minutes for attendees' corrections for `days` (1 to 14)
    days. 409 without a draft or when already open."""
    _minutes_guard(actor, meeting, MINUTES, "open minutes for corrections")
    if not 1 <= days <= CORRECTION_DAYS_MAX:
        raise ServiceError(f"Give from 1 to {CORRECTION_DAYS_MAX} days", field="days")
    if meeting.minutes_status != Meeting.Minutes.DRAFT:
        raise Conflict(
            "The minutes are already open for corrections."
            if meeting.minutes_status == Meeting.Minutes.OPEN
            else "Write the minutes first."
        )
    meeting.minutes_status = Meeting.Minutes.OPEN
    meeting.corrections_until = timezone.now() + timedelta(days=days)
    meeting.save(update_fields=["minutes_status", "corrections_until", "updated_at"])
    _record(
        actor=actor,
        verb="meeting.minutes_opened",
        meeting=meeting,
        organisation=_organisation(actor, meeting.partnership),
        **{"corrections_until": meeting.corrections_until.isoformat()},
    )
    return meeting


@transaction.atomic
def correction_suggest(*, actor: User, meeting: Meeting, text: str) -> MinutesCorrection:
    """Suggest a correction to the minutes (those who attended, while they are open
    for corrections). 409 outside the window or once published."""
    _minutes_guard(actor, meeting, CORRECT, "correct minutes")
    if not meeting.corrections_open:
        raise Conflict("The minutes are not open for corrections.")
    text = (text or "").strip()
    if not text:
        raise ServiceError("Say what should change", field="text")
    if len(text) > 5000:
        raise ServiceError("A correction must be 5,000 characters or fewer", field="text")
    correction = MinutesCorrection.objects.create(meeting=meeting, author=actor, text=text)
    _record(
        actor=actor,
        verb="meeting.correction_suggested",
        meeting=meeting,
        organisation=_organisation(actor, meeting.partnership),
        **{
            "correction": str(correction.uuid),
            "note_taker": [meeting.note_taker_id] if meeting.note_taker_id else [],
        },
    )
    return correction


@transaction.atomic
def minutes_publish(*, actor: User, meeting: Meeting) -> Meeting:
    """Publish the minutes once their window for corrections has closed (the
    note-taker or the convener's admins); from then on they are frozen. Where each
    partner's approval is needed, the invited partners are asked; otherwise the
    minutes are final now."""
    _minutes_guard(actor, meeting, MINUTES, "publish minutes")
    locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if locked.minutes_status != Meeting.Minutes.OPEN:
        raise Conflict(
            "The minutes are already published."
            if locked.minutes_published
            else "Open the minutes for corrections first."
        )
    if locked.corrections_until and timezone.now() < locked.corrections_until:
        raise Conflict(
            "The minutes are open for corrections until "
            f"{timezone.localtime(locked.corrections_until, ZoneInfo(meeting.time_zone)):%-d %B %Y, %H:%M}."
        )
    now = timezone.now()
    meeting.minutes_status = Meeting.Minutes.PUBLISHED
    meeting.minutes_published_at = now
    asked = sorted(invited_partner_ids(meeting)) if meeting.needs_partner_approval else []
    meeting.minutes_final_at = None if asked else now
    meeting.save(update_fields=["minutes_status", "minutes_published_at", "minutes_final_at", "updated_at"])
    _record(
        actor=actor,
        verb="meeting.minutes_published",
        meeting=meeting,
        organisation=_organisation(actor, meeting.partnership),
        **{"approval_partners": asked},
    )
    return meeting


@transaction.atomic
def minutes_approve(*, actor: User, meeting: Meeting, partner: Partner) -> MinutesApproval:
    """Approve the published minutes for `partner`, as its admin or representative:
    once per invited partner (the unique constraint holds it under any race). The
    last approval makes the minutes final (a second event, meeting.minutes_final)."""
    require(APPROVE, actor, partner)
    refuse_if_closed(meeting.partnership, "approve minutes")
    if partner.partnership_id != meeting.partnership_id:
        raise ServiceError("No such partner in this partnership.", status_code=404)
    locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if not locked.needs_partner_approval:
        raise Conflict("These minutes do not need the partners' approval.")
    if not locked.minutes_published:
        raise Conflict("The minutes are not published yet.")
    if partner.pk not in invited_partner_ids(meeting):
        raise Conflict(f"{partner.organisation} was not invited to this meeting, so is not asked to approve.")
    if locked.approvals.filter(partner=partner).exists():
        raise Conflict(f"{partner.organisation} has already approved these minutes.")
    try:
        with transaction.atomic():
            approval = MinutesApproval.objects.create(meeting=locked, partner=partner, approved_by=actor)
    except IntegrityError as error:  # only if the lock was not held: the constraint decides
        raise Conflict(f"{partner.organisation} has already approved these minutes.") from error
    record = partial(_record, actor=actor, meeting=meeting, organisation=partner.organisation)
    record(verb="meeting.minutes_approved", partner=partner.organisation.name)
    approved = set(locked.approvals.values_list("partner_id", flat=True))
    if locked.minutes_final_at is None and invited_partner_ids(meeting) <= approved:
        meeting.minutes_final_at = timezone.now()
        meeting.save(update_fields=["minutes_final_at", "updated_at"])
        record(verb="meeting.minutes_final")
    return approval


@transaction.atomic
def decision_add(*, actor: User, meeting: Meeting, text: str, poll: Poll | None = None) -> MinutesDecision:
    """Record a decision in the minutes, optionally the poll that made it (shown with
    a link to the decision log). 409 once the minutes are published."""
    _minutes_guard(actor, meeting, MINUTES, "record decisions")
    text = " ".join((text or "").split())
    if not text:
        raise ServiceError("Write the decision", field="text")
    if len(text) > 500:
        raise ServiceError("A decision must be 500 characters or fewer", field="text")
    if poll is not None and poll.partnership_id != meeting.partnership_id:
        raise ServiceError("Choose one of this partnership's polls", field="poll")
    decision = MinutesDecision.objects.create(meeting=meeting, text=text, poll=poll)
    _record(
        actor=actor,
        verb="meeting.decision_recorded",
        meeting=meeting,
        organisation=_organisation(actor, meeting.partnership),
        **{"decision": str(decision.uuid), "poll": str(poll.uuid) if poll else None},
    )
    return decision


@transaction.atomic
def meeting_action_add(
    *, actor: User, meeting: Meeting, agenda_item: AgendaItem | None = None, **action: Any
) -> MeetingAction:
    """Add an action agreed at the meeting (the note-taker or the convener's admins,
    until the minutes are published): actions' own service makes it, checks it and
    writes its one event, `action.created`; here it is linked to the meeting (and the
    agenda item it came from), so it shows on the minutes and is reviewed next time."""
    _minutes_guard(actor, meeting, MINUTES, "add actions from its meetings")
    if agenda_item is not None and agenda_item.meeting_id != meeting.pk:
        raise ServiceError("Choose an item of this meeting's agenda", field="agenda_item")
    action.setdefault("working_group", meeting.working_group)
    made = action_create(actor, meeting.partnership, **action)
    return MeetingAction.objects.create(meeting=meeting, action=made, agenda_item=agenda_item)
