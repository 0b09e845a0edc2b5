"""The daily digest (settings.SCHEDULED_TASKS): one email per person and partnership
with the items waiting, each sent once, none from a partnership the person left."""

from django.conf import settings
from django.core import mail

from consortia.core.events import event_record
from consortia.notifications.models import Notification, Preference
from consortia.notifications.tasks import notifications_digest_send, notifications_fan_out
from consortia.partnerships.models import Partner


def notify(world, verb):
    event = event_record(
        actor=world.users["convener_admin"], verb=verb, partnership=world.partnership, object_repr=verb
    )
    notifications_fan_out.call(event_id=event.pk)


def test_it_is_a_scheduled_job():
    assert {
        "task": "consortia.notifications.tasks.notifications_digest_send",
        "cron": "0 7 * * *",
    } in settings.SCHEDULED_TASKS.values()


def test_it_sends_one_email_per_person_with_their_waiting_items_once(
    world, django_capture_on_commit_callbacks
):
    for persona in ("observer", "participant"):
        Preference.objects.create(user=world.users[persona], partnership=world.partnership, email="digest")
    notify(world, "partner.joined")
    notify(world, "partner.left")
    assert mail.outbox == []  # digest people get nothing at once; the others chose "mine"

    with django_capture_on_commit_callbacks(execute=True):
        assert notifications_digest_send.call() == 2

    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [world.users["observer"].email, world.users["participant"].email]
    )
    message = mail.outbox[0]
    assert "partner.joined" in message.body and "partner.left" in message.body
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert not Notification.objects.filter(digest_pending=True).exists()

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert notifications_digest_send.call() == 0
    assert mail.outbox == []


def test_it_sends_nothing_from_a_partnership_the_person_left(world):
    Preference.objects.create(user=world.users["observer"], partnership=world.partnership, email="digest")
    notify(world, "partner.joined")
    Partner.objects.filter(pk=world.observer_partner.pk).update(left_at=world.observer_partner.joined_at)

    assert notifications_digest_send.call() == 0
    assert mail.outbox == []
