"""What the radar reads: its level for a badge, and the meeting a remedy goes to."""

from datetime import timedelta

import pytest
from django.utils import timezone

from consortia.core.factories import MeetingFactory, PartnershipFactory, WorkingGroupFactory
from consortia.radar.selectors import next_meeting, radar_inputs, radar_level

from .fakes import demo_shaped, factor

pytestmark = pytest.mark.django_db


def test_it_gives_not_enough_data_yet_from_the_stubs(world):
    assert radar_level(partnership=world.partnership) == "unknown"


def test_it_gives_the_level_from_the_contract_selectors(world, radar_data):
    radar_data.factors = [factor("trust", "borderline")]
    assert radar_level(partnership=world.partnership) == "watch"

    radar_data.signals = demo_shaped(timezone.localdate())
    assert radar_level(partnership=world.partnership) == "warning"


def test_it_names_the_partners_by_their_organisations_uuid(world):
    names = radar_inputs(partnership=world.partnership).partner_names

    assert names[str(world.core_org.uuid)] == "Core Org"


def test_it_finds_the_partnerships_next_meeting(world):
    now = timezone.now()
    MeetingFactory(partnership=world.partnership, starts_at=now - timedelta(hours=1))  # started
    MeetingFactory(partnership=world.partnership, starts_at=now + timedelta(days=1), status="cancelled")
    MeetingFactory(
        partnership=world.partnership,
        starts_at=now + timedelta(days=2),
        working_group=WorkingGroupFactory(partnership=world.partnership),
    )
    MeetingFactory(partnership=PartnershipFactory(), starts_at=now + timedelta(days=3))
    later = MeetingFactory(partnership=world.partnership, starts_at=now + timedelta(days=20))
    sooner = MeetingFactory(partnership=world.partnership, starts_at=now + timedelta(days=10))

    assert next_meeting(partnership=world.partnership) == sooner
    sooner.delete()
    assert next_meeting(partnership=world.partnership) == later


def test_it_finds_no_next_meeting_when_none_is_ahead(world):
    MeetingFactory(partnership=world.partnership, starts_at=timezone.now() - timedelta(days=1))

    assert next_meeting(partnership=world.partnership) is None
