"""A thread can belong to one of the partnership's working groups: it is started from
the form (or the group's page) and listed on the group's page; a group of another
partnership, or an archived one, is refused with nothing written."""

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags

from consortia.core.errors import ServiceError
from consortia.core.factories import WorkingGroupFactory
from consortia.core.testing import inline_error, snapshot, text
from consortia.threads.models import Thread
from consortia.threads.services import thread_start

pytestmark = pytest.mark.django_db


def test_it_starts_a_thread_in_a_working_group_and_lists_it_on_the_groups_page(world, client_for):
    group = WorkingGroupFactory(partnership=world.partnership, name="Referral pathway")
    member = client_for("partner_member")

    form = member.get(
        reverse("threads:create", args=[world.partnership.uuid]) + f"?working_group={group.uuid}"
    )
    assert f'<option value="{group.uuid}" selected>Referral pathway</option>' in form.content.decode()
    response = member.post(
        reverse("threads:create", args=[world.partnership.uuid]),
        {"title": "Referral form v2", "body": "Comments by Friday?", "working_group": str(group.uuid)},
    )

    thread = Thread.objects.get()
    assert response.status_code == 302 and thread.working_group == group
    assert "Working group: Referral pathway" in strip_tags(member.get(response["Location"]).content.decode())
    group_page = text(
        client_for("observer").get(reverse("groups:detail", args=[world.partnership.uuid, group.uuid]))
    )
    assert "Referral form v2" in group_page
    assert "Start a thread in this group" not in group_page  # observers read


def test_it_refuses_a_working_group_of_another_partnership_and_writes_nothing(world, client_for):
    elsewhere = WorkingGroupFactory()
    member = client_for("partner_member")
    before = snapshot()

    response = member.post(
        reverse("threads:create", args=[world.partnership.uuid]),
        {"title": "Sneaky", "body": "Hello", "working_group": str(elsewhere.uuid)},
    )

    assert response.status_code == 400
    assert "Choose one of this partnership&#x27;s working groups" in inline_error(response, "working_group")
    assert snapshot() == before


def test_the_service_refuses_an_archived_group_or_another_partnerships(world):
    archived = WorkingGroupFactory(partnership=world.partnership, archived_at=timezone.now())
    for group in (archived, WorkingGroupFactory()):
        with pytest.raises(ServiceError, match="this partnership's working groups"):
            thread_start(
                actor=world.users["partner_member"],
                partnership=world.partnership,
                title="A thread",
                body="Hello",
                working_group=group,
            )
    assert not Thread.objects.exists()
