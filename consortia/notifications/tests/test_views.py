"""The inbox, marking read, the header's unread count, the email choices page and
the one-click unsubscribe link."""

import pytest
from django.core import signing
from django.urls import reverse

from consortia.core.events import event_record
from consortia.core.testing import signed_in
from consortia.notifications.models import Notification, Preference
from consortia.notifications.tasks import notifications_fan_out
from consortia.notifications.tokens import SALT, unsubscribe_token
from consortia.partnerships.models import Partner

INBOX = reverse("notifications:inbox")


def notify(world, verb="partner.joined", **kwargs):
    event = event_record(
        actor=world.users["convener_admin"], verb=verb, partnership=world.partnership, **kwargs
    )
    notifications_fan_out.call(event_id=event.pk)
    return event


def mine(world, persona="partner_member"):
    return Notification.objects.filter(recipient=world.users[persona])


def test_it_lists_the_inbox_with_links_and_the_unread_count_in_the_header(world):
    notify(world, object_repr="Riverside")
    client = signed_in(world.users["partner_member"])

    page = client.get(INBOX).content.decode()

    assert "Cora Convener" in page and "joined the partnership as" in page
    assert f'href="/partnerships/{world.partnership.uuid}/"' in page
    assert 'consortia-unread-count">1<' in page
    assert reverse("notifications:preferences", args=[world.partnership.uuid]) in page


def test_it_shows_no_count_to_anonymous_visitors_and_none_when_all_is_read(world, client):
    assert "consortia-unread-count" not in client.get(reverse("account_login")).content.decode()
    assert "consortia-unread-count" not in signed_in(world.users["outsider"]).get(INBOX).content.decode()


def test_it_marks_one_read(world):
    notify(world)
    notification = mine(world).get()
    client = signed_in(world.users["partner_member"])

    response = client.post(reverse("notifications:read", args=[notification.uuid]))

    assert response.status_code == 302
    notification.refresh_from_db()
    assert notification.read_at is not None
    assert "consortia-unread-count" not in client.get(INBOX).content.decode()


def test_it_goes_to_the_thing_when_asked(world):
    notify(world)
    notification = mine(world).get()

    response = signed_in(world.users["partner_member"]).post(
        reverse("notifications:read", args=[notification.uuid]), {"go": "1"}
    )

    assert response["Location"] == f"/partnerships/{world.partnership.uuid}/"


def test_it_refuses_to_mark_someone_elses_notification(world):
    notify(world)
    notification = mine(world).get()

    response = signed_in(world.users["observer"]).post(
        reverse("notifications:read", args=[notification.uuid])
    )

    assert response.status_code == 404
    notification.refresh_from_db()
    assert notification.read_at is None


def test_it_marks_all_read(world):
    notify(world)
    notify(world, verb="partner.left")
    other = mine(world, "observer").count()

    signed_in(world.users["partner_member"]).post(reverse("notifications:read_all"))

    assert not mine(world).filter(read_at__isnull=True).exists()
    assert mine(world, "observer").filter(read_at__isnull=True).count() == other


def test_it_hides_notifications_from_a_partnership_the_person_left(world):
    notify(world, object_repr="Something private")
    Partner.objects.filter(pk=world.core_partner.pk).update(left_at=world.core_partner.joined_at)
    client = signed_in(world.users["partner_member"])

    page = client.get(INBOX).content.decode()

    assert "Something private" not in page and "consortia-unread-count" not in page
    notification = mine(world).get()
    assert client.post(reverse("notifications:read", args=[notification.uuid])).status_code == 404


def test_it_saves_the_email_choice(world):
    url = reverse("notifications:preferences", args=[world.partnership.uuid])
    client = signed_in(world.users["partner_member"])

    assert "Only mentions and what is mine" in client.get(url).content.decode()
    response = client.post(url, {"email": "digest"})

    assert response.status_code == 302
    assert Preference.objects.get(user=world.users["partner_member"]).email == "digest"


def test_it_refuses_an_unknown_email_choice_with_a_message(world):
    url = reverse("notifications:preferences", args=[world.partnership.uuid])

    response = signed_in(world.users["partner_member"]).post(url, {"email": "hourly"})

    assert response.status_code == 400
    assert "govuk-error-summary" in response.content.decode()
    assert not Preference.objects.exists()


# --- unsubscribe ------------------------------------------------------------------------------


def unsubscribe_url(world, persona="partner_member"):
    return reverse(
        "notifications:unsubscribe", args=[unsubscribe_token(world.users[persona], world.partnership)]
    )


def test_it_asks_to_confirm_on_get_and_changes_nothing(world, client):
    response = client.get(unsubscribe_url(world))

    assert response.status_code == 200
    assert "Stop email from Carers Advice Partnership?" in response.content.decode()
    assert not Preference.objects.exists()


def test_it_unsubscribes_on_a_one_click_post_without_sign_in_or_csrf(world):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)

    response = client.post(unsubscribe_url(world), {"List-Unsubscribe": "One-Click"})

    assert response.status_code == 200
    assert (
        Preference.objects.get(user=world.users["partner_member"], partnership=world.partnership).email
        == "none"
    )
    assert client.session.get("_auth_user_id") is None  # it signed nobody in


@pytest.mark.parametrize(
    "token",
    [
        "not-a-token",
        signing.dumps({"u": "x", "p": "y", "do": "unsubscribe"}, salt="another purpose"),
        signing.dumps({"u": "x", "p": "y", "do": "sign_in"}, salt=SALT),
        signing.dumps(["a", "b"], salt=SALT),
    ],
    # Named, not shown: a signed token holds the time it was made, and pytest-xdist's
    # workers must collect the same test ids.
    ids=["not-a-token", "another-purpose", "another-verb", "not-a-dict"],
)
def test_it_refuses_a_forged_token_with_a_clear_page(world, client, token):
    for method in (client.get, client.post):
        response = method(reverse("notifications:unsubscribe", args=[token]))

        assert response.status_code == 404
        assert "This unsubscribe link does not work" in response.content.decode()
    assert not Preference.objects.exists()


def test_it_refuses_a_tampered_token(world, client):
    good = unsubscribe_token(world.users["partner_member"], world.partnership)
    other = unsubscribe_token(world.users["observer"], world.partnership)
    tampered = other.split(":")[0] + ":" + good.split(":", 1)[1]

    assert client.post(reverse("notifications:unsubscribe", args=[tampered])).status_code == 404
    assert not Preference.objects.exists()
