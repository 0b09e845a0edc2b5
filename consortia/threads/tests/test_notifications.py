"""Who a thread tells (consortia/threads/notifications.py): the people a post mentions,
as a mention; those who have written in the thread, of a reply, as theirs; everyone
else in the partnership as activity; never the author."""

import pytest

from consortia.notifications.models import Notification
from consortia.threads.services import thread_reply, thread_start

pytestmark = pytest.mark.usefixtures("notifications_on")


def told(world) -> dict[str, str]:
    by_pk = {user.pk: name for name, user in world.users.items()}
    return {by_pk[n.recipient_id]: n.reason for n in Notification.objects.order_by("id")}


def test_it_tells_a_mentioned_person_as_a_mention_and_everyone_else_as_activity(
    world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        thread = thread_start(
            actor=world.users["convener_admin"],
            partnership=world.partnership,
            title="Carers' week",
            body="Can @[Max Member] book the hall?",
        )

    assert told(world) == {
        "partner_member": "mention",
        "partner_admin": "activity",
        "observer": "activity",
        "participant": "activity",
    }
    assert set(Notification.objects.values_list("url", flat=True)) == {
        f"/partnerships/{world.partnership.uuid}/threads/{thread.uuid}/"
    }


def test_it_tells_those_who_wrote_in_the_thread_of_a_reply_as_theirs(
    world, django_capture_on_commit_callbacks
):
    thread = thread_start(
        actor=world.users["convener_admin"],
        partnership=world.partnership,
        title="Rota",
        body="Who can cover?",
    )
    Notification.objects.all().delete()

    with django_capture_on_commit_callbacks(execute=True):
        thread_reply(actor=world.users["partner_member"], thread=thread, body="I can do Tuesdays.")

    assert told(world) == {
        "convener_admin": "yours",
        "partner_admin": "activity",
        "observer": "activity",
        "participant": "activity",
    }
