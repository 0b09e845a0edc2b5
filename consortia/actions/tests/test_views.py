"""The actions pages: the list and its filters (overdue ones say so in words), adding
an action on its own or from a thread, an action's page, changing, dropping with a
reason, and the thread page's "Add an action" link."""

import datetime
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from consortia.actions.models import Action
from consortia.core.factories import ActionFactory, ThreadFactory, WorkingGroupFactory
from consortia.core.testing import inline_error, snapshot, text

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def _list(client_for, world, persona="observer", **query):
    return client_for(persona).get(reverse("actions:list", args=[world.partnership.uuid]), query)


def test_the_list_shows_open_actions_and_marks_overdue_ones_in_words(world, client_for):
    ActionFactory(
        partnership=world.partnership, title="Book the hall", due=TODAY() - datetime.timedelta(days=1)
    )
    ActionFactory(
        partnership=world.partnership, title="Print leaflets", due=TODAY() + datetime.timedelta(days=4)
    )
    ActionFactory(
        partnership=world.partnership,
        title="Old idea",
        status="dropped",
        drop_reason="No",
        closed_at=timezone.now(),
    )

    page = text(_list(client_for, world))

    assert "Book the hall" in page and "Print leaflets" in page and "Old idea" not in page
    assert page.count(">Overdue</strong>") == 1


@pytest.mark.parametrize(
    ("query", "shown"),
    [
        ({"status": "dropped"}, {"Old idea"}),
        ({"status": "all"}, {"Book the hall", "Print leaflets", "Old idea", "Ask the council"}),
        ({"overdue": "on"}, {"Book the hall"}),
        ({"owner": "mine"}, {"Print leaflets", "Ask the council"}),
        ({"status": "nonsense"}, {"Book the hall", "Print leaflets", "Ask the council"}),
    ],
)
def test_the_list_filters_by_status_owner_and_overdue(world, client_for, query, shown):
    member = world.users["partner_member"]
    ActionFactory(
        partnership=world.partnership, title="Book the hall", due=TODAY() - datetime.timedelta(days=1)
    )
    ActionFactory(partnership=world.partnership, title="Print leaflets", owner_user=member)
    ActionFactory(
        partnership=world.partnership,
        title="Ask the council",
        owner_user=None,
        owner_partner=world.core_partner,
    )
    ActionFactory(
        partnership=world.partnership,
        title="Old idea",
        owner_user=member,
        status="dropped",
        drop_reason="No",
        closed_at=timezone.now(),
    )

    page = text(_list(client_for, world, "partner_member", **query))

    titles = {"Book the hall", "Print leaflets", "Ask the council", "Old idea"}
    assert {t for t in titles if f">{t}</a>" in page} == shown


def test_the_list_filters_by_a_named_owner(world, client_for):
    ActionFactory(
        partnership=world.partnership, title="Print leaflets", owner_user=world.users["participant"]
    )
    ActionFactory(
        partnership=world.partnership,
        title="Ask the council",
        owner_user=None,
        owner_partner=world.core_partner,
    )

    by_person = text(_list(client_for, world, owner=f"user:{world.users['participant'].uuid}"))
    by_partner = text(_list(client_for, world, owner=f"partner:{world.core_partner.uuid}"))

    assert "Print leaflets" in by_person and "Ask the council" not in by_person
    assert "Ask the council" in by_partner and "Print leaflets" not in by_partner


def test_it_adds_an_action_owned_by_a_partner(world, client_for):
    response = client_for("participant").post(
        reverse("actions:create", args=[world.partnership.uuid]),
        {"title": "Ask the council", "owner": f"partner:{world.core_partner.uuid}", "due": "", "details": ""},
    )

    action = Action.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "actions:detail", args=[world.partnership.uuid, action.uuid]
    )
    assert action.owner_partner == world.core_partner and action.created_by == world.users["participant"]


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"title": ""}, "title", "Enter what is to be done"),
        ({"owner": ""}, "owner", "Choose who owns this action"),
        ({"owner": f"user:{uuid.uuid4()}"}, "owner", "Choose an owner from the list"),
        ({"due": "31/02/2027"}, "due", "Enter a real date"),
        ({"due": "2199-01-01"}, "due", "The due date must be within five years"),
    ],
)
def test_it_refuses_a_bad_form_with_a_message_by_the_field(world, client_for, data, field, message):
    client = client_for("partner_member")
    before = snapshot()
    response = client.post(
        reverse("actions:create", args=[world.partnership.uuid]),
        {"title": "Book the hall", "owner": f"user:{world.users['partner_member'].uuid}", **data},
    )

    assert response.status_code == 400
    assert message in inline_error(response, field)
    assert "There is a problem" in text(response)
    assert snapshot() == before


def test_it_refuses_an_owner_from_outside_the_partnership(world, client_for):
    response = client_for("partner_member").post(
        reverse("actions:create", args=[world.partnership.uuid]),
        {"title": "Book the hall", "owner": f"user:{world.users['outsider'].uuid}"},
    )

    assert response.status_code == 400
    assert not Action.objects.exists()


def test_it_adds_an_action_from_a_thread_with_its_title_and_group(world, client_for):
    group = WorkingGroupFactory(partnership=world.partnership, name="Referral pathway")
    thread = ThreadFactory(partnership=world.partnership, title="Who books the hall?", working_group=group)
    url = reverse("actions:create", args=[world.partnership.uuid]) + f"?thread={thread.uuid}"
    client = client_for("partner_member")

    page = text(client.get(url))
    response = client.post(
        url,
        {
            "title": "Book the hall",
            "owner": f"user:{world.users['partner_member'].uuid}",
            "working_group": str(group.uuid),
        },
    )

    assert 'value="Who books the hall?"' in page
    assert f'<option value="{group.uuid}" selected>' in page
    assert response.status_code == 302
    action = Action.objects.get()
    assert action.thread == thread and action.working_group == group


@pytest.mark.parametrize("given", ["not-a-uuid", "other", str(uuid.uuid4())])
def test_it_answers_404_for_a_thread_that_is_not_this_partnerships(world, client_for, given):
    if given == "other":
        given = str(ThreadFactory().uuid)
    url = reverse("actions:create", args=[world.partnership.uuid]) + f"?thread={given}"
    client = client_for("partner_member")

    assert client.get(url).status_code == 404
    assert (
        client.post(url, {"title": "x", "owner": f"user:{world.users['partner_member'].uuid}"}).status_code
        == 404
    )
    assert not Action.objects.exists()


def test_the_thread_page_lists_its_actions_and_offers_to_add_one_to_those_who_may(world, client_for):
    thread = ThreadFactory(partnership=world.partnership)
    ActionFactory(partnership=world.partnership, thread=thread, title="Book the hall")
    ActionFactory(partnership=world.partnership, title="Not from this thread")
    url = reverse("threads:detail", args=[world.partnership.uuid, thread.uuid])
    link = reverse("actions:create", args=[world.partnership.uuid]) + f"?thread={thread.uuid}"

    participant = text(client_for("participant").get(url))
    observer = text(client_for("observer").get(url))

    assert link in participant and "Book the hall" in participant
    assert "Not from this thread" not in participant
    assert link not in observer and "Book the hall" in observer


def test_the_action_page_shows_its_details_and_buttons_to_those_who_may_change_it(world, client_for):
    action = ActionFactory(
        partnership=world.partnership,
        owner_user=world.users["partner_member"],
        details="Use the <script>alert(1)</script> **new** form",
        due=TODAY() - datetime.timedelta(days=2),
    )
    url = reverse("actions:detail", args=[world.partnership.uuid, action.uuid])

    owner = text(client_for("partner_member").get(url))
    observer = text(client_for("observer").get(url))

    assert "<strong>new</strong>" in owner and "<script>" not in owner
    assert "Overdue" in owner and "Mark as done" in owner and "Drop" in owner
    assert "Mark as done" not in observer


def test_dropping_asks_for_a_reason_and_shows_it(world, client_for):
    action = ActionFactory(partnership=world.partnership, owner_user=world.users["partner_member"])
    url = reverse("actions:drop", args=[world.partnership.uuid, action.uuid])
    client = client_for("partner_member")

    refused = client.post(url, {"reason": ""})
    dropped = client.post(url, {"reason": "The surgeries have their own form."})

    assert refused.status_code == 400 and "Say why the action is dropped" in inline_error(refused, "reason")
    assert dropped.status_code == 302
    page = text(client.get(dropped["Location"]))
    assert "The surgeries have their own form." in page and "Reopen" in page


def test_the_edit_form_is_filled_with_the_action(world, client_for):
    action = ActionFactory(
        partnership=world.partnership,
        owner_user=None,
        owner_partner=world.core_partner,
        title="Ask the council",
    )
    page = text(
        client_for("partner_admin").get(reverse("actions:edit", args=[world.partnership.uuid, action.uuid]))
    )

    assert 'value="Ask the council"' in page
    assert f'<option value="partner:{world.core_partner.uuid}" selected>' in page


def test_a_closed_partnership_offers_no_changes(world, client_for):
    action = ActionFactory(partnership=world.partnership, owner_user=world.users["partner_member"])
    world.partnership.status = "closed"
    world.partnership.save()
    client = client_for("partner_member")

    page = text(client.get(reverse("actions:detail", args=[world.partnership.uuid, action.uuid])))
    done = client.post(reverse("actions:done", args=[world.partnership.uuid, action.uuid]))

    assert "Mark as done" not in page and "has closed" in page
    assert done.status_code == 409


def test_the_group_page_lists_its_open_actions_and_offers_to_add_one(world, client_for):
    group = WorkingGroupFactory(partnership=world.partnership, name="Referral pathway")
    ActionFactory(partnership=world.partnership, working_group=group, title="Map the referral route")
    ActionFactory(partnership=world.partnership, title="Not the group's")
    client = client_for("participant")

    page = text(client.get(reverse("groups:detail", args=[world.partnership.uuid, group.uuid])))
    form = text(
        client.get(reverse("actions:create", args=[world.partnership.uuid]) + f"?working_group={group.uuid}")
    )

    assert "Map the referral route" in page and "Not the group's" not in page
    assert f"?working_group={group.uuid}" in page
    assert f'<option value="{group.uuid}" selected>' in form


@pytest.mark.parametrize(
    "query",
    [
        {"owner": "user:not-a-uuid"},
        {"owner": "partner:' OR 1=1"},
        {"status": "x" * 5000},
        {"overdue": "maybe"},
    ],
)
def test_a_hostile_filter_never_fails(world, client_for, query):
    ActionFactory(partnership=world.partnership, title="Book the hall")

    response = _list(client_for, world, **query)

    assert response.status_code == 200
