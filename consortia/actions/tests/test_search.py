"""Actions in search (actions/search.py): found by what is to be done and its details,
and by the reason once dropped; the index follows each change once it commits."""

import pytest

from consortia.actions import services
from consortia.search import testing
from consortia.search.testing import found

pytestmark = pytest.mark.django_db


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    return testing.committed(django_capture_on_commit_callbacks)


def test_an_action_is_found_and_follows_its_changes(world, committed):
    member = world.users["partner_member"]
    action = committed(
        lambda: services.action_create(
            member,
            world.partnership,
            title="Print the referral leaflets",
            details="Two hundred, for the **surgeries**.",
            owner_user=member,
        )
    )
    assert found(world.partnership, "leaflets", kind="action") == 1
    assert found(world.partnership, "surgeries", kind="action") == 1

    committed(lambda: services.action_drop(member, action, "The council prints them instead"))

    assert found(world.partnership, "council prints", kind="action") == 1
