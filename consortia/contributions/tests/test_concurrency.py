"""Reversing an entry and recording from the same source, proved with real threads on
real connections (SQLite and PostgreSQL): two reversals of one entry at once give one
reversal and one 409 (the row lock, and the one-to-one's unique index where there is
no row lock), and two jobs recording the same source_key at once write one entry."""

from decimal import Decimal

import pytest
from django.utils import timezone

from consortia.accounts.models import User
from consortia.contributions.models import Entry
from consortia.contributions.services import entry_record, entry_reverse
from consortia.core.factories import entry_for
from consortia.core.models import Event
from consortia.core.testing import one_success_one_conflict, run_at_once
from consortia.partnerships.models import Partner

pytestmark = pytest.mark.django_db(transaction=True)


def reversing(entry_pk: int, user_pk: int, reason: str):
    def prepare():
        entry = Entry.objects.select_related("partnership", "partner__organisation").get(pk=entry_pk)
        user = User.objects.get(pk=user_pk)
        return lambda: entry_reverse(actor=user, entry=entry, reason=reason)

    return prepare


def test_only_one_of_two_simultaneous_reversals_succeeds(world):
    entry = entry_for(world.core_partner, quantity="3")

    results = run_at_once(
        reversing(entry.pk, world.users["partner_admin"].pk, "Counted twice"),
        reversing(entry.pk, world.users["convener_admin"].pk, "Wrong partner"),
    )

    one_success_one_conflict(results)
    assert Entry.objects.filter(reverses=entry).count() == 1
    assert Event.objects.filter(verb="contribution.reversed").count() == 1


def test_two_jobs_recording_the_same_source_at_once_write_one_entry(world):
    def recording():
        partner = Partner.objects.select_related("partnership", "organisation").get(pk=world.core_partner.pk)
        return lambda: (
            entry_record(
                actor=None,
                partnership=partner.partnership,
                partner=partner,
                category="premises",
                unit="sessions",
                quantity=Decimal("1"),
                on=timezone.localdate(),
                source_key="assets.booking:42",
            ).pk
        )

    results = run_at_once(recording, recording)

    assert results[0] == results[1], results
    assert Entry.objects.count() == 1
    assert Event.objects.filter(verb="contribution.recorded").count() == 1
