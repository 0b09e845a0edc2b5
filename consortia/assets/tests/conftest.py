import datetime

import pytest

from consortia.core.factories import AssetFactory


@pytest.fixture
def room(world):
    """The convener's consultation room: Monday to Friday, 9 to 5, the owner approves."""
    return AssetFactory(partnership=world.partnership, owner=world.convener_partner, name="Consultation room")


@pytest.fixture
def minibus(world):
    """The convener's minibus: every day, 7 to 21, approved automatically."""
    return AssetFactory(
        partnership=world.partnership,
        owner=world.convener_partner,
        name="Minibus",
        kind="vehicle",
        open_days=127,
        opens_at=datetime.time(7),
        closes_at=datetime.time(21),
        approval_required=False,
    )
