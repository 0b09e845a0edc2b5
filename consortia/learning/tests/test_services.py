"""The learning log's services: members record lessons (directly, from a closed poll,
from a meeting or an exchange by label and link); the recorder, owner or convener
change them; only the owner or the convener set their status; members mark them
reviewed once; owners are told when made owner and on the due date. Every refusal
writes nothing; every change writes one event."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from consortia.core.errors import Conflict, ServiceError
from consortia.core.factories import PartnershipFactory, PollFactory
from consortia.core.models import Event
from consortia.learning import services
from consortia.learning.models import TEXT_MAX, Lesson
from consortia.learning.sources import SourceRef
from consortia.notifications.models import Notification

from .helpers import closed_poll, record

pytestmark = pytest.mark.django_db

TODAY = datetime.date.today


def refused(call, error=ServiceError, match=None):
    lessons, events = Lesson.objects.count(), Event.objects.count()
    with pytest.raises(error, match=match):
        call()
    assert (Lesson.objects.count(), Event.objects.count()) == (lessons, events)


def test_a_member_records_a_lesson_with_an_owner_and_a_due_date(world):
    due = timezone.localdate() + datetime.timedelta(days=10)
    lesson = record(world, who="participant", due=due, what_we_learned="  Ask carers first.  ")
    assert lesson.what_we_learned == "Ask carers first."
    assert lesson.owner == world.users["partner_member"] and lesson.due == due
    assert (
        lesson.status == "open"
        and lesson.source_kind == "other"
        and lesson.recorded_by == world.users["participant"]
    )
    event = Event.objects.get()
    assert event.verb == "lesson.recorded" and event.payload["owner"] == world.users["partner_member"].pk


@pytest.mark.usefixtures("notifications_on")
def test_the_owner_is_told_when_made_owner_and_nobody_of_their_own_act(
    world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        record(world, who="convener_admin", owner=world.users["participant"])
    assert list(Notification.objects.values_list("recipient_id", flat=True)) == [
        world.users["participant"].pk
    ]
    Notification.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        record(world, who="partner_member", owner=world.users["partner_member"])
    assert not Notification.objects.exists()


@pytest.mark.usefixtures("notifications_on")
def test_a_new_owner_is_told_when_the_lesson_is_given_to_them(world, django_capture_on_commit_callbacks):
    lesson = record(world)
    with django_capture_on_commit_callbacks(execute=True):
        changed = services.lesson_update(
            actor=world.users["partner_member"],
            lesson=lesson,
            what_happened=lesson.what_happened,
            what_we_learned=lesson.what_we_learned,
            what_we_will_change="Something else.",
            owner=world.users["observer"],
        )
    assert changed == ["what_we_will_change", "owner"]
    assert list(Notification.objects.values_list("recipient_id", flat=True)) == [world.users["observer"].pk]


def test_an_update_that_changes_nothing_writes_no_event(world):
    lesson = record(world)
    before = Event.objects.count()
    assert (
        services.lesson_update(
            actor=world.users["convener_admin"],
            lesson=lesson,
            what_happened=lesson.what_happened,
            what_we_learned=lesson.what_we_learned,
            what_we_will_change=lesson.what_we_will_change,
            owner=lesson.owner,
        )
        == []
    )
    assert Event.objects.count() == before


@pytest.mark.parametrize("who", ["observer", "participant"])
def test_only_the_recorder_owner_or_convener_change_a_lesson(world, who):
    lesson = record(world)
    with pytest.raises(PermissionDenied):
        services.lesson_update(
            actor=world.users[who],
            lesson=lesson,
            what_happened="",
            what_we_learned="x",
            what_we_will_change="",
            owner=lesson.owner,
        )


# --- bad input ---------------------------------------------------------------------------------


def test_it_refuses_an_owner_who_is_not_in_the_partnership(world):
    refused(lambda: record(world, owner=world.users["outsider"]), match="someone in the partnership")
    refused(lambda: record(world, owner=world.users["site_admin"]), match="someone in the partnership")
    refused(lambda: record(world, owner=None), match="someone in the partnership")


def test_it_refuses_an_empty_or_overlong_what_we_learned(world):
    refused(lambda: record(world, what_we_learned="   "), match="Say what we learned")
    refused(lambda: record(world, what_happened="x" * (TEXT_MAX + 1)), match="5,000 characters")


def test_it_refuses_a_due_date_before_today_on_creation_but_keeps_one_that_passed(world):
    refused(
        lambda: record(world, due=timezone.localdate() - datetime.timedelta(days=1)), match="today or later"
    )
    lesson = record(world, due=timezone.localdate())
    Lesson.objects.filter(pk=lesson.pk).update(due=timezone.localdate() - datetime.timedelta(days=30))
    lesson.refresh_from_db()
    services.lesson_update(
        actor=world.users["partner_member"],
        lesson=lesson,
        what_happened="Changed.",
        what_we_learned=lesson.what_we_learned,
        what_we_will_change="",
        owner=lesson.owner,
        due=lesson.due,
    )  # an unchanged past date is kept


def test_it_records_from_a_closed_poll_of_the_partnership(world):
    poll = closed_poll(world.partnership, title="Move the drop-in")
    lesson = record(world, poll=poll)
    assert lesson.source_kind == "poll" and lesson.poll == poll and lesson.source_label == "Move the drop-in"
    assert lesson.source_url == f"/partnerships/{world.partnership.uuid}/decisions/{poll.uuid}/"


def test_it_refuses_a_poll_still_open_or_of_another_partnership(world):
    refused(
        lambda: record(world, poll=PollFactory(partnership=world.partnership)), match="once it has closed"
    )
    refused(lambda: record(world, poll=closed_poll(PartnershipFactory())), match="a poll of this partnership")
    refused(lambda: record(world, source_kind="poll"), match="closed poll")


@pytest.mark.parametrize("url", ["https://evil.example", "//evil.example/x", "javascript:alert(1)", "/a b"])
def test_it_refuses_a_source_link_off_this_site(world, url):
    refused(lambda: record(world, source_kind="exchange", source_label="Job shadowing", source_url=url))


def test_an_exchange_records_a_lesson_by_label_and_link(world):
    lesson = record(
        world, source_kind="exchange", source_label="Job shadowing", source_url="/partnerships/x/"
    )
    assert (lesson.source_kind, lesson.source_label, lesson.source_url) == (
        "exchange",
        "Job shadowing",
        "/partnerships/x/",
    )


def test_it_refuses_an_unknown_source_kind_and_outsiders_and_a_closed_partnership(world):
    refused(lambda: record(world, source_kind="rumour"), match="where the lesson was recorded from")
    refused(lambda: record(world, who="outsider"), error=PermissionDenied)
    world.partnership.status = "closed"
    world.partnership.save()
    refused(lambda: record(world), error=Conflict, match="has closed")


# --- status ------------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["partner_member", "convener_admin"])
def test_the_owner_or_the_convener_marks_the_change_made_with_a_note(world, who):
    lesson = record(world)
    services.lesson_status_set(
        actor=world.users[who], lesson=lesson, status="changed", note="Done in the calendar."
    )
    lesson.refresh_from_db()
    assert lesson.status == "changed" and lesson.closing_note == "Done in the calendar." and lesson.closed_at
    assert Event.objects.order_by("pk").last().verb == "lesson.status_changed"
    services.lesson_status_set(actor=world.users[who], lesson=lesson, status="open")
    lesson.refresh_from_db()
    assert lesson.status == "open" and lesson.closed_at is None and lesson.closing_note == ""


@pytest.mark.parametrize("who", ["partner_admin", "observer", "participant"])
def test_other_members_are_refused_a_status_change_with_a_message_not_a_403(world, who):
    lesson = record(world)
    with pytest.raises(ServiceError, match="Only the owner of the change or the convener") as error:
        services.lesson_status_set(actor=world.users[who], lesson=lesson, status="dropped", note="No.")
    assert error.value.status_code == 400
    lesson.refresh_from_db()
    assert lesson.status == "open"


def test_closing_needs_a_short_note_and_a_known_status(world):
    lesson = record(world)
    actor = world.users["partner_member"]
    refused(
        lambda: services.lesson_status_set(actor=actor, lesson=lesson, status="dropped"), match="short note"
    )
    refused(
        lambda: services.lesson_status_set(actor=actor, lesson=lesson, status="done", note="x"),
        match="Choose",
    )
    refused(lambda: services.lesson_status_set(actor=actor, lesson=lesson, status="dropped", note="x" * 301))
    refused(lambda: services.lesson_status_set(actor=actor, lesson=lesson, status="open"), error=Conflict)


# --- review ------------------------------------------------------------------------------------


def test_a_member_marks_a_lesson_reviewed_at_a_meeting_once(world):
    lesson = record(world)
    meeting = SourceRef("meeting", "abc", "Steering group, 4 Dec 2026", "/partnerships/p/meetings/abc/")
    services.lesson_mark_reviewed(actor=world.users["observer"], lesson=lesson, meeting=meeting)
    lesson.refresh_from_db()
    assert lesson.reviewed_at and lesson.reviewed_by == world.users["observer"]
    assert (lesson.reviewed_meeting_label, lesson.reviewed_meeting_key) == (
        "Steering group, 4 Dec 2026",
        "abc",
    )
    assert Event.objects.order_by("pk").last().verb == "lesson.reviewed"
    refused(
        lambda: services.lesson_mark_reviewed(actor=world.users["observer"], lesson=lesson), error=Conflict
    )


def test_site_admins_and_outsiders_do_not_mark_lessons_reviewed(world):
    lesson = record(world)
    for who in ("site_admin", "outsider"):
        refused(
            lambda who=who: services.lesson_mark_reviewed(actor=world.users[who], lesson=lesson),
            error=PermissionDenied,
        )


# --- due reminders -----------------------------------------------------------------------------


@pytest.mark.usefixtures("notifications_on")
def test_the_owner_is_told_on_the_due_date_once(world, django_capture_on_commit_callbacks):
    today = timezone.localdate()
    due = record(world, who="convener_admin", due=today)
    record(world, who="convener_admin", due=today + datetime.timedelta(days=1))
    done = record(world, who="convener_admin", due=today)
    services.lesson_status_set(
        actor=world.users["convener_admin"], lesson=done, status="changed", note="Done."
    )
    Notification.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.lesson_reminders_send.call() == 1
    assert services.lesson_reminders_send.call() == 0
    event = Event.objects.filter(verb="lesson.due_today").get()
    assert event.object_uuid == due.uuid
    assert list(Notification.objects.values_list("recipient_id", flat=True)) == [
        world.users["partner_member"].pk
    ]
