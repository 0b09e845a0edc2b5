"""One live feed link per person, proved with real threads on real connections:
several tabs of one person click "Make a new link" at the same moment, and every
click succeeds, one after another (the service locks the person's row: SELECT ... FOR
UPDATE on PostgreSQL, the IMMEDIATE transaction on SQLite), leaving exactly one live
link, the last one made; the partial unique constraint holds it regardless."""

import pytest

from consortia.accounts.models import User
from consortia.calendars.models import CalendarFeed
from consortia.calendars.selectors import feed_owner
from consortia.calendars.services import feed_make
from consortia.core.factories import UserFactory
from consortia.core.models import Event
from consortia.core.testing import run_at_once
from consortia.core.tokens import token_hash

pytestmark = pytest.mark.django_db(transaction=True)
TABS = 6


def making(user_pk: int):
    def prepare():
        user = User.objects.get(pk=user_pk)
        return lambda: feed_make(actor=user)

    return prepare


def test_many_tabs_making_a_link_at_once_leave_one_live_link():
    person = UserFactory()

    tokens = run_at_once(*[making(person.pk) for _ in range(TABS)])

    assert all(isinstance(token, str) for token in tokens), tokens
    live = CalendarFeed.objects.get(user=person, revoked_at__isnull=True)
    assert CalendarFeed.objects.filter(user=person).count() == TABS
    working = [token for token in tokens if feed_owner(token) == person]
    assert len(working) == 1
    assert live.token_hash == token_hash(working[0])
    assert Event.objects.filter(verb="calendar.feed_made").count() == TABS
