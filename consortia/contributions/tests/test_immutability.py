"""Entries are never edited or deleted: the model and the ORM refuse, and so does the
database, through raw SQL, on SQLite and PostgreSQL (migration 0002). Deleting the
user who recorded an entry still works (created_by turns NULL), and the flush
command, which empties the whole database, is the one thing that deletes entries."""

import uuid
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from consortia.contributions.models import Entry
from consortia.contributions.services import entry_record
from consortia.core.errors import Conflict
from consortia.core.factories import (
    MembershipFactory,
    RateFactory,
    RepresentativeFactory,
    UserFactory,
    entry_for,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def entry(world):
    RateFactory(partnership=world.partnership, rate_gbp=Decimal("12.50"))
    return entry_for(world.core_partner, quantity="2")


def test_the_model_refuses_to_save_a_change(entry):
    entry.quantity = Decimal("20")

    with pytest.raises(Conflict, match="never changed or deleted"):
        entry.save()


def test_the_model_refuses_to_delete(entry):
    with pytest.raises(Conflict, match="record a reversal"):
        entry.delete()
    assert Entry.objects.filter(pk=entry.pk).exists()


def test_the_orm_refuses_bulk_updates_and_deletes(entry):
    with pytest.raises(Conflict):
        Entry.objects.filter(pk=entry.pk).update(quantity=Decimal("20"))
    with pytest.raises(Conflict):
        Entry.objects.all().delete()


@pytest.mark.parametrize(
    "column, value",
    [
        ("quantity", 20),
        ("value_gbp", 250),
        ("rate_gbp", 1),
        ("on", "2020-01-01"),
        ("note", "changed"),
        ("kind", "money"),
    ],
    ids=["quantity", "value", "rate", "date", "note", "kind"],
)
def test_the_database_refuses_an_update_through_raw_sql(entry, column, value):
    table, quote = Entry._meta.db_table, connection.ops.quote_name
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET {quote(column)} = %s WHERE id = %s", [value, entry.pk])
    entry.refresh_from_db()
    assert entry.quantity == 2 and entry.value_gbp == Decimal("25.00")


def test_the_database_refuses_a_delete_through_raw_sql(entry):
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {Entry._meta.db_table} WHERE id = %s", [entry.pk])
    assert Entry.objects.filter(pk=entry.pk).exists()


def test_the_database_refuses_to_give_an_entry_to_someone_else(entry, world):
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {Entry._meta.db_table} SET created_by_id = %s WHERE id = %s",
            [world.users["outsider"].pk, entry.pk],
        )


def test_deleting_the_user_who_recorded_an_entry_keeps_the_entry(world):
    recorder = UserFactory()
    MembershipFactory(organisation=world.core_org, user=recorder, role="admin")
    RepresentativeFactory(partner=world.core_partner, user=recorder)
    entry = entry_record(
        actor=recorder,
        partnership=world.partnership,
        partner=world.core_partner,
        category="funding",
        unit="gbp",
        quantity=Decimal("10"),
        on=timezone.localdate(),
    )

    recorder.delete()

    entry.refresh_from_db()
    assert entry.created_by is None and entry.value_gbp == Decimal("10.00")


def test_the_database_refuses_a_reversal_that_does_not_mirror_its_entry(entry):
    columns = [f.column for f in Entry._meta.concrete_fields if f.column != "id"]
    quote = connection.ops.quote_name
    select = ", ".join(
        {
            "uuid": "%s",
            "reverses_id": "id",
            "reason": "'wrong'",
            "quantity": "-quantity + 1",
            "value_gbp": "-value_gbp",
        }.get(c, quote(c))
        for c in columns
    )

    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {Entry._meta.db_table} ({', '.join(quote(c) for c in columns)}) "
            f"SELECT {select} FROM {Entry._meta.db_table} WHERE id = %s",
            [uuid.uuid4().hex if connection.vendor == "sqlite" else str(uuid.uuid4()), entry.pk],
        )


@pytest.mark.django_db(transaction=True)
def test_flush_empties_the_ledger_and_nothing_else_does(world):
    entry_for(world.core_partner, quantity="2")
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {Entry._meta.db_table}")

    call_command("flush", interactive=False, verbosity=0)

    assert not Entry.objects.exists()
