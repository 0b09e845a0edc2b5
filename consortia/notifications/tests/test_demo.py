"""The demo fills the inboxes from its events, and sends no email (its addresses are
nobody's): while emails are suppressed the fan-out runs at once, without mail."""

import pytest
from django.core.management import call_command
from django.db.models import F

from consortia.accounts.models import User
from consortia.notifications.models import Notification, Preference


@pytest.mark.django_db(transaction=True)  # the demo's transaction commits, as it does for real
def test_the_demo_fills_inboxes_and_sends_no_email(mailoutbox, notifications_on):
    call_command("demo")

    assert mailoutbox == []
    gareth = User.objects.get(email__startswith="gareth")
    assert Preference.objects.get(user=gareth).email == "digest"
    assert Notification.objects.filter(reason="yours").exists()  # the open polls, to those who may vote
    # Nobody is told of their own action.
    assert not Notification.objects.filter(recipient_id=F("event__actor_id")).exists()
