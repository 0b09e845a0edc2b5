"""The index follows the things it mirrors once their transaction commits (not
before, and not when it rolls back), and `consortia search_reindex` and the nightly
task rebuild it from every source. Each source's own tests are beside its app
(threads, decisions, canvas and agreements: tests/test_search.py)."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from consortia.core.factories import (
    PartnershipFactory,
    PollFactory,
    PostFactory,
    ThreadFactory,
)
from consortia.organisations.models import Organisation
from consortia.search import testing
from consortia.search.models import SearchDocument
from consortia.search.registry import SOURCES
from consortia.search.testing import found

pytestmark = pytest.mark.django_db


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    return testing.committed(django_capture_on_commit_callbacks)


def test_nothing_reaches_the_index_before_the_commit_or_after_a_rollback(world, committed):
    thread = ThreadFactory(partnership=world.partnership, title="Unsaved")  # never committed here
    assert found(world.partnership, "unsaved") == 0

    with pytest.raises(RuntimeError), transaction.atomic():
        committed(lambda: PostFactory(thread=thread, body="rolled back words") and _fail())

    assert found(world.partnership, "rolled") == 0


def _fail():
    raise RuntimeError


def test_the_reindex_command_rebuilds_every_source(world):
    ThreadFactory(partnership=world.partnership, title="Transport")
    PostFactory(thread=ThreadFactory(partnership=PartnershipFactory()), body="Elsewhere")
    PollFactory(partnership=world.partnership, title="Transport budget")
    SearchDocument.objects.create(
        partnership=world.partnership,
        kind="post",
        object_id=999_999,
        title="Stale",
        url="/",
        updated_at=timezone.now(),
        content_started=timezone.now(),
    )
    out = StringIO()

    call_command("search_reindex", stdout=out)

    assert "Indexed" in out.getvalue()
    assert found(world.partnership, "transport") == 2
    assert found(world.partnership, "stale") == 0
    # (organisations' directory-wide profiles, for matching, belong to no partnership)
    kinds = set(SearchDocument.objects.filter(partnership__isnull=False).values_list("kind", flat=True))
    assert kinds == {"thread", "post", "poll"}


def test_every_source_names_a_kind_once():
    assert {"thread", "post", "poll", "outcome", "need", "pledge", "agreement"} <= set(SOURCES)


def test_the_nightly_task_rebuilds_the_index(world, settings):
    from consortia.search.tasks import search_reindex

    ThreadFactory(partnership=world.partnership, title="Nightly")

    # the thread, and each organisation's directory-wide profile (for matching)
    assert search_reindex.call() == 1 + Organisation.objects.count()
    assert found(world.partnership, "nightly") == 1
    assert settings.SCHEDULED_TASKS["search reindex"]["task"] == "consortia.search.tasks.search_reindex"


def test_a_rebuild_removes_the_documents_of_kinds_no_longer_registered(world):
    SearchDocument.objects.create(
        partnership=world.partnership,
        kind="retired",
        object_id=1,
        title="Old kind",
        url="/",
        updated_at=timezone.now(),
        content_started=timezone.now(),
    )

    call_command("search_reindex", stdout=StringIO())

    assert not SearchDocument.objects.filter(kind="retired").exists()
