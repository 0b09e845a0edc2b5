"""The training tests' world: the shared `world` (conftest.py at the root) plus a
course the convener offers, and a way to make more people for a partner."""

import pytest

from consortia.core.factories import CourseFactory, MembershipFactory


@pytest.fixture
def course(world):
    """Two places, open to all, offered by the convening partner (its admin runs it)."""
    return CourseFactory(partnership=world.partnership, partner=world.convener_partner, places=2)


@pytest.fixture
def person():
    """person(partner) is a new member of that partner's organisation."""

    def make(partner):
        return MembershipFactory(organisation=partner.organisation).user

    return make
