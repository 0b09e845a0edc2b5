"""Making and stopping a feed link: one live link per person, the old one stops the
moment a new one is made, only the hash is stored, one event per change."""

import pytest
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction

from consortia.calendars import services
from consortia.calendars.models import CalendarFeed
from consortia.calendars.selectors import feed_live, feed_owner
from consortia.core.factories import CalendarFeedFactory, UserFactory
from consortia.core.models import Event
from consortia.core.tokens import token_hash

pytestmark = pytest.mark.django_db


def test_it_makes_a_link_whose_token_opens_the_persons_feed_and_stores_only_its_hash():
    person = UserFactory()

    token = services.feed_make(actor=person)

    feed = CalendarFeed.objects.get()
    assert feed.user == person and feed.is_live
    assert feed.token_hash == token_hash(token) != token
    assert token not in str(list(CalendarFeed.objects.values_list()))
    assert feed_owner(token) == person
    assert [(e.verb, e.actor, e.partnership) for e in Event.objects.all()] == [
        ("calendar.feed_made", person, None)
    ]


def test_it_stops_the_old_link_at_once_when_a_new_one_is_made():
    person = UserFactory()
    old = services.feed_make(actor=person)

    new = services.feed_make(actor=person)

    assert feed_owner(old) is None
    assert feed_owner(new) == person
    assert CalendarFeed.objects.filter(user=person, revoked_at__isnull=True).count() == 1
    assert CalendarFeed.objects.filter(user=person).count() == 2
    assert list(Event.objects.order_by("pk").values_list("verb", "payload")) == [
        ("calendar.feed_made", {"replaced": False}),
        ("calendar.feed_made", {"replaced": True}),
    ]


def test_it_stops_a_link_with_one_event_and_does_nothing_when_there_is_none():
    person = UserFactory()
    token = services.feed_make(actor=person)

    assert services.feed_revoke(actor=person) is True
    assert services.feed_revoke(actor=person) is False

    assert feed_owner(token) is None
    assert feed_live(person) is None
    assert list(Event.objects.order_by("pk").values_list("verb", flat=True)) == [
        "calendar.feed_made",
        "calendar.feed_revoked",
    ]


def test_it_leaves_other_peoples_links_alone():
    person, other = UserFactory(), UserFactory()
    theirs = services.feed_make(actor=other)

    services.feed_make(actor=person)
    services.feed_revoke(actor=person)

    assert feed_owner(theirs) == other


def test_it_refuses_a_deactivated_person():
    person = UserFactory(is_active=False)

    with pytest.raises(PermissionDenied):
        services.feed_make(actor=person)
    assert not CalendarFeed.objects.exists()
    assert not Event.objects.exists()


def test_the_database_holds_one_live_link_per_person():
    feed = CalendarFeedFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        CalendarFeedFactory(user=feed.user)
