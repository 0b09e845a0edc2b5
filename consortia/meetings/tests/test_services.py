"""Scheduling, changing and cancelling meetings, the agenda and attendance: each
service's rule, and bad input refused with a clear message and nothing written."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone

from consortia.core.errors import Conflict, ServiceError
from consortia.core.factories import GroupMembershipFactory, WorkingGroupFactory
from consortia.core.testing import last_event, snapshot
from consortia.meetings import services
from consortia.meetings.models import AgendaItem, Attendance, Meeting
from consortia.meetings.selectors import attendance_list, invitee_ids

from .helpers import next_week, schedule

pytestmark = pytest.mark.django_db


def test_it_schedules_a_meeting_with_the_default_agenda_and_every_partner_invited(world):
    meeting = schedule(world)

    assert [i.kind for i in meeting.agenda_items.all()] == [
        "outcomes",
        "gaps",
        "polls",
        "actions",
        "lessons",
        "aob",
    ]
    assert set(meeting.invited_partners.all()) == {
        world.convener_partner,
        world.core_partner,
        world.observer_partner,
    }
    assert meeting.time_zone == "Europe/London"
    assert meeting.sequence == 0 and meeting.ical_uid == f"meeting-{meeting.uuid}@127.0.0.1"
    assert last_event().verb == "meeting.scheduled"
    assert invitee_ids(meeting) == {
        world.users[p].pk
        for p in ("convener_admin", "partner_admin", "partner_member", "observer", "participant")
    }


def test_it_leaves_the_default_agenda_out_when_asked(world):
    assert not schedule(world, default_agenda=False).agenda_items.exists()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"title": "  "}, "title"),
        # The end as a time after the start, which is set when the test runs: a moment
        # fixed at collection would be a day out for a test run after midnight.
        ({"ends_at": timedelta(hours=-1)}, "ends_at"),
        ({"ends_at": timedelta(0)}, "ends_at"),
        ({"ends_at": timedelta(days=2)}, "ends_at"),
        ({"time_zone": "Mars/Olympus"}, "time_zone"),
        ({"place": "", "video_url": ""}, "place"),
        ({"chair_outsider": True}, "chair"),
    ],
)
def test_it_refuses_bad_input_and_writes_nothing(world, overrides, field):
    overrides = dict(overrides)
    if overrides.pop("chair_outsider", False):
        overrides["chair"] = world.users["outsider"]
    if "ends_at" in overrides:
        overrides["starts_at"] = next_week(10)
        overrides["ends_at"] = overrides["starts_at"] + overrides["ends_at"]
    before = snapshot()

    with pytest.raises(ServiceError) as refused:
        schedule(world, **overrides)

    assert refused.value.field == field and refused.value.status_code == 400
    assert snapshot() == before


def test_the_database_refuses_a_meeting_ending_before_it_starts(world):
    starts = next_week()
    with pytest.raises(IntegrityError), transaction.atomic():
        Meeting.objects.create(
            partnership=world.partnership,
            title="Backwards",
            starts_at=starts,
            ends_at=starts - timedelta(hours=1),
        )


def test_only_the_convener_or_a_groups_lead_schedules(world):
    with pytest.raises(PermissionDenied):
        schedule(world, actor=world.users["partner_member"])
    group = WorkingGroupFactory(partnership=world.partnership, lead=world.users["partner_member"])
    GroupMembershipFactory(group=group, user=world.users["partner_member"])

    meeting = schedule(world, actor=world.users["partner_member"], working_group=group)
    assert meeting.working_group == group
    with pytest.raises(ServiceError):
        schedule(world, actor=world.users["partner_member"])  # not the whole partnership's


def test_a_group_meeting_invites_the_groups_members_and_their_partners(world):
    group = WorkingGroupFactory(partnership=world.partnership, lead=world.users["partner_member"])
    GroupMembershipFactory(group=group, user=world.users["partner_member"])
    GroupMembershipFactory(group=group, user=world.users["participant"])

    meeting = schedule(world, working_group=group)

    assert list(meeting.invited_partners.all()) == [world.core_partner]
    assert invitee_ids(meeting) == {world.users["partner_member"].pk, world.users["participant"].pk}


def test_a_change_to_the_time_raises_the_sequence_and_a_change_of_nothing_writes_nothing(world):
    meeting = schedule(world)
    same = {
        "title": meeting.title,
        "starts_at": meeting.starts_at,
        "ends_at": meeting.ends_at,
        "time_zone": meeting.time_zone,
        "place": meeting.place,
        "send_invitations": False,
    }
    before = snapshot()
    services.meeting_change(actor=world.users["convener_admin"], meeting=meeting, **same)
    assert snapshot() == before

    later = same | {
        "starts_at": meeting.starts_at + timedelta(hours=1),
        "ends_at": meeting.ends_at + timedelta(hours=1),
    }
    services.meeting_change(actor=world.users["convener_admin"], meeting=meeting, **later)

    meeting.refresh_from_db()
    assert meeting.sequence == 1
    assert last_event().payload["changed"] == ["starts_at", "ends_at"]


def test_a_cancelled_meeting_cannot_be_cancelled_again_or_changed(world):
    meeting = schedule(world)
    services.meeting_cancel(actor=world.users["convener_admin"], meeting=meeting, send_invitations=False)
    assert meeting.sequence == 1 and meeting.is_cancelled

    before = snapshot()
    with pytest.raises(Conflict):
        services.meeting_cancel(actor=world.users["convener_admin"], meeting=meeting)
    with pytest.raises(Conflict):
        services.agenda_item_add(actor=world.users["convener_admin"], meeting=meeting, title="Late item")
    assert snapshot() == before


def test_a_new_item_goes_before_any_other_business_and_moves_up_and_down(world):
    meeting = schedule(world)
    item = services.agenda_item_add(
        actor=world.users["convener_admin"], meeting=meeting, title="Referral form", duration_minutes=15
    )
    titles = list(meeting.agenda_items.values_list("title", flat=True))
    assert titles[-2:] == ["Referral form", "Any other business"]

    services.agenda_item_move(actor=world.users["convener_admin"], item=item, up=True)
    assert list(meeting.agenda_items.values_list("title", flat=True))[-3] == "Referral form"

    first = meeting.agenda_items.first()
    with pytest.raises(Conflict):
        services.agenda_item_move(actor=world.users["convener_admin"], item=first, up=True)


@pytest.mark.parametrize(("minutes", "ok"), [(0, False), (601, False), (1, True), (None, True)])
def test_an_items_duration_is_from_1_to_600_minutes(world, minutes, ok):
    meeting = schedule(world, default_agenda=False)
    if ok:
        services.agenda_item_add(
            actor=world.users["convener_admin"], meeting=meeting, title="X", duration_minutes=minutes
        )
    else:
        with pytest.raises(ServiceError):
            services.agenda_item_add(
                actor=world.users["convener_admin"], meeting=meeting, title="X", duration_minutes=minutes
            )
        assert not AgendaItem.objects.exists()


def _started(world, **overrides):
    meeting = schedule(world, note_taker=world.users["partner_member"], **overrides)
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=timezone.now() - timedelta(hours=2), ends_at=timezone.now() - timedelta(hours=1)
    )
    meeting.refresh_from_db()
    return meeting


def test_attendance_is_recorded_per_person_and_summed_up_per_organisation(world):
    meeting = _started(world)
    users = world.users
    services.attendance_record(
        actor=users["partner_member"],
        meeting=meeting,
        statuses={
            users["partner_member"].pk: "attended",
            users["partner_admin"].pk: "apologies",
            users["observer"].pk: "apologies",
            users["convener_admin"].pk: "absent",
        },
    )

    people, organisations = attendance_list(meeting)
    by_org = {line.partner.organisation.name: line.status for line in organisations}
    assert by_org == {"Convener Org": "absent", "Core Org": "attended", "Observer Org": "apologies"}
    assert {p.user.name: p.status for p in people}["Carol Carer"] == ""
    assert last_event().verb == "meeting.attendance_recorded"

    before = snapshot()
    assert (
        services.attendance_record(
            actor=users["partner_member"], meeting=meeting, statuses={users["partner_member"].pk: "attended"}
        )
        == 0
    )
    assert snapshot() == before


def test_attendance_of_an_outsider_or_by_an_outsider_is_refused(world):
    meeting = _started(world)
    before = snapshot()
    with pytest.raises(ServiceError):
        services.attendance_record(
            actor=world.users["partner_member"],
            meeting=meeting,
            statuses={world.users["outsider"].pk: "attended"},
        )
    with pytest.raises(PermissionDenied):
        services.attendance_record(
            actor=world.users["outsider"],
            meeting=meeting,
            statuses={world.users["partner_member"].pk: "attended"},
        )
    with pytest.raises(ServiceError):
        services.attendance_record(
            actor=world.users["partner_member"],
            meeting=meeting,
            statuses={world.users["partner_member"].pk: "late"},
        )
    assert snapshot() == before


def test_people_send_their_own_apologies_before_the_meeting_only(world):
    meeting = schedule(world)
    services.apologies_send(actor=world.users["participant"], meeting=meeting)
    assert Attendance.objects.get(user=world.users["participant"]).status == "apologies"
    with pytest.raises(Conflict):
        services.apologies_send(actor=world.users["participant"], meeting=meeting)
    with pytest.raises(PermissionDenied):
        services.apologies_send(actor=world.users["outsider"], meeting=meeting)

    started = _started(world)
    with pytest.raises(Conflict):
        services.apologies_send(actor=world.users["observer"], meeting=started)
