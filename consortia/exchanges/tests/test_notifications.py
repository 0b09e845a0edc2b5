"""Who exchanges tell: a proposal and one side's agreement tell the other side's
admins; confirmation tells the people on it; nobody is told of their own act."""

import pytest

from consortia.core.factories import ExchangeParticipantFactory
from consortia.exchanges import services
from consortia.notifications.models import Notification

pytestmark = pytest.mark.usefixtures("notifications_on")


def told(world) -> dict[str, str]:
    by_pk = {user.pk: name for name, user in world.users.items()}
    return {by_pk.get(n.recipient_id, n.recipient_id): n.reason for n in Notification.objects.order_by("id")}


def test_a_proposal_tells_the_other_sides_admins(world, details, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.exchange_propose(actor=world.users["convener_admin"], **details())

    assert told(world) == {"partner_admin": "yours"}


def test_an_agreement_tells_the_other_side_and_confirmation_the_people(
    world, exchange, django_capture_on_commit_callbacks
):
    ExchangeParticipantFactory(exchange=exchange, user=world.users["partner_member"])
    with django_capture_on_commit_callbacks(execute=True):
        services.exchange_agree(actor=world.users["partner_admin"], exchange=exchange, side="sender")
    assert told(world) == {"convener_admin": "yours"}

    Notification.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        services.exchange_agree(actor=world.users["convener_admin"], exchange=exchange, side="host")

    assert told(world) == {"partner_member": "yours", "partner_admin": "yours"}
