"""The meetings pages, as people use them: the list, scheduling (prefilled from the
agreement's rhythm or a decided time poll), the meeting's page with the live items
under the default agenda, attendance, minutes and actions; bad input answers 400
with the message on the form and writes nothing."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from consortia.actions.models import Action
from consortia.core.factories import BallotFactory, PollFactory
from consortia.core.testing import error_summary, snapshot, text
from consortia.decisions.models import Poll
from consortia.meetings.models import Meeting

from .helpers import schedule

pytestmark = pytest.mark.django_db
IN_FORCE = {"status": "published", "in_force_at": timezone.now()}


def _url(name, world, *args):
    return reverse(f"meetings:{name}", args=[world.partnership.uuid, *args])


def form(**overrides):
    return {
        "title": "Partnership meeting, March",
        "starts_at": "2030-03-12T10:00",
        "ends_at": "2030-03-12T12:00",
        "time_zone": "Europe/London",
        "place": "The carers' centre",
        "video_url": "",
        "chair": "",
        "note_taker": "",
        "default_agenda": "on",
        **overrides,
    }


def test_the_convener_schedules_a_meeting_from_the_form(world, client_for):
    response = client_for("convener_admin").post(_url("create", world), form())

    meeting = Meeting.objects.get()
    assert response.status_code == 302
    assert meeting.starts_at.isoformat() == "2030-03-12T10:00:00+00:00"  # GMT in March
    page = text(client_for("observer").get(response["Location"]))
    assert "Tuesday 12 March 2030, 10:00\u201312:00" in page and "(Europe/London time)" in page
    assert "Progress on our outcomes" in page and "Any other business" in page


def test_times_are_typed_in_the_meetings_time_zone(world, client_for):
    client_for("convener_admin").post(
        _url("create", world),
        form(time_zone="America/New_York", starts_at="2030-07-01T09:00", ends_at="2030-07-01T10:00"),
    )
    assert Meeting.objects.get().starts_at.isoformat() == "2030-07-01T13:00:00+00:00"


def test_a_meeting_ending_before_it_starts_is_a_400_with_the_message_and_nothing_written(world, client_for):
    client = client_for("convener_admin")
    before = snapshot()
    response = client.post(_url("create", world), form(ends_at="2030-03-12T09:00"))

    assert response.status_code == 400
    assert "The meeting must end after it starts" in error_summary(response)
    assert snapshot() == before


def test_the_form_suggests_the_next_date_from_the_agreements_rhythm(world, client_for):
    from consortia.core.factories import AgreementVersionFactory

    AgreementVersionFactory(partnership=world.partnership, meeting_rhythm="Fortnightly", **IN_FORCE)
    response = client_for("convener_admin").get(_url("create", world))

    assert "Suggested from your agreement's rhythm (“Fortnightly”)" in text(response)


def test_an_unknown_rhythm_suggests_nothing(world, client_for):
    from consortia.core.factories import AgreementVersionFactory

    AgreementVersionFactory(partnership=world.partnership, meeting_rhythm="When needed", **IN_FORCE)
    response = client_for("convener_admin").get(_url("create", world))

    assert response.status_code == 200
    assert "Suggested from" not in text(response)


def test_scheduling_from_a_decided_time_poll_takes_the_winning_time(world, client_for):
    poll = PollFactory(
        partnership=world.partnership,
        kind="time_poll",
        option_labels=["Tuesday 3 March 2030, 10:00", "Thursday 5 March 2030, 14:00"],
        status=Poll.Status.CLOSED,
        closed_at=timezone.now(),
    )
    keys = list(poll.options.values_list("key", flat=True))
    BallotFactory(poll=poll, choice={keys[0]: "no", keys[1]: "yes"})
    page = client_for("convener_admin").get(_url("create", world) + f"?poll={poll.uuid}")

    assert "the partners chose <strong>Thursday 5 March 2030, 14:00</strong>" in text(page)
    assert 'value="2030-03-05T14:00"' in page.content.decode()

    response = client_for("convener_admin").post(
        _url("create", world),
        form(starts_at="2030-03-05T14:00", ends_at="2030-03-05T16:00", from_poll=str(poll.uuid)),
    )
    assert response.status_code == 302
    assert Meeting.objects.get().from_poll == poll


def test_the_meeting_page_shows_the_live_items_under_the_default_agenda(world, client_for):
    from consortia.core.factories import NeedFactory, OutcomeFactory

    OutcomeFactory(partnership=world.partnership, statement="Carers feel less alone")
    NeedFactory(partnership=world.partnership, description="A room on Saturdays")
    PollFactory(
        partnership=world.partnership, title="Move the drop-in", closes_at=timezone.now() + timedelta(days=1)
    )
    Action.objects.create(
        partnership=world.partnership, title="Print the leaflet", owner_user=world.users["partner_member"]
    )
    meeting = schedule(world)

    page = text(client_for("partner_member").get(_url("detail", world, meeting.uuid)))

    for shown in ("Carers feel less alone", "A room on Saturdays", "Move the drop-in", "Print the leaflet"):
        assert shown in page


def test_the_list_shows_upcoming_and_past_meetings(world, client_for):
    meeting = schedule(world)
    page = text(client_for("observer").get(_url("list", world)))
    assert meeting.title in page and "Upcoming" in page


def test_attendance_is_recorded_on_its_form(world, client_for):
    meeting = schedule(world, note_taker=world.users["partner_member"])
    Meeting.objects.filter(pk=meeting.pk).update(starts_at=timezone.now() - timedelta(hours=1))
    response = client_for("partner_member").post(
        _url("attendance", world, meeting.uuid), {f"person_{world.users['participant'].uuid}": "attended"}
    )
    assert response.status_code == 302
    page = text(client_for("observer").get(_url("detail", world, meeting.uuid)))
    assert "Carol Carer: attended" in page


def test_the_group_page_lists_the_groups_meetings(world, client_for):
    from consortia.core.factories import GroupMembershipFactory, WorkingGroupFactory

    group = WorkingGroupFactory(
        partnership=world.partnership, name="Training", lead=world.users["partner_member"]
    )
    GroupMembershipFactory(group=group, user=world.users["partner_member"])
    schedule(world, working_group=group, title="Training group meeting")

    page = text(
        client_for("observer").get(reverse("groups:detail", args=[world.partnership.uuid, group.uuid]))
    )
    assert "Training group meeting" in page


def test_a_closed_groups_meeting_is_kept_to_its_members_from_when_they_joined(world, client_for):
    from consortia.core.factories import GroupMembershipFactory, WorkingGroupFactory
    from consortia.groups.models import GroupMembership
    from consortia.meetings.selectors import meetings_for_feed

    group = WorkingGroupFactory(
        partnership=world.partnership, is_open=False, lead=world.users["partner_member"]
    )
    joined = GroupMembershipFactory(group=group, user=world.users["partner_member"])
    GroupMembership.objects.filter(pk=joined.pk).update(created_at=timezone.now() - timedelta(days=1))
    meeting = schedule(world, working_group=group, title="Safeguarding cases")
    GroupMembershipFactory(group=group, user=world.users["participant"])  # joined after it was scheduled

    for persona, seen in [("partner_member", True), ("participant", False), ("observer", False)]:
        client = client_for(persona)
        assert client.get(_url("detail", world, meeting.uuid)).status_code == (200 if seen else 404)
        assert client.get(_url("ics", world, meeting.uuid)).status_code == (200 if seen else 404)
        assert ("Safeguarding cases" in text(client.get(_url("list", world)))) is seen
        assert (meeting in meetings_for_feed(world.users[persona])) is seen


def test_a_closed_time_polls_page_links_to_scheduling_from_it_for_the_convener(world, client_for):
    poll = PollFactory(
        partnership=world.partnership, kind="time_poll", status=Poll.Status.CLOSED, closed_at=timezone.now()
    )
    page = reverse("decisions:detail", args=[world.partnership.uuid, poll.uuid])
    link = f"/meetings/new/?poll={poll.uuid}"

    assert link in text(client_for("convener_admin").get(page))
    assert link not in text(client_for("observer").get(page))


def test_the_form_asks_for_partner_approval_when_the_last_meeting_did(world, client_for):
    schedule(world, needs_partner_approval=True)
    page = text(client_for("convener_admin").get(_url("create", world)))
    assert 'id="id_needs_partner_approval" checked' in page


def test_the_note_taker_sees_corrections_beside_the_minutes_and_partners_see_their_approval_button(
    world, client_for
):
    from consortia.meetings import services

    from .test_minutes import drafted, window_closed

    meeting = drafted(world, needs_partner_approval=True)
    services.minutes_open(actor=world.users["partner_member"], meeting=meeting, days=2)
    services.correction_suggest(actor=world.users["participant"], meeting=meeting, text="It was *two* forms.")

    minutes_page = text(client_for("partner_member").get(_url("minutes", world, meeting.uuid)))
    assert "Corrections suggested" in minutes_page and "<em>two</em>" in minutes_page
    assert "Open for corrections" in text(client_for("observer").get(_url("detail", world, meeting.uuid)))

    window_closed(meeting)
    assert "Publish the minutes" in text(
        client_for("partner_member").get(_url("detail", world, meeting.uuid))
    )
    services.minutes_publish(actor=world.users["partner_member"], meeting=meeting)

    page = text(client_for("partner_admin").get(_url("detail", world, meeting.uuid)))
    assert "Approve the minutes for Core Org" in page and "waiting for the partners' approval" in page
    assert "Approve the minutes" not in text(
        client_for("partner_member").get(_url("detail", world, meeting.uuid))
    )
    services.minutes_approve(actor=world.users["partner_admin"], meeting=meeting, partner=world.core_partner)
    page = text(client_for("partner_admin").get(_url("detail", world, meeting.uuid)))
    assert "Approve the minutes for Core Org" not in page and "Core Org: approved by Pat Partner" in page


def test_the_agenda_shows_when_each_item_starts_in_the_meetings_zone(world, client_for):
    meeting = schedule(world)  # 10:00 London; the default items last 20, 15, 10, 15 and 10 minutes
    page = text(client_for("observer").get(_url("detail", world, meeting.uuid)))
    starts = [page.index(f">{t}</span>") for t in ("10:00", "10:20", "10:35", "10:45", "11:00")]
    assert starts == sorted(starts)


def test_hostile_markup_in_minutes_notes_decisions_and_corrections_stays_inert(world, client_for):
    from consortia.core.testing import IMG, SCRIPT, assert_inert
    from consortia.meetings import services

    from .test_minutes import held

    meeting = held(world)
    hostile = f"{SCRIPT} {IMG} [click](javascript:alert(1))"
    item = services.agenda_item_add(actor=world.users["convener_admin"], meeting=meeting, title=hostile[:200])
    services.agenda_item_change(
        actor=world.users["convener_admin"], item=item, title=item.title, notes=hostile
    )
    services.minutes_save(actor=world.users["partner_member"], meeting=meeting, minutes=hostile)
    services.decision_add(actor=world.users["partner_member"], meeting=meeting, text=hostile[:500])
    services.minutes_open(actor=world.users["partner_member"], meeting=meeting, days=2)
    services.correction_suggest(actor=world.users["participant"], meeting=meeting, text=hostile)

    for persona, name in [
        ("observer", "detail"),
        ("partner_member", "detail"),
        ("partner_member", "minutes"),
    ]:
        page = text(client_for(persona).get(_url(name, world, meeting.uuid)))
        assert_inert(page, f"the meeting's {name} page")
        assert 'href="javascript:' not in page
