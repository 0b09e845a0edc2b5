"""The same remedy clicked twice at once, proved with real threads on real connections:
the meeting's row is locked (select_for_update; SQLite's IMMEDIATE transaction) before
the check, so one click puts it on the agenda and the other is refused with a 409."""

import pytest

from consortia.accounts.models import User
from consortia.core.errors import Conflict
from consortia.core.factories import MeetingFactory
from consortia.core.testing import run_at_once
from consortia.meetings.models import AgendaItem, Meeting
from consortia.radar import services
from consortia.radar.models import RemedyProposal

from .fakes import factor

pytestmark = pytest.mark.django_db(transaction=True)


def click(meeting_pk: int, user_pk: int):
    def prepare():
        meeting = Meeting.objects.select_related("partnership").get(pk=meeting_pk)
        user = User.objects.get(pk=user_pk)
        return lambda: services.remedy_add_to_agenda(
            actor=user, meeting=meeting, cause="trust", remedy="modest_aim"
        )

    return prepare


def test_the_same_remedy_clicked_twice_at_once_goes_on_the_agenda_once(world, radar_data):
    radar_data.factors = [factor("trust", "borderline")]
    meeting = MeetingFactory(partnership=world.partnership)
    convener = world.users["convener_admin"]

    results = run_at_once(click(meeting.pk, convener.pk), click(meeting.pk, convener.pk))

    assert sorted(type(r).__name__ for r in results) == ["AgendaItem", "Conflict"], results
    assert isinstance(next(r for r in results if not isinstance(r, AgendaItem)), Conflict)
    assert AgendaItem.objects.filter(meeting=meeting).count() == 1
    assert RemedyProposal.objects.count() == 1
