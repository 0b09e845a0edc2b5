"""Who the health check tells (consortia/health/notifications.py): opening a round
invites everyone in the partnership, every member of every active partner and every
individual participant, as theirs; closing it tells them its results are ready, as
activity; answers and ratings tell nobody. Nobody is told of their own act."""

from datetime import timedelta

import pytest
from django.utils import timezone

from consortia.core.factories import health_answers
from consortia.health import services
from consortia.notifications.models import Notification

pytestmark = pytest.mark.usefixtures("notifications_on")


def told(world) -> dict[str, str]:
    by_pk = {user.pk: name for name, user in world.users.items()}
    return {by_pk.get(n.recipient_id, n.recipient_id): n.reason for n in Notification.objects.order_by("id")}


def test_opening_a_round_invites_every_member_and_participant(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        round = services.round_open(
            actor=world.users["convener_admin"],
            partnership=world.partnership,
            closes_on=timezone.localdate() + timedelta(days=14),
        )

    everyone = {"partner_admin", "partner_member", "observer", "participant"}
    assert told(world) == dict.fromkeys(everyone, "yours")
    assert Notification.objects.first().url == f"/partnerships/{world.partnership.uuid}/health/{round.uuid}/"


def test_answers_tell_nobody_and_closing_tells_everyone(world, round, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.response_submit(actor=world.users["partner_member"], round=round, answers=health_answers(4))
    assert told(world) == {}

    with django_capture_on_commit_callbacks(execute=True):
        services.round_close(actor=world.users["convener_admin"], round=round)
    assert told(world) == dict.fromkeys(
        {"partner_admin", "partner_member", "observer", "participant"}, "activity"
    )
