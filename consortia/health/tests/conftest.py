"""The health tests' world: the shared `world` (conftest.py at the root) plus an open
round, and a way to make more people for a partner."""

import pytest

from consortia.core.factories import MembershipFactory, RoundFactory


@pytest.fixture
def round(world):
    """An open round of the world's partnership, closing in three weeks."""
    return RoundFactory(partnership=world.partnership, opened_by=world.users["convener_admin"])


@pytest.fixture
def person():
    """person(partner) is a new member of that partner's organisation."""

    def make(partner):
        return MembershipFactory(organisation=partner.organisation).user

    return make
