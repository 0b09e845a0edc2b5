"""Who the fund tells (consortia/fund/notifications.py): a request sent for approval
tells the representatives of the partners who may approve it (never the requester's
own); approved, paid and refused tell whoever made the request."""

import pytest

from consortia.fund import services
from consortia.notifications.models import Notification

from . import conftest

pytestmark = pytest.mark.usefixtures("notifications_on")


def told(world, fw) -> set[str]:
    names = {user.pk: name for name, user in world.users.items()} | {fw.third_admin.pk: "third_admin"}
    return {names[n.recipient_id] for n in Notification.objects.all()}


def test_a_submitted_request_tells_who_may_approve_it(fw, world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        conftest.submitted(fw, world)
    assert told(world, fw) == {"convener_admin", "third_admin"}


def test_the_requester_is_told_when_it_is_approved_and_paid(fw, world, django_capture_on_commit_callbacks):
    spending = conftest.submitted(fw, world)
    Notification.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        services.spending_request_approve(
            actor=world.users["convener_admin"], spending=spending, partner=world.convener_partner
        )
    assert told(world, fw) == set()  # one approval of two: nobody yet
    with django_capture_on_commit_callbacks(execute=True):
        services.spending_request_approve(actor=fw.third_admin, spending=spending, partner=fw.third_partner)
        services.spending_request_pay(actor=world.users["convener_admin"], spending=spending)
    assert told(world, fw) == {"partner_member"}
    assert Notification.objects.count() == 2
    assert (
        Notification.objects.first().url
        == f"/partnerships/{world.partnership.uuid}/fund/requests/{spending.uuid}/"
    )


def test_the_requester_is_told_when_it_is_refused(fw, world, django_capture_on_commit_callbacks):
    spending = conftest.submitted(fw, world)
    Notification.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        services.spending_request_reject(actor=fw.third_admin, spending=spending, reason="Not now")
    assert told(world, fw) == {"partner_member"}
