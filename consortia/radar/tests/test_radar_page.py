"""The radar page: the level, each mark with its evidence, the survey's factors, the
outcomes, and the remedies for each raised cause, with the one-click button for those
who may change the next meeting."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from consortia.core.factories import MeetingFactory
from consortia.core.testing import text

from .fakes import demo_shaped, factor, healthy, outcome

pytestmark = pytest.mark.django_db


def url(world):
    return reverse("radar:radar", args=[world.partnership.uuid])


def test_it_says_not_enough_data_yet_before_anything_is_measured(world, client_for, radar_data):
    page = text(client_for("partner_member").get(url(world)))

    assert "Not enough data yet" in page
    assert "No health check has closed yet." in page
    assert "What to do next" not in page


def test_it_shows_a_clear_partnership_without_remedies(world, client_for, radar_data):
    radar_data.signals = healthy(timezone.localdate())
    radar_data.factors = [factor("trust", "strength", label="Trust")]

    page = text(client_for("observer").get(url(world)))

    assert 'Level: <strong class="govuk-tag govuk-tag--green">Clear</strong>' in page
    assert "Add to the next meeting\u2019s agenda" not in page


def test_it_shows_the_warning_its_evidence_and_the_remedies_with_buttons(world, client_for, radar_data):
    radar_data.signals = demo_shaped(timezone.localdate())
    radar_data.factors = [factor("trust", "borderline", label="Trust")]
    radar_data.outcomes = [outcome("Carers reached", "off_track", latest_on=timezone.localdate())]
    meeting = MeetingFactory(partnership=world.partnership, title="December meeting")

    response = client_for("convener_admin").get(url(world))

    page = text(response)
    assert response.status_code == 200
    assert 'Level: <strong class="govuk-tag govuk-tag--red">Warning</strong>' in page
    assert "Things are slowing down: decisions and replies take longer than they did." in page
    assert "First replies to threads took a median of 20 hours in" in page
    assert "Partners rate “Trust” as borderline, worth discussing." in page
    assert "Carers reached" in page and "Off track" in page
    assert "Set a modest shared aim that can be won quickly" in page
    assert page.count('name="remedy"') == 3 + 3 + 3 + 3  # four causes, three remedies each
    assert "December meeting" in page
    assert str(meeting.uuid) in page


@pytest.mark.parametrize("persona", ["observer", "partner_member", "participant", "site_admin"])
def test_it_shows_remedies_but_no_button_to_those_who_may_not_change_the_meeting(
    persona, world, client_for, radar_data
):
    radar_data.factors = [factor("trust", "borderline", label="Trust")]
    MeetingFactory(partnership=world.partnership)

    page = text(client_for(persona).get(url(world)))

    assert "Set a modest shared aim that can be won quickly" in page
    assert 'name="remedy"' not in page


def test_it_asks_the_convener_to_schedule_a_meeting_when_none_is_ahead(world, client_for, radar_data):
    radar_data.factors = [factor("trust", "borderline", label="Trust")]
    MeetingFactory(partnership=world.partnership, starts_at=timezone.now() - timedelta(days=3))
    MeetingFactory(partnership=world.partnership, status="cancelled")

    page = text(client_for("convener_admin").get(url(world)))

    assert "No meeting is scheduled" in page
    assert reverse("meetings:create", args=[world.partnership.uuid]) in page
    assert 'name="remedy"' not in page


def test_it_hides_the_page_from_outsiders(world, client_for, radar_data):
    assert client_for("outsider").get(url(world)).status_code == 404
