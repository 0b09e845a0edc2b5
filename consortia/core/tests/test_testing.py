"""The shared test helpers that could pass without proving anything if they were
wrong: the database search must find what it is looking for wherever it is stored."""

import re

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.core.cache import caches
from django.core.management import call_command

from consortia.core.events import event_record
from consortia.core.testing import assert_nowhere_in_database, database_texts, query_budget
from consortia.organisations.models import Organisation
from consortia.partnerships.models import Partnership

pytestmark = pytest.mark.django_db

NEEDLE = "needle-4f1c@example.org"


def refused(needle) -> str:
    with pytest.raises(AssertionError) as failure:
        assert_nowhere_in_database(needle)
    return str(failure.value)


def test_it_finds_a_string_in_a_json_column_a_session_and_the_database_cache(world, settings):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "t_cache"}
    }
    call_command("createcachetable", verbosity=0)
    assert_nowhere_in_database(NEEDLE)

    event_record(actor=None, verb="partnership.updated", obj=world.partnership, payload={"deep": [NEEDLE]})
    session = SessionStore()
    session["remembered"] = f"session-{NEEDLE}"
    session.save()
    caches["default"].set("key", f"cached-{NEEDLE}")

    assert "core_event.payload" in refused(NEEDLE)
    assert "django_session.(decoded)" in refused(f"session-{NEEDLE}")
    assert "t_cache.value" in refused(f"cached-{NEEDLE}")


def test_it_allows_the_columns_named_and_matches_a_pattern(world):
    world.partnership.name = "Code 123456 partnership"
    world.partnership.save()
    code = re.compile(r"(?<![0-9A-Za-z])123456(?![0-9A-Za-z])")

    assert "partnerships_partnership.name" in refused(code)
    assert_nowhere_in_database(code, allow=["partnerships_partnership.name"])
    assert_nowhere_in_database(re.compile(r"(?<![0-9A-Za-z])23456(?![0-9A-Za-z])"))
    assert any("Code 123456" in t for t in database_texts()["partnerships_partnership.name"])


def test_it_holds_a_block_to_its_query_budget_and_lists_the_queries_it_ran_when_not(world):
    with query_budget(1):
        list(Partnership.objects.all())

    with pytest.raises(AssertionError) as failure, query_budget(1):
        list(Partnership.objects.all())
        list(Organisation.objects.all())

    message = str(failure.value)
    assert message.startswith("expected 1 queries, ran 2:")
    assert re.search(r"\n\s*1\. SELECT .*partnerships_partnership", message)
    assert re.search(r"\n\s*2\. SELECT .*organisations_organisation", message)
