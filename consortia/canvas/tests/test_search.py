"""Canvas items in search (canvas/search.py): outcomes, needs and pledges."""

import pytest

from consortia.core.factories import NeedFactory, OutcomeFactory, PledgeFactory
from consortia.search import testing
from consortia.search.testing import found

pytestmark = pytest.mark.django_db


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    return testing.committed(django_capture_on_commit_callbacks)


def test_canvas_items_are_found(world, committed):
    committed(lambda: OutcomeFactory(partnership=world.partnership, statement="Carers feel less isolated"))
    committed(lambda: NeedFactory(partnership=world.partnership, description="A minibus for outings"))
    committed(lambda: PledgeFactory(partner=world.core_partner, description="Our minibus on Fridays"))

    assert found(world.partnership, "isolated", kind="outcome") == 1
    assert found(world.partnership, "minibus") == 2
    assert found(world.partnership, "core org", kind="pledge") == 1  # the pledging partner's name
