"""The fan-out: an event the table has rows for enqueues one task after commit; the
task writes notifications in bulk for the audience, never the actor, only people
still in the partnership, and emails as each person chose."""

import pytest
from django.core import mail

from consortia.core.events import event_record
from consortia.core.models import Event
from consortia.notifications.models import Notification, Preference
from consortia.notifications.tasks import notifications_fan_out, recipients_for
from consortia.partnerships.models import Partner

from .helpers import open_poll

pytestmark = pytest.mark.usefixtures("notifications_on")


def told(world):
    by_pk = {user.pk: name for name, user in world.users.items()}
    return {by_pk[n.recipient_id]: n.reason for n in Notification.objects.all()}


def test_it_tells_those_who_may_vote_when_a_poll_opens(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        poll = open_poll(world)

    # All partners vote, so not the observer, nor the participant (only "everyone"
    # polls take them); the convener opened it.
    assert told(world) == {"partner_admin": "yours", "partner_member": "yours"}
    assert set(Notification.objects.values_list("url", flat=True)) == {
        f"/partnerships/{world.partnership.uuid}/decisions/{poll.uuid}/"
    }


def test_it_tells_nobody_of_their_own_action(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        event_record(
            actor=world.users["partner_admin"],
            verb="partner.left",
            obj=world.core_partner,
            partnership=world.partnership,
        )

    assert "partner_admin" not in told(world)
    assert set(told(world)) == {"convener_admin", "partner_member", "observer", "participant"}
    assert set(told(world).values()) == {"activity"}


def test_it_re_checks_membership_when_the_task_runs(world):
    event = event_record(
        actor=world.users["convener_admin"], verb="partner.joined", partnership=world.partnership
    )
    Partner.objects.filter(pk=world.core_partner.pk).update(left_at=world.core_partner.joined_at)

    notifications_fan_out.call(event_id=event.pk)

    assert set(told(world)) == {"observer", "participant"}


def test_it_enqueues_nothing_for_a_verb_without_rows(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        event_record(
            actor=world.users["convener_admin"], verb="partnership.updated", partnership=world.partnership
        )

    assert Notification.objects.count() == 0


def test_it_is_safe_to_run_twice(world):
    event = event_record(
        actor=world.users["convener_admin"], verb="partner.joined", partnership=world.partnership
    )

    notifications_fan_out.call(event_id=event.pk)
    notifications_fan_out.call(event_id=event.pk)

    assert Notification.objects.count() == 4


def test_it_emails_as_each_person_chose(world, django_capture_on_commit_callbacks):
    """Default: mentions and what is yours; "all" gets activity too; "none" and
    "digest" get no email now."""
    users = world.users
    Preference.objects.create(user=users["observer"], partnership=world.partnership, email="all")
    Preference.objects.create(user=users["participant"], partnership=world.partnership, email="digest")
    with django_capture_on_commit_callbacks(execute=True):
        event_record(actor=users["convener_admin"], verb="partner.joined", partnership=world.partnership)

    assert [m.to for m in mail.outbox] == [[users["observer"].email]]
    assert Notification.objects.get(recipient=users["participant"]).digest_pending is True

    mail.outbox.clear()
    Preference.objects.create(user=users["partner_member"], partnership=world.partnership, email="none")
    with django_capture_on_commit_callbacks(execute=True):
        open_poll(world)

    assert sorted(m.to[0] for m in mail.outbox) == [users["partner_admin"].email]


def test_it_puts_one_click_unsubscribe_headers_and_link_on_the_email(
    world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        open_poll(world)

    message = next(m for m in mail.outbox if m.to == [world.users["partner_admin"].email])
    url = message.extra_headers["List-Unsubscribe"].strip("<>")
    assert "/notifications/unsubscribe/" in url
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert url in message.body
    assert "Move the drop-in to Thursdays" in message.subject


def test_it_does_not_email_endorsers_again_when_an_agreement_is_published(world):
    event = event_record(
        actor=world.users["convener_admin"], verb="agreement.published", partnership=world.partnership
    )

    assert notifications_fan_out.call(event_id=event.pk) == 1  # the core partner's representative
    assert told(world) == {"partner_admin": "yours"}
    assert mail.outbox == []


def test_it_tells_once_for_the_strongest_reason(world, monkeypatch):
    from consortia.notifications import table
    from consortia.notifications.audiences import everyone, from_payload

    monkeypatch.setitem(
        table.TABLE,
        "partner.joined",
        [
            table.Rule("partner.joined", everyone, "activity"),
            table.Rule("partner.joined", from_payload("m"), "mention"),
        ],
    )
    event = event_record(
        actor=world.users["convener_admin"],
        verb="partner.joined",
        partnership=world.partnership,
        payload={"m": [world.users["observer"].pk, world.users["outsider"].pk]},
    )

    reasons = recipients_for(Event.objects.get(pk=event.pk))

    assert reasons[world.users["observer"].pk] == "mention"
    assert world.users["outsider"].pk not in reasons  # not in the partnership
    assert reasons[world.users["participant"].pk] == "activity"


def test_it_never_fails_the_request_when_the_fan_out_cannot_be_queued(
    world, monkeypatch, caplog, django_capture_on_commit_callbacks
):
    class BrokenQueue:
        def enqueue(self, **kwargs):
            raise ConnectionError("queue down")

    monkeypatch.setattr("consortia.notifications.tasks.notifications_fan_out", BrokenQueue())
    with django_capture_on_commit_callbacks(execute=True):
        event = event_record(
            actor=world.users["convener_admin"], verb="partner.joined", partnership=world.partnership
        )

    assert Event.objects.filter(pk=event.pk).exists()
    assert "were not queued" in caplog.text


def test_it_tells_a_person_added_to_a_working_group_and_links_to_the_group(
    world, django_capture_on_commit_callbacks
):
    from consortia.groups.services import group_create, group_member_add

    with django_capture_on_commit_callbacks(execute=True):
        group = group_create(
            actor=world.users["convener_admin"], partnership=world.partnership, name="Training", is_open=False
        )
    assert set(told(world)) == {"partner_admin", "partner_member", "observer", "participant"}  # group.created

    Notification.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        group_member_add(actor=world.users["convener_admin"], group=group, user=world.users["partner_member"])

    assert told(world) == {"partner_member": "yours"}
    assert Notification.objects.get().url == f"/partnerships/{world.partnership.uuid}/groups/{group.uuid}/"
