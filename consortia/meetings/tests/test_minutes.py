"""Minutes: drafted by the note-taker, open for attendees' corrections for a set
time, then published and frozen; decisions they record; per-partner approval where
the meeting asks for it (concurrent double approval: one row)."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from consortia.accounts.models import User
from consortia.core.errors import Conflict, ServiceError
from consortia.core.factories import PartnershipFactory, PollFactory
from consortia.core.testing import last_event, one_success_one_conflict, run_at_once, snapshot
from consortia.meetings import services
from consortia.meetings.models import Meeting, MinutesApproval
from consortia.partnerships.models import Partner

from .helpers import schedule

pytestmark = pytest.mark.django_db


def held(world, **overrides):
    """A meeting that took place yesterday, the core member taking notes, at which
    the core member and the participant were present."""
    meeting = schedule(world, note_taker=world.users["partner_member"], **overrides)
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=timezone.now() - timedelta(days=1), ends_at=timezone.now() - timedelta(days=1, hours=-2)
    )
    meeting.refresh_from_db()
    services.attendance_record(
        actor=world.users["convener_admin"],
        meeting=meeting,
        statuses={world.users["partner_member"].pk: "attended", world.users["participant"].pk: "attended"},
    )
    return meeting


def drafted(world, **overrides):
    meeting = held(world, **overrides)
    services.minutes_save(
        actor=world.users["partner_member"], meeting=meeting, minutes="We agreed **one** referral form."
    )
    return meeting


def window_closed(meeting):
    Meeting.objects.filter(pk=meeting.pk).update(corrections_until=timezone.now() - timedelta(minutes=1))
    meeting.refresh_from_db()
    return meeting


def published(world, **overrides):
    meeting = drafted(world, **overrides)
    services.minutes_open(actor=world.users["partner_member"], meeting=meeting, days=5)
    window_closed(meeting)
    services.minutes_publish(actor=world.users["partner_member"], meeting=meeting)
    return meeting


def test_the_note_taker_drafts_opens_and_publishes_the_minutes(world):
    meeting = drafted(world)
    assert meeting.minutes_status == "draft"

    services.minutes_open(actor=world.users["partner_member"], meeting=meeting, days=5)
    assert meeting.corrections_open
    assert timedelta(days=4, hours=23) < meeting.corrections_until - timezone.now() <= timedelta(days=5)

    services.correction_suggest(actor=world.users["participant"], meeting=meeting, text="It was two forms.")
    assert last_event().payload["note_taker"] == [world.users["partner_member"].pk]
    with pytest.raises(Conflict):  # the window is still open
        services.minutes_publish(actor=world.users["partner_member"], meeting=meeting)

    window_closed(meeting)
    services.minutes_publish(actor=world.users["partner_member"], meeting=meeting)
    assert meeting.minutes_published and meeting.minutes_final_at is not None
    assert last_event().verb == "meeting.minutes_published"


@pytest.mark.parametrize("days", [0, 15, -1])
def test_the_window_for_corrections_is_from_1_to_14_days(world, days):
    meeting = drafted(world)
    before = snapshot()
    with pytest.raises(ServiceError) as refused:
        services.minutes_open(actor=world.users["partner_member"], meeting=meeting, days=days)
    assert refused.value.field == "days"
    assert snapshot() == before


def test_published_minutes_refuse_corrections_edits_and_decisions_with_409(world):
    meeting = published(world)
    before = snapshot()

    for attempt in (
        lambda: services.minutes_save(
            actor=world.users["partner_member"], meeting=meeting, minutes="Rewritten"
        ),
        lambda: services.correction_suggest(actor=world.users["participant"], meeting=meeting, text="Typo"),
        lambda: services.decision_add(actor=world.users["partner_member"], meeting=meeting, text="Another"),
        lambda: services.minutes_publish(actor=world.users["partner_member"], meeting=meeting),
    ):
        with pytest.raises(Conflict):
            attempt()
    assert snapshot() == before


def test_only_attendees_suggest_corrections_and_only_while_open(world):
    meeting = drafted(world)
    with pytest.raises(Conflict):  # not open yet
        services.correction_suggest(actor=world.users["participant"], meeting=meeting, text="Typo")
    services.minutes_open(actor=world.users["partner_member"], meeting=meeting, days=1)
    with pytest.raises(PermissionDenied):  # did not attend
        services.correction_suggest(actor=world.users["partner_admin"], meeting=meeting, text="Typo")
    with pytest.raises(ServiceError):
        services.correction_suggest(actor=world.users["participant"], meeting=meeting, text="   ")


def test_only_the_note_taker_or_the_convener_writes_the_minutes(world):
    meeting = held(world)
    with pytest.raises(PermissionDenied):
        services.minutes_save(actor=world.users["partner_admin"], meeting=meeting, minutes="Mine")
    services.minutes_save(actor=world.users["convener_admin"], meeting=meeting, minutes="Standing in")


def test_a_decision_links_a_poll_of_the_partnership_only(world):
    meeting = drafted(world)
    poll = PollFactory(partnership=world.partnership)
    decision = services.decision_add(
        actor=world.users["partner_member"], meeting=meeting, text="One referral form", poll=poll
    )
    assert decision.poll == poll

    with pytest.raises(ServiceError) as refused:
        services.decision_add(
            actor=world.users["partner_member"],
            meeting=meeting,
            text="Theirs",
            poll=PollFactory(partnership=PartnershipFactory()),
        )
    assert refused.value.field == "poll"


def test_minutes_needing_approval_are_final_once_every_invited_partner_approved(world):
    meeting = published(world, needs_partner_approval=True)
    assert meeting.minutes_final_at is None
    assert last_event().payload["approval_partners"] == sorted(
        [world.convener_partner.pk, world.core_partner.pk, world.observer_partner.pk]
    )

    services.minutes_approve(
        actor=world.users["convener_admin"], meeting=meeting, partner=world.convener_partner
    )
    with pytest.raises(Conflict):
        services.minutes_approve(
            actor=world.users["convener_admin"], meeting=meeting, partner=world.convener_partner
        )
    with pytest.raises(PermissionDenied):  # a plain member does not speak for the partner
        services.minutes_approve(
            actor=world.users["partner_member"], meeting=meeting, partner=world.core_partner
        )
    services.minutes_approve(actor=world.users["partner_admin"], meeting=meeting, partner=world.core_partner)
    assert meeting.minutes_final_at is None

    from consortia.core.factories import MembershipFactory

    observer_admin = MembershipFactory(organisation=world.observer_org, role="admin").user
    services.minutes_approve(actor=observer_admin, meeting=meeting, partner=world.observer_partner)
    meeting.refresh_from_db()
    assert meeting.minutes_final_at is not None
    assert last_event().verb == "meeting.minutes_final"


def test_approval_is_refused_before_publication_or_when_not_asked(world):
    meeting = drafted(world, needs_partner_approval=True)
    with pytest.raises(Conflict):
        services.minutes_approve(
            actor=world.users["convener_admin"], meeting=meeting, partner=world.convener_partner
        )
    plain = published(world)
    with pytest.raises(Conflict):
        services.minutes_approve(
            actor=world.users["convener_admin"], meeting=plain, partner=world.convener_partner
        )


@pytest.mark.django_db(transaction=True)
def test_two_approvals_for_one_partner_at_once_make_one_row(world):
    meeting = published(world, needs_partner_approval=True)
    actor, partner = world.users["convener_admin"], world.convener_partner

    def approve():
        mine = Meeting.objects.select_related("partnership").get(pk=meeting.pk)
        me = User.objects.get(pk=actor.pk)
        speaking_for = Partner.objects.get(pk=partner.pk)
        return lambda: services.minutes_approve(actor=me, meeting=mine, partner=speaking_for)

    one_success_one_conflict(run_at_once(approve, approve))
    assert MinutesApproval.objects.filter(meeting=meeting, partner=partner).count() == 1
