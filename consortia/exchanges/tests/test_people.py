"""The people on an exchange and their reflections: each side's admins name their own
organisation's people; once it is completed each of them writes one reflection,
which the partnership sees and the practice library can read."""

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from consortia.core.errors import Conflict, ServiceError
from consortia.core.factories import ExchangeParticipantFactory, MembershipFactory
from consortia.core.models import Event
from consortia.core.testing import snapshot
from consortia.exchanges import services
from consortia.exchanges.models import Participant, Reflection
from consortia.exchanges.selectors import people_to_name, reflections_for_library

pytestmark = pytest.mark.django_db


def test_an_admin_names_their_own_organisations_people(world, exchange):
    services.participant_add(
        actor=world.users["partner_admin"], exchange=exchange, user=world.users["partner_member"]
    )

    person = Participant.objects.get()
    assert (person.user, person.partner) == (world.users["partner_member"], world.core_partner)
    assert Event.objects.filter(verb="exchanges.participant_added").count() == 1


def test_it_refuses_someone_from_an_organisation_the_admin_does_not_run(world, exchange):
    before = snapshot()
    with pytest.raises(ServiceError) as refused:
        services.participant_add(
            actor=world.users["convener_admin"], exchange=exchange, user=world.users["partner_member"]
        )
    assert refused.value.field == "user"
    assert snapshot() == before


def test_it_refuses_naming_someone_twice(world, exchange):
    services.participant_add(
        actor=world.users["partner_admin"], exchange=exchange, user=world.users["partner_member"]
    )
    with pytest.raises(Conflict):
        services.participant_add(
            actor=world.users["partner_admin"], exchange=exchange, user=world.users["partner_member"]
        )


def test_people_to_name_are_the_admins_organisations_members_not_yet_on_it(world, exchange):
    other = MembershipFactory(organisation=world.core_org).user
    ExchangeParticipantFactory(exchange=exchange, user=other)

    assert set(people_to_name(exchange, world.users["partner_admin"])) == {
        world.users["partner_admin"],
        world.users["partner_member"],
    }


@pytest.fixture
def completed(world, exchange):
    """The exchange completed (set directly), with the core partner's plain member on it."""
    ExchangeParticipantFactory(exchange=exchange, user=world.users["partner_member"])
    now = timezone.now()
    exchange.host_agreed_at = exchange.sender_agreed_at = exchange.completed_at = now
    exchange.status = "completed"
    exchange.save()
    return exchange


def test_a_participant_writes_one_reflection_the_library_can_read(world, completed):
    services.reflection_write(
        actor=world.users["partner_member"],
        exchange=completed,
        surprised="The triage.",
        differently="Ring first.",
    )

    reflection = Reflection.objects.get()
    assert list(reflections_for_library(world.partnership)) == [reflection]
    with pytest.raises(Conflict):
        services.reflection_write(
            actor=world.users["partner_member"], exchange=completed, surprised="Again", differently="Again"
        )


def test_it_refuses_a_reflection_by_someone_not_on_the_exchange(world, completed):
    before = snapshot()
    with pytest.raises(PermissionDenied):
        services.reflection_write(
            actor=world.users["partner_admin"], exchange=completed, surprised="x", differently="y"
        )
    assert snapshot() == before


def test_it_refuses_a_reflection_before_completion_or_empty(world, exchange):
    ExchangeParticipantFactory(exchange=exchange, user=world.users["partner_member"])
    with pytest.raises(Conflict):
        services.reflection_write(
            actor=world.users["partner_member"], exchange=exchange, surprised="x", differently="y"
        )


def test_it_refuses_an_empty_reflection(world, completed):
    with pytest.raises(ServiceError) as refused:
        services.reflection_write(
            actor=world.users["partner_member"], exchange=completed, surprised=" ", differently="y"
        )
    assert refused.value.field == "surprised"
    assert not Reflection.objects.exists()
