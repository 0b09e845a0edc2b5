"""Meetings and minutes in search (meetings/search.py): a meeting is found by its title,
place and agenda; its minutes and decisions only once published; the index follows
each change once it commits."""

from datetime import timedelta

import pytest
from django.utils import timezone

from consortia.core.factories import MeetingFactory
from consortia.meetings import services
from consortia.search import testing
from consortia.search.testing import found

pytestmark = pytest.mark.django_db


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    return testing.committed(django_capture_on_commit_callbacks)


def test_a_meeting_is_found_by_its_title_and_agenda(world, committed):
    convener = world.users["convener_admin"]
    start = timezone.now() + timedelta(days=7)
    meeting = committed(
        lambda: services.meeting_schedule(
            actor=convener,
            partnership=world.partnership,
            title="Spring partnership meeting",
            starts_at=start,
            ends_at=start + timedelta(hours=2),
            place="Eastbridge library",
            send_invitations=False,
        )
    )
    committed(lambda: services.agenda_item_add(actor=convener, meeting=meeting, title="Befriending rota"))

    assert found(world.partnership, "spring", kind="meeting") == 1
    assert found(world.partnership, "library", kind="meeting") == 1
    assert found(world.partnership, "befriending", kind="meeting") == 1
    assert found(world.partnership, "uncovered needs", kind="meeting") == 1  # the default agenda


def test_minutes_are_found_only_once_published(world, committed):
    note_taker = world.users["convener_admin"]
    meeting = MeetingFactory(
        partnership=world.partnership,
        note_taker=note_taker,
        starts_at=timezone.now() - timedelta(days=2),
        ends_at=timezone.now() - timedelta(days=2) + timedelta(hours=1),
    )
    committed(
        lambda: services.minutes_save(actor=note_taker, meeting=meeting, minutes="We chose **Tuesdays**.")
    )
    committed(lambda: services.decision_add(actor=note_taker, meeting=meeting, text="One referral form"))
    assert found(world.partnership, "tuesdays") == 0
    assert found(world.partnership, "referral form") == 0

    committed(lambda: services.minutes_open(actor=note_taker, meeting=meeting, days=1))
    meeting.refresh_from_db()
    type(meeting).objects.filter(pk=meeting.pk).update(
        corrections_until=timezone.now() - timedelta(minutes=1)
    )
    meeting.refresh_from_db()
    committed(lambda: services.minutes_publish(actor=note_taker, meeting=meeting))

    assert found(world.partnership, "tuesdays", kind="meeting") == 1
    assert found(world.partnership, "referral form", kind="meeting") == 1
