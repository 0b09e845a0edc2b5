"""Adding, removing and endorsing expertise; merging topics; the bad input each
service refuses with a message, writing nothing."""

import pytest
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError

from consortia.core.errors import Conflict, ServiceError
from consortia.core.factories import (
    ExpertiseEndorsementFactory,
    MembershipFactory,
    PersonExpertiseFactory,
    TopicFactory,
)
from consortia.core.models import Event
from consortia.core.testing import snapshot
from consortia.expertise import services
from consortia.expertise.models import Endorsement, PersonExpertise, Topic
from consortia.expertise.topics import topic_key

pytestmark = pytest.mark.django_db


def add(world, persona="partner_member", **overrides):
    kwargs = {
        "actor": world.users[persona],
        "partnership": world.partnership,
        "topic": "Carers' assessments",
        "note": "Ran the pilot.",
    } | overrides
    return services.expertise_add(**kwargs)


def test_it_normalises_near_duplicate_topics_into_one():
    assert topic_key("Carers' assessments") == topic_key("carers   assessment") == "carer assessment"
    assert topic_key("Social Prescribing!") == topic_key("social-prescribing") == "social prescribing"
    assert topic_key("Policies") == "policy"
    assert topic_key("?!") == ""


def test_it_adds_expertise_creating_the_topic_once_and_writes_one_event(world):
    first = add(world)
    second = add(world, "partner_admin", topic="carers assessment")

    assert first.topic == second.topic
    assert Topic.objects.get().name == "Carers' assessments"
    assert first.visibility == "partnership"
    assert Event.objects.filter(verb="expertise.added").count() == 2


def test_it_lets_a_participant_add_expertise(world):
    assert add(world, "participant").user == world.users["participant"]


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"topic": ""}, "Enter a topic"),
        ({"topic": "   "}, "Enter a topic"),
        ({"topic": "x" * 101}, "100 characters or fewer"),
        ({"topic": "!!!"}, "not only punctuation"),
        ({"note": "x" * 501}, "500 characters or fewer"),
        ({"visibility": "everyone"}, "Choose who can see"),
    ],
    ids=["empty", "blank", "overlong topic", "punctuation", "overlong note", "bad visibility"],
)
def test_it_refuses_bad_input_writing_nothing(world, overrides, message):
    before = snapshot()
    with pytest.raises(ServiceError, match=message):
        add(world, **overrides)
    assert snapshot() == before


def test_it_refuses_the_same_topic_twice(world):
    add(world)
    before = snapshot()
    with pytest.raises(Conflict):
        add(world, topic="CARERS ASSESSMENT")
    assert snapshot() == before


def test_it_refuses_expertise_in_a_partnership_one_is_not_in(world):
    before = snapshot()
    with pytest.raises(PermissionDenied):
        add(world, "outsider")
    assert snapshot() == before


def test_it_removes_ones_own_expertise_only(world):
    expertise = add(world)
    with pytest.raises(PermissionDenied):
        services.expertise_remove(actor=world.users["partner_admin"], expertise=expertise)
    services.expertise_remove(actor=world.users["partner_member"], expertise=expertise)
    assert not PersonExpertise.objects.exists()
    assert Event.objects.filter(verb="expertise.removed").count() == 1


def test_a_colleague_from_another_partner_endorses_once(world):
    expertise = add(world)
    endorsement = services.expertise_endorse(actor=world.users["convener_admin"], expertise=expertise)

    assert endorsement.organisation == world.convener_org
    event = Event.objects.get(verb="expertise.endorsed")
    assert event.payload == {"endorsed": world.users["partner_member"].pk}
    before = snapshot()
    with pytest.raises(Conflict, match="already endorsed"):
        services.expertise_endorse(actor=world.users["convener_admin"], expertise=expertise)
    assert snapshot() == before


@pytest.mark.parametrize(
    ("endorser", "message"),
    [("partner_member", "your own expertise"), ("partner_admin", "your own organisation")],
    ids=["oneself", "own organisation"],
)
def test_it_refuses_endorsing_oneself_or_a_colleague_of_ones_own_organisation(world, endorser, message):
    expertise = add(world)
    before = snapshot()
    with pytest.raises(ServiceError, match=message) as refused:
        services.expertise_endorse(actor=world.users[endorser], expertise=expertise)
    assert refused.value.status_code == 400
    assert snapshot() == before


def test_it_refuses_endorsing_someone_who_also_works_in_ones_organisation(world):
    expertise = add(world)
    MembershipFactory(organisation=world.convener_org, user=world.users["partner_member"])
    with pytest.raises(ServiceError, match="your own organisation"):
        services.expertise_endorse(actor=world.users["convener_admin"], expertise=expertise)


@pytest.mark.parametrize("persona", ["participant", "outsider", "site_admin"])
def test_those_without_a_partner_organisation_here_do_not_endorse(world, persona):
    with pytest.raises(PermissionDenied):
        services.expertise_endorse(actor=world.users[persona], expertise=add(world))


def test_the_database_refuses_a_second_endorsement():
    endorsement = ExpertiseEndorsementFactory()
    with pytest.raises(IntegrityError):
        ExpertiseEndorsementFactory(expertise=endorsement.expertise, endorser=endorsement.endorser)


def test_merging_topics_moves_every_use_in_one_transaction(world):
    keep, merge = TopicFactory(name="Safeguarding"), TopicFactory(name="Safe guarding adults")
    member, admin = world.users["partner_member"], world.users["partner_admin"]
    both_kept = PersonExpertiseFactory(partnership=world.partnership, user=member, topic=keep)
    both_merged = PersonExpertiseFactory(
        partnership=world.partnership, user=member, topic=merge, visibility="directory"
    )
    only_merged = PersonExpertiseFactory(partnership=world.partnership, user=admin, topic=merge)
    elsewhere = PersonExpertiseFactory(topic=merge)
    endorser, other = world.users["convener_admin"], world.users["observer"]
    ExpertiseEndorsementFactory(expertise=both_kept, endorser=endorser)
    ExpertiseEndorsementFactory(expertise=both_merged, endorser=endorser)
    ExpertiseEndorsementFactory(expertise=both_merged, endorser=other)

    services.topic_merge(actor=endorser, partnership=world.partnership, keep=keep, merge=merge)

    assert not Topic.objects.filter(pk=merge.pk).exists()
    assert set(PersonExpertise.objects.values_list("topic", flat=True)) == {keep.pk}
    assert not PersonExpertise.objects.filter(pk=both_merged.pk).exists()
    both_kept.refresh_from_db()
    assert both_kept.visibility == "directory"
    assert set(both_kept.endorsements.values_list("endorser", flat=True)) == {endorser.pk, other.pk}
    assert Endorsement.objects.count() == 2
    assert {only_merged.pk, elsewhere.pk} <= set(PersonExpertise.objects.values_list("pk", flat=True))
    event = Event.objects.get(verb="expertise.topics_merged")
    assert event.payload == {"merged": "Safe guarding adults", "uses": 3}


def test_merging_is_for_the_convener_and_site_admins(world):
    keep, merge = TopicFactory(), TopicFactory()
    before = snapshot()
    with pytest.raises(PermissionDenied):
        services.topic_merge(
            actor=world.users["partner_admin"], partnership=world.partnership, keep=keep, merge=merge
        )
    with pytest.raises(ServiceError, match="two different"):
        services.topic_merge(
            actor=world.users["site_admin"], partnership=world.partnership, keep=keep, merge=keep
        )
    assert snapshot() == before
