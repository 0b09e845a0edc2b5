"""Helpers for the activity tests: who acts for which partner in `world`, and a
log written at chosen times."""

import datetime

import pytest
from django.utils import timezone

from consortia.activity.history import Actor


@pytest.fixture
def actors(world) -> list[Actor]:
    return [
        Actor(world.users["convener_admin"].pk, world.convener_partner.pk, world.convener_org.pk),
        Actor(world.users["partner_admin"].pk, world.core_partner.pk, world.core_org.pk),
        Actor(world.users["partner_member"].pk, world.core_partner.pk, world.core_org.pk),
        Actor(world.users["observer"].pk, world.observer_partner.pk, world.observer_org.pk),
    ]


@pytest.fixture
def joined_long_ago(world) -> None:
    """The partners joined a year ago, so every month of a history counts them."""
    world.partnership.partners.update(joined_at=timezone.now() - datetime.timedelta(days=366))
