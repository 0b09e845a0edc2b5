"""Who expertise tells (consortia/expertise/notifications.py): the endorsed person,
as theirs, with a link to the map; nobody else."""

import pytest

from consortia.core.factories import PersonExpertiseFactory
from consortia.expertise import services
from consortia.notifications.models import Notification

pytestmark = pytest.mark.usefixtures("notifications_on")


def test_an_endorsement_tells_the_endorsed_person(world, django_capture_on_commit_callbacks):
    expertise = PersonExpertiseFactory(partnership=world.partnership, user=world.users["partner_member"])
    with django_capture_on_commit_callbacks(execute=True):
        services.expertise_endorse(actor=world.users["convener_admin"], expertise=expertise)

    told = Notification.objects.get()
    assert (told.recipient, told.reason) == (world.users["partner_member"], "yours")
    assert told.url == f"/partnerships/{world.partnership.uuid}/expertise/"
