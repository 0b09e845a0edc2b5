"""The settings page: the new link shown once, the status, making and stopping."""

import pytest
from django.urls import reverse

from consortia.calendars.models import CalendarFeed
from consortia.calendars.selectors import feed_owner
from consortia.core.factories import UserFactory
from consortia.core.testing import signed_in

pytestmark = pytest.mark.django_db

SETTINGS = reverse("calendars:settings")


def new_link(page) -> str:
    """The feed URL in the page's read-only field."""
    return page.context["new_url"]


def test_it_shows_a_new_link_once_and_the_link_opens_the_feed():
    person = UserFactory(name="Max Member")
    client = signed_in(person)

    response = client.post(reverse("calendars:make"))
    assert response.status_code == 302 and response["Location"] == SETTINGS
    page = client.get(SETTINGS)
    url = new_link(page)
    token = url.rsplit("/", 1)[1].removesuffix(".ics")

    assert url.startswith("http://127.0.0.1:8000/calendar/")
    assert f'value="{url}"' in page.content.decode()
    assert "This link is shown only once" in page.content.decode()
    assert feed_owner(token) == person
    again = client.get(SETTINGS)
    assert new_link(again) == ""
    assert url not in again.content.decode()
    assert "Working, made on" in again.content.decode()
    assert "Make a new link" in again.content.decode()
    assert client.get(url.removeprefix("http://127.0.0.1:8000")).status_code == 200


def test_it_says_when_there_is_no_link_and_offers_to_make_one():
    page = signed_in(UserFactory()).get(SETTINGS).content.decode()

    assert "You have no working link" in page
    assert "Make a link" in page
    assert "Stop the link" not in page
    for client_name in ("Google Calendar", "Outlook", "Apple Calendar"):
        assert client_name in page


def test_stopping_the_link_makes_the_feed_a_404():
    person = UserFactory()
    client = signed_in(person)
    client.post(reverse("calendars:make"))
    url = new_link(client.get(SETTINGS)).removeprefix("http://127.0.0.1:8000")

    response = client.post(reverse("calendars:revoke"), follow=True)

    assert "has stopped working" in response.content.decode()
    assert "You have no working link" in response.content.decode()
    assert client.get(url).status_code == 404
    assert not CalendarFeed.objects.filter(revoked_at__isnull=True).exists()


def test_stopping_when_there_is_no_link_says_so_and_changes_nothing():
    response = signed_in(UserFactory()).post(reverse("calendars:revoke"), follow=True)

    assert "You have no calendar feed link to stop" in response.content.decode()
    assert not CalendarFeed.objects.exists()


def test_the_dashboard_links_to_the_calendar_feed_page():
    page = signed_in(UserFactory()).get(reverse("home")).content.decode()

    assert f'href="{SETTINGS}"' in page


def test_a_new_link_works_and_the_old_one_answers_404_at_once():
    client = signed_in(UserFactory())
    client.post(reverse("calendars:make"))
    old = new_link(client.get(SETTINGS)).removeprefix("http://127.0.0.1:8000")

    client.post(reverse("calendars:make"))
    new = new_link(client.get(SETTINGS)).removeprefix("http://127.0.0.1:8000")

    assert new != old
    assert client.get(new).status_code == 200
    assert client.get(old).status_code == 404
