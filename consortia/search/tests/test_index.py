"""The index follows the things it mirrors: new, changed and deleted objects reach it
once their transaction commits (not before, and not when it rolls back), and
`consortia search_reindex` rebuilds it from every source."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from consortia.core.factories import (
    AgreementObjectiveFactory,
    AgreementVersionFactory,
    NeedFactory,
    OutcomeFactory,
    PartnershipFactory,
    PledgeFactory,
    PollFactory,
    PostFactory,
    ThreadFactory,
)
from consortia.search.engines import engine_count
from consortia.search.models import SearchDocument
from consortia.search.query import parse
from consortia.search.registry import SOURCES
from consortia.threads import services as threads

pytestmark = pytest.mark.django_db


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run a change and then the work it left for after its commit."""

    def run(change):
        with django_capture_on_commit_callbacks(execute=True):
            return change()

    return run


def found(partnership, typed: str, kind: str | None = None) -> int:
    return engine_count(parse(typed), partnership_ids=[partnership.pk], kind=kind)


def test_a_new_thread_and_its_reply_are_found(world, committed):
    author = world.users["partner_member"]
    thread = committed(
        lambda: threads.thread_start(
            actor=author, partnership=world.partnership, title="Dementia cafés", body="Which **venues**?"
        )
    )
    committed(lambda: threads.thread_reply(actor=author, thread=thread, body="The library hall"))

    assert found(world.partnership, "dementia", kind="thread") == 1
    assert found(world.partnership, "venues", kind="post") == 1
    assert found(world.partnership, "library hall") == 1


def test_an_edited_post_is_found_by_its_new_words_only(world, committed):
    author = world.users["partner_member"]
    thread = committed(
        lambda: threads.thread_start(
            actor=author, partnership=world.partnership, title="Rota", body="Mondays"
        )
    )
    post = thread.posts.get()

    committed(lambda: threads.post_edit(actor=author, post=post, body="Wednesdays"))

    assert found(world.partnership, "wednesdays") == 1
    assert found(world.partnership, "mondays") == 0


def test_a_deleted_thread_takes_its_posts_out_of_the_index(world, committed):
    thread = committed(lambda: ThreadFactory(partnership=world.partnership, title="Budget"))
    committed(lambda: PostFactory(thread=thread, body="Figures for the budget"))
    assert found(world.partnership, "budget") == 2

    committed(thread.delete)

    assert found(world.partnership, "budget") == 0
    assert not SearchDocument.objects.exists()


def test_nothing_reaches_the_index_before_the_commit_or_after_a_rollback(world, committed):
    thread = ThreadFactory(partnership=world.partnership, title="Unsaved")  # never committed here
    assert found(world.partnership, "unsaved") == 0

    with pytest.raises(RuntimeError), transaction.atomic():
        committed(lambda: PostFactory(thread=thread, body="rolled back words") and _fail())

    assert found(world.partnership, "rolled") == 0


def _fail():
    raise RuntimeError


def test_a_polls_outcome_is_found_once_recorded(world, committed):
    poll = committed(lambda: PollFactory(partnership=world.partnership, title="Thursday drop-in"))
    assert found(world.partnership, "unanimously") == 0

    def record():
        poll.outcome = "Agreed unanimously"
        poll.save()

    committed(record)

    assert found(world.partnership, "unanimously", kind="poll") == 1


def test_canvas_items_are_found(world, committed):
    committed(lambda: OutcomeFactory(partnership=world.partnership, statement="Carers feel less isolated"))
    committed(lambda: NeedFactory(partnership=world.partnership, description="A minibus for outings"))
    committed(lambda: PledgeFactory(partner=world.core_partner, description="Our minibus on Fridays"))

    assert found(world.partnership, "isolated", kind="outcome") == 1
    assert found(world.partnership, "minibus") == 2
    assert found(world.partnership, "core org", kind="pledge") == 1  # the pledging partner's name


def test_an_objective_changes_its_versions_document(world, committed):
    version = committed(lambda: AgreementVersionFactory(partnership=world.partnership))
    committed(lambda: AgreementObjectiveFactory(version=version, text="Train forty volunteers"))

    assert found(world.partnership, "volunteers", kind="agreement") == 1
    assert found(world.partnership, "openness") == 1  # the version's principles


def test_a_superseded_version_leaves_the_index_once_a_newer_one_is_in_force(world, committed):
    now = timezone.now()
    old = committed(
        lambda: AgreementVersionFactory(
            partnership=world.partnership,
            status="published",
            published_at=now,
            in_force_at=now,
            aims="Old aims",
        )
    )
    assert found(world.partnership, "old aims") == 1

    def supersede():
        old.status = "superseded"
        old.save()
        AgreementVersionFactory(
            partnership=world.partnership, status="published", published_at=now, in_force_at=now, aims="New"
        )

    committed(supersede)

    assert found(world.partnership, "old aims") == 0
    assert found(world.partnership, "new", kind="agreement") == 1


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
    )
    out = StringIO()

    call_command("search_reindex", stdout=out)

    assert "Indexed" in out.getvalue()
    assert found(world.partnership, "transport") == 2
    assert found(world.partnership, "stale") == 0
    kinds = set(SearchDocument.objects.values_list("kind", flat=True))
    assert kinds == {"thread", "post", "poll"}


def test_every_source_names_a_kind_once():
    assert {"thread", "post", "poll", "outcome", "need", "pledge", "agreement"} <= set(SOURCES)


def test_the_nightly_task_rebuilds_the_index(world, settings):
    from consortia.search.tasks import search_reindex

    ThreadFactory(partnership=world.partnership, title="Nightly")

    assert search_reindex.call() == 1
    assert found(world.partnership, "nightly") == 1
    assert settings.SCHEDULED_TASKS["search reindex"]["task"] == "consortia.search.tasks.search_reindex"
