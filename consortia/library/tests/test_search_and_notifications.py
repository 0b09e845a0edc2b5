"""Entries in the partnership's search (library/search.py), and members told when an
entry is added (library/notifications.py)."""

import pytest

from consortia.core.factories import PartnershipFactory
from consortia.library import services
from consortia.notifications.models import Notification
from consortia.search import testing
from consortia.search.testing import found

pytestmark = pytest.mark.django_db


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    return testing.committed(django_capture_on_commit_callbacks)


def test_an_entry_is_found_by_its_title_and_text_and_its_new_words_after_an_edit(world, committed):
    author = world.users["partner_member"]
    entry = committed(
        lambda: services.entry_create(
            actor=author,
            partnership=world.partnership,
            title="Volunteer drivers",
            what_worked="A shared **rota** spreadsheet",
        )
    )
    assert found(world.partnership, "drivers", kind="library") == 1
    assert found(world.partnership, "rota", kind="library") == 1
    assert found(PartnershipFactory(), "drivers") == 0
    committed(
        lambda: services.entry_update(
            actor=author, entry=entry, title="Volunteer drivers", what_worked="A whiteboard"
        )
    )
    assert found(world.partnership, "rota", kind="library") == 0
    assert found(world.partnership, "whiteboard", kind="library") == 1


@pytest.mark.usefixtures("notifications_on")
def test_members_are_told_when_an_entry_is_added_but_not_its_author(
    world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        entry = services.entry_create(
            actor=world.users["partner_member"], partnership=world.partnership, title="Café guide"
        )
    told = set(Notification.objects.values_list("recipient_id", flat=True))
    assert world.users["convener_admin"].pk in told and world.users["participant"].pk in told
    assert world.users["partner_member"].pk not in told and world.users["outsider"].pk not in told
    assert {n.url for n in Notification.objects.all()} == {
        f"/partnerships/{world.partnership.uuid}/library/{entry.uuid}/"
    }
