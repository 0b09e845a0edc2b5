"""Query budgets: the inbox costs the same with 5 or 200 notifications, and the
request that causes a notification costs the same for a partnership of 10 members
as for one of 1,000 (the fan-out is one task row; the task does the rest)."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from consortia.accounts.models import User
from consortia.core.events import event_record
from consortia.core.testing import DATABASE_TASKS, query_budget, signed_in
from consortia.decisions.services import poll_open
from consortia.notifications.models import Notification
from consortia.notifications.tasks import notifications_fan_out
from consortia.organisations.models import Membership

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("locmem_cache", "notifications_on")]

# The inbox, per request (the session comes from the cache, one in this process):
#  1 the user, 2 the page's notifications with their events, actors, organisations
#  and partnerships (from partnerships the viewer is still in: a subquery), 3 the
#  paginator's count, 4 the viewer's partnerships for the email links, 5 the
#  header's unread count.
INBOX = 5
# Opening a poll (decisions.services.poll_open) after a first call, without notifications:
# the same for 10 members and for 1,000. 27, then 3 for the search index after the
# commit (search/index.py: the poll, its options, one upsert of its document).
WITHOUT = 30


@pytest.mark.parametrize("n", [5, 200])
def test_the_inbox_costs_the_same_with_5_or_200_notifications(world, n):
    member = world.users["partner_member"]
    events = [
        event_record(
            actor=world.users["convener_admin"], verb="partner.joined", partnership=world.partnership
        )
        for _ in range(n)
    ]
    Notification.objects.bulk_create(
        Notification(recipient=member, event=e, partnership=world.partnership, reason="activity", url="/")
        for e in events
    )
    client = signed_in(member)

    with query_budget(INBOX):
        response = client.get(reverse("notifications:inbox"))

    assert response.status_code == 200
    assert response.content.decode().count("Mark as read<") == min(n, 50)


def _members(world, n):
    """Give the core partner's organisation n more members, in bulk."""
    users = User.objects.bulk_create(
        User(email=f"member{i}@core.example.org", name=f"M {i}") for i in range(n)
    )
    Membership.objects.bulk_create(Membership(organisation=world.core_org, user=u) for u in users)


def _open(world):
    return poll_open(
        actor=world.users["convener_admin"],
        partnership=world.partnership,
        kind="consent",
        title="Move the drop-in to Thursdays",
        closes_at=timezone.now() + timedelta(days=3),
    )


@pytest.mark.parametrize("n", [10, 1000])
def test_opening_a_poll_costs_the_request_the_same_for_10_or_1000_members(
    world, settings, n, django_capture_on_commit_callbacks
):
    """The service call, with its after-commit work, queued in the database as the
    worker runs it: the fan-out adds one query, its task row, however many are told."""
    settings.TASKS = DATABASE_TASKS
    _members(world, n)
    settings.NOTIFICATIONS_FAN_OUT = False
    with django_capture_on_commit_callbacks(execute=True):
        _open(world)  # loads and keeps what every later call shares (the actor's memberships ...)
    with CaptureQueriesContext(connection) as baseline, django_capture_on_commit_callbacks(execute=True):
        _open(world)  # what the request costs without notifications
    settings.NOTIFICATIONS_FAN_OUT = True

    # The same service again, plus 1 the fan-out task's row in the queue (nothing else:
    # the handler reads the verb from the signal, not the database).
    assert len(baseline) == WITHOUT, [q["sql"][:60] for q in baseline.captured_queries]
    with query_budget(len(baseline) + 1), django_capture_on_commit_callbacks(execute=True):
        _open(world)

    assert Notification.objects.count() == 0  # queued, not run in the request
    task = DBTaskResult.objects.filter(task_path__endswith="notifications_fan_out").get()
    assert set(task.args_kwargs["kwargs"]) == {"event_id"}  # nothing personal in the task


def test_the_task_tells_all_1000_in_bulk(world, django_capture_on_commit_callbacks):
    _members(world, 1000)
    event = event_record(
        actor=world.users["convener_admin"], verb="partner.joined", partnership=world.partnership
    )
    notifications_fan_out.call(event_id=event.pk)  # warm the app's imports

    Notification.objects.all().delete()

    with CaptureQueriesContext(connection) as queries:
        assert notifications_fan_out.call(event_id=event.pk) == 1004

    assert Notification.objects.filter(event=event).count() == 1004
    # Activity is not emailed by default: the event, the audience (partners' members,
    # participants), the re-check (the same), the preferences, then the bulk insert, in
    # batches of the database's variable limit (a dozen on SQLite), not one per person.
    assert len(queries) <= 30, [q["sql"][:80] for q in queries.captured_queries]
