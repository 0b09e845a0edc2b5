"""The demo partnership's meetings: last month's, with published minutes and two
actions from it (one done, one overdue), and the next one on the agreement's rhythm
with the default agenda and what carried over."""

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from consortia.meetings.models import Meeting

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_past_meeting_with_minutes_and_actions_and_the_next_one_scheduled(client):
    call_command("demo")

    past, following = Meeting.objects.order_by("starts_at")
    assert past.ends_at < timezone.now() < following.starts_at
    assert past.minutes_published and past.minutes_final_at is not None
    actions = [link.action for link in past.meeting_actions.select_related("action")]
    assert sorted(a.status for a in actions) == ["done", "open"]
    assert any(a.is_overdue for a in actions)
    assert following.starts_at.astimezone(timezone.get_current_timezone()).weekday() == 1  # a Tuesday
    kinds = [i.kind for i in following.agenda_items.all()]
    assert {"outcomes", "gaps", "polls", "actions", "lessons", "aob"} <= set(kinds)
    carried = [i.title for i in following.agenda_items.filter(carried_from=past)]
    assert carried == [
        "Volunteer rota for the evening drop-in",
        "Action: Add the drop-in to the dementia review letter",
    ]

    client.force_login(past.note_taker)
    page = client.get(reverse("meetings:detail", args=[past.partnership.uuid, past.uuid]))
    assert page.status_code == 200 and "Carers&#x27; Front Door" in page.content.decode()
