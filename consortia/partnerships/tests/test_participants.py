"""Removing an individual participant, or leaving (participant_remove): what it
guarantees, called directly with the `world` personas."""

import pytest
from django.core.exceptions import PermissionDenied

from consortia.core.errors import Conflict
from consortia.core.models import Event
from consortia.core.testing import assert_event, partnership_invitation
from consortia.partnerships import services
from consortia.partnerships.models import Participant, Partnership

# --- participant_remove ------------------------------------------------------------------------


def test_it_lets_a_participant_leave(world):
    actor = world.users["participant"]

    services.participant_remove(actor=actor, participant=world.participant)

    world.participant.refresh_from_db()
    assert world.participant.left_at is not None
    assert_event("participant.left", actor=actor, organisation=None, partnership=world.partnership)


def test_it_lets_the_convener_remove_a_participant(world):
    actor = world.users["convener_admin"]

    services.participant_remove(actor=actor, participant=world.participant)

    assert not world.partnership.participants.active().exists()
    assert_event(
        "participant.removed", actor=actor, organisation=world.convener_org, partnership=world.partnership
    )


@pytest.mark.parametrize("persona", ["partner_admin", "observer", "outsider", "site_admin"])
def test_it_lets_only_the_participant_or_the_convener_remove_a_participant(world, persona):
    with pytest.raises(PermissionDenied):
        services.participant_remove(actor=world.users[persona], participant=world.participant)

    world.participant.refresh_from_db()
    assert world.participant.left_at is None


def test_it_does_not_remove_a_participant_twice(world):
    stale = Participant.objects.get(pk=world.participant.pk)  # a second tab, loaded before
    services.participant_remove(actor=world.users["convener_admin"], participant=world.participant)

    with pytest.raises(Conflict):
        services.participant_remove(actor=world.users["convener_admin"], participant=stale)

    assert Event.objects.filter(verb="participant.removed").count() == 1


def test_it_lets_a_person_take_part_again_after_leaving(world):
    user = world.users["participant"]
    services.participant_remove(actor=user, participant=world.participant)
    invitation, _ = partnership_invitation(world.partnership, user.email, kind="individual")

    services.participant_invitation_accept(actor=user, invitation=invitation)

    assert world.partnership.participants.filter(user=user).count() == 2
    assert world.partnership.participants.active().filter(user=user).count() == 1


def test_it_sends_the_invitation_even_when_names_contain_line_breaks(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    """A line break in a name must not turn the subject into an invalid (or injected)
    header; the email still goes, with a one-line subject."""
    actor = world.users["convener_admin"]
    actor.name = "Cora\r\nBcc: victim@example.org"
    Partnership.objects.filter(pk=world.partnership.pk).update(name="Carers\nBcc: victim@example.org")
    world.partnership.refresh_from_db()

    with django_capture_on_commit_callbacks(execute=True):
        services.partner_invite(
            actor=actor, partnership=world.partnership, email="x@example.org", role="core"
        )
        services.participant_invite(actor=actor, partnership=world.partnership, email="y@example.org")

    assert [m.to for m in mailoutbox] == [["x@example.org"], ["y@example.org"]]
    for message in mailoutbox:
        assert "\n" not in message.subject and "\r" not in message.subject
        assert message.message()["Bcc"] is None
        assert message.bcc == []
