"""One click puts a suggested remedy on the next meeting's agenda, its notes saying which
warning it answers; refusals (no meeting ahead, an unknown remedy, a cause no longer
raised, the same remedy twice, someone who may not change the meeting) write nothing."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from consortia.core.errors import Conflict, ServiceError
from consortia.core.factories import MeetingFactory, WorkingGroupFactory
from consortia.core.models import Event
from consortia.core.testing import snapshot, text
from consortia.meetings.models import AgendaItem
from consortia.meetings.services import agenda_item_remove
from consortia.radar.models import RemedyProposal
from consortia.radar.services import remedy_add_to_agenda

from .fakes import demo_shaped, factor

pytestmark = pytest.mark.django_db


@pytest.fixture
def trust_on_watch(radar_data):
    radar_data.factors = [factor("trust", "borderline", label="Trust")]
    return radar_data


@pytest.fixture
def meeting(world):
    return MeetingFactory(partnership=world.partnership, title="December meeting")


def post(client, world, remedy="modest_aim", cause="trust"):
    return client.post(
        reverse("radar:remedy_add", args=[world.partnership.uuid]), {"remedy": remedy, "cause": cause}
    )


def test_it_adds_the_remedy_to_the_next_meetings_agenda_saying_what_it_answers(
    world, client_for, trust_on_watch, meeting
):
    MeetingFactory(partnership=world.partnership, starts_at=timezone.now() + timedelta(days=30))

    response = post(client_for("convener_admin"), world)

    assert response.status_code == 302
    assert response["Location"] == reverse("radar:radar", args=[world.partnership.uuid])
    item = AgendaItem.objects.get()
    assert item.meeting == meeting
    assert item.title == "A small shared aim we can achieve in the next month"
    assert item.notes.startswith("Suggested by the partnership's health radar, answering “Trust” (watch)")
    assert "Scored 3.4 out of 5" in item.notes
    assert "Why this may help: Trust grows in a loop" in item.notes
    event = Event.objects.get()
    assert (event.verb, event.actor, event.object_uuid) == (
        "radar.remedy_added",
        world.users["convener_admin"],
        meeting.uuid,
    )
    assert event.payload["remedy"] == "modest_aim" and event.payload["cause"] == "trust"
    assert RemedyProposal.objects.get().agenda_item == item


def test_it_shows_the_remedy_on_the_agenda_afterwards(world, client_for, trust_on_watch, meeting):
    client = client_for("convener_admin")
    post(client, world)

    page = text(client.get(reverse("radar:radar", args=[world.partnership.uuid])))

    assert page.count("On the agenda") == 1
    assert page.count('name="remedy"') == 2  # the other two remedies for trust


def test_it_refuses_the_same_remedy_twice_for_the_same_meeting(world, client_for, trust_on_watch, meeting):
    client = client_for("convener_admin")
    post(client, world)
    before = snapshot()

    response = post(client, world)

    assert response.status_code == 409
    assert "is already on the agenda of December meeting" in text(response)
    assert snapshot() == before


def test_it_lets_a_remedy_go_on_again_once_its_item_is_removed(world, client_for, trust_on_watch, meeting):
    client = client_for("convener_admin")
    post(client, world)
    agenda_item_remove(actor=world.users["convener_admin"], item=AgendaItem.objects.get())

    assert post(client, world).status_code == 302
    assert RemedyProposal.objects.count() == 1


def test_it_lets_the_same_remedy_answer_two_causes_once(world, client_for, radar_data, meeting):
    radar_data.factors = [factor("trust", "borderline"), factor("commitment", "concern")]
    client = client_for("convener_admin")

    assert post(client, world, "modest_aim", "trust").status_code == 302
    assert post(client, world, "modest_aim", "commitment").status_code == 409


def test_it_sends_the_convener_to_schedule_a_meeting_when_none_is_ahead(world, client_for, trust_on_watch):
    MeetingFactory(partnership=world.partnership, starts_at=timezone.now() - timedelta(days=1))
    MeetingFactory(partnership=world.partnership, status="cancelled")
    MeetingFactory(
        partnership=world.partnership, working_group=WorkingGroupFactory(partnership=world.partnership)
    )
    client = client_for("convener_admin")
    before = snapshot()

    response = post(client, world)

    assert response.status_code == 409
    assert reverse("meetings:create", args=[world.partnership.uuid]) in text(response)
    assert snapshot() == before


@pytest.mark.parametrize(
    ("remedy", "cause", "status", "message"),
    [
        ("no_such_remedy", "trust", 400, "Choose one of the remedies the radar suggests"),
        ("rotate_chair", "trust", 400, "Choose one of the remedies the radar suggests"),  # not trust's
        ("", "", 400, "Choose one of the remedies the radar suggests"),
        ("x" * 5000, "<script>", 400, "Choose one of the remedies the radar suggests"),
        ("decision_dates", "slow_pace", 409, "The radar no longer raises that cause"),  # not raised
    ],
)
def test_it_refuses_a_remedy_the_radar_does_not_suggest(
    remedy, cause, status, message, world, client_for, trust_on_watch, meeting
):
    client = client_for("convener_admin")
    before = snapshot()

    response = post(client, world, remedy, cause)

    assert response.status_code == status
    assert message in text(response)
    assert snapshot() == before


@pytest.mark.parametrize(
    "persona", ["outsider", "observer", "partner_member", "partner_admin", "participant", "site_admin"]
)
def test_it_answers_404_to_those_who_may_not_change_the_next_meeting(
    persona, world, client_for, trust_on_watch, meeting
):
    client = client_for(persona)
    before = snapshot()

    assert post(client, world).status_code == 404
    assert snapshot() == before


def test_it_lets_the_meetings_chair_add_a_remedy(world, client_for, trust_on_watch):
    MeetingFactory(partnership=world.partnership, chair=world.users["partner_admin"])

    assert post(client_for("partner_admin"), world).status_code == 302


def test_it_refuses_a_closed_partnership(world, client_for, trust_on_watch, meeting):
    world.partnership.status = "closed"
    world.partnership.save()

    response = post(client_for("convener_admin"), world)

    assert response.status_code == 409
    assert AgendaItem.objects.count() == 0


def test_the_service_refuses_unknown_keys_and_causes_not_raised(world, trust_on_watch, meeting):
    actor = world.users["convener_admin"]
    with pytest.raises(ServiceError):
        remedy_add_to_agenda(actor=actor, meeting=meeting, cause="trust", remedy="nothing")
    with pytest.raises(Conflict):
        remedy_add_to_agenda(actor=actor, meeting=meeting, cause="hard_grind", remedy="talk_to_action")
    assert AgendaItem.objects.count() == 0


def test_it_adds_a_remedy_for_the_demos_slow_pace(world, client_for, radar_data, meeting):
    radar_data.signals = demo_shaped(timezone.localdate())

    assert post(client_for("convener_admin"), world, "decision_dates", "slow_pace").status_code == 302
    assert "First replies to threads took a median of 20 hours" in AgendaItem.objects.get().notes


def test_it_refuses_a_closed_partnership_without_offering_to_schedule(world, client_for, trust_on_watch):
    world.partnership.status = "closed"
    world.partnership.save()

    response = post(client_for("convener_admin"), world)

    assert response.status_code == 409
    assert "has closed" in text(response)
    assert reverse("meetings:create", args=[world.partnership.uuid]) not in text(response)
