"""Two members saving the same entry at once, proved with real threads on real
connections: both saves succeed as versions 2 and 3 (the entry's row lock numbers
them; the unique constraint on (entry, number) would refuse a duplicate), never a 500."""

import pytest
from django.db import IntegrityError

from consortia.accounts.models import User
from consortia.core.factories import LibraryEntryFactory
from consortia.core.testing import run_at_once
from consortia.library.models import Entry, EntryVersion
from consortia.library.services import entry_create, entry_update

pytestmark = pytest.mark.django_db(transaction=True)


def saving(entry_pk: int, user_pk: int, summary: str):
    def prepare():
        entry = Entry.objects.select_related("partnership").get(pk=entry_pk)
        user = User.objects.get(pk=user_pk)
        return lambda: entry_update(actor=user, entry=entry, title=entry.title, summary=summary)

    return prepare


def test_two_edits_at_once_make_two_numbered_versions(world):
    entry = entry_create(actor=world.users["partner_member"], partnership=world.partnership, title="Rota")

    results = run_at_once(
        saving(entry.pk, world.users["partner_member"].pk, "Mondays"),
        saving(entry.pk, world.users["partner_admin"].pk, "Tuesdays"),
    )

    assert results == [["summary"], ["summary"]], results
    entry.refresh_from_db()
    assert entry.version == 3
    assert sorted(entry.versions.values_list("number", flat=True)) == [1, 2, 3]
    assert entry.versions.get(number=3).summary == entry.summary


def test_the_database_refuses_two_versions_with_one_number(world):
    entry = LibraryEntryFactory(partnership=world.partnership)
    EntryVersion.objects.create(entry=entry, number=1, kind="guide", title="A", evidence_level="anecdote")
    with pytest.raises(IntegrityError):
        EntryVersion.objects.create(entry=entry, number=1, kind="guide", title="B", evidence_level="anecdote")
