"""Who the ledger tells (consortia/contributions/notifications.py): a reversal tells the
partner's representatives, as theirs, with a link to the reversal; nobody is told of
their own reversal, and recording an entry tells nobody."""

import pytest

from consortia.contributions.services import entry_reverse
from consortia.core.factories import entry_for
from consortia.notifications.models import Notification

pytestmark = pytest.mark.usefixtures("notifications_on")


def told(world) -> dict[str, str]:
    by_pk = {user.pk: name for name, user in world.users.items()}
    return {by_pk[n.recipient_id]: n.reason for n in Notification.objects.order_by("id")}


def test_a_reversal_tells_the_partners_representatives(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        entry = entry_for(world.core_partner)
    assert told(world) == {}

    with django_capture_on_commit_callbacks(execute=True):
        reversal = entry_reverse(actor=world.users["convener_admin"], entry=entry, reason="Counted twice")

    assert told(world) == {"partner_admin": "yours"}  # the Core Org's representative
    assert (
        Notification.objects.get().url
        == f"/partnerships/{world.partnership.uuid}/contributions/{reversal.uuid}/"
    )


def test_nobody_is_told_of_their_own_reversal(world, django_capture_on_commit_callbacks):
    entry = entry_for(world.core_partner)
    with django_capture_on_commit_callbacks(execute=True):
        entry_reverse(actor=world.users["partner_admin"], entry=entry, reason="Counted twice")

    assert told(world) == {}
