"""Who may do what with meetings (see consortia/core/rules.py).

Everyone who sees the partnership sees its meetings, their minutes and their .ics.
The convener's admins schedule meetings of the partnership and of any working group;
a group's lead schedules the group's. A meeting is changed (details, agenda) by the
convener's admins, its group's lead and its chair. Attendance is recorded by the
note-taker, the chair and the convener's admins; anyone invited sends their own
apologies. The note-taker drafts, opens and publishes the minutes (the convener's
admins stand in for them); those who attended suggest corrections; each invited
partner's admin or representative approves the minutes for it, where asked.
"""

import rules
from django.contrib.auth.models import AnonymousUser

from consortia.accounts.models import User
from consortia.core.rules import add_perm
from consortia.groups.models import WorkingGroup
from consortia.groups.rules import is_group_member, leads_group
from consortia.partnerships.models import Partner, Partnership
from consortia.partnerships.rules import (
    is_convener_admin,
    is_partnership_member,
    participant_for,
    partners_of_user,
    speaks_for,
)

from .models import Attendance, Meeting
from .selectors import invited_partner_ids


@rules.predicate
def leads_a_group(user: User | AnonymousUser, partnership: Partnership | None) -> bool:
    return (
        partnership is not None
        and user.is_authenticated
        and WorkingGroup.objects.active().filter(partnership=partnership, lead=user).exists()
        and bool(is_partnership_member(user, partnership))
    )


@rules.predicate
def convenes_meeting(user: User | AnonymousUser, meeting: Meeting | None) -> bool:
    return meeting is not None and bool(is_convener_admin(user, meeting.partnership))


@rules.predicate
def leads_meetings_group(user: User | AnonymousUser, meeting: Meeting | None) -> bool:
    return (
        meeting is not None
        and meeting.working_group is not None
        and bool(leads_group(user, meeting.working_group))
    )


def _still_in(user: User | AnonymousUser, meeting: Meeting) -> bool:
    return bool(is_partnership_member(user, meeting.partnership))


@rules.predicate
def chairs_meeting(user: User | AnonymousUser, meeting: Meeting | None) -> bool:
    return (
        meeting is not None
        and user.is_authenticated
        and meeting.chair_id == user.pk
        and _still_in(user, meeting)
    )


@rules.predicate
def takes_notes_of_meeting(user: User | AnonymousUser, meeting: Meeting | None) -> bool:
    return (
        meeting is not None
        and user.is_authenticated
        and meeting.note_taker_id == user.pk
        and _still_in(user, meeting)
    )


@rules.predicate
def is_invited(user: User | AnonymousUser, meeting: Meeting | None) -> bool:
    """Invited now: a member of the meeting's group (for a group meeting), else a
    member of an invited partner or an individual participant of the partnership."""
    if meeting is None or not user.is_authenticated:
        return False
    if meeting.working_group is not None:
        return bool(is_group_member(user, meeting.working_group))
    invited = invited_partner_ids(meeting)
    return any(p.pk in invited for p in partners_of_user(user, meeting.partnership)) or (
        participant_for(user, meeting.partnership) is not None
    )


@rules.predicate
def attended_meeting(user: User | AnonymousUser, meeting: Meeting | None) -> bool:
    return (
        meeting is not None
        and user.is_authenticated
        and _still_in(user, meeting)
        and meeting.attendance.filter(user=user, status=Attendance.Status.ATTENDED).exists()
    )


add_perm("meetings.schedule_meeting_in_partnership", Partnership, is_convener_admin | leads_a_group)
add_perm("meetings.change_meeting", Meeting, convenes_meeting | leads_meetings_group | chairs_meeting)
add_perm(
    "meetings.record_attendance_at_meeting",
    Meeting,
    takes_notes_of_meeting | chairs_meeting | convenes_meeting,
)
add_perm("meetings.send_apologies_to_meeting", Meeting, is_invited)
add_perm("meetings.write_minutes_of_meeting", Meeting, takes_notes_of_meeting | convenes_meeting)
add_perm("meetings.correct_minutes_of_meeting", Meeting, attended_meeting)
add_perm("meetings.approve_minutes_for_partner", Partner, speaks_for)
