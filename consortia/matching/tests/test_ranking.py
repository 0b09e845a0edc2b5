"""Worked examples of the ranking: who comes first and why, on topics, offers, area,
full-text relevance (the search index's engines, on SQLite and PostgreSQL alike),
endorsements and evidence; and privacy: only current members, and from the directory
only what people and organisations chose to show there."""

import pytest

from consortia.core.factories import (
    ExpertiseEndorsementFactory,
    MembershipFactory,
    OfferFactory,
    OrganisationFactory,
    PartnerFactory,
    PartnershipFactory,
    PersonExpertiseFactory,
    TopicFactory,
    UserFactory,
)
from consortia.matching import evidence
from consortia.matching.selectors import (
    AREA_WEIGHT,
    OFFER_WEIGHT,
    TOPIC_WEIGHT,
    need_suggestions,
    suggestions,
)
from consortia.organisations.models import Expertise
from consortia.search.index import index_rebuild

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_evidence(monkeypatch):
    """Only the providers a test registers itself (the questions app may add its own)."""
    monkeypatch.setattr(evidence, "_providers", [])


def _names(found):
    return [s.name for s in found]


def test_an_offer_in_the_area_comes_first_with_the_reason_in_plain_words(world):
    drivers = OrganisationFactory(name="Northshire Lifts", area_served="Northshire", listed_in_directory=True)
    OfferFactory(organisation=drivers, category="volunteer_time", description="Volunteer drivers")
    elsewhere = OrganisationFactory(
        name="Southshire Lifts", area_served="Southshire", listed_in_directory=True
    )
    OfferFactory(organisation=elsewhere, category="volunteer_time", description="Volunteer drivers")

    found = suggestions(world.partnership, category="volunteer_time", area="Northshire", directory=True)

    assert _names(found) == ["Northshire Lifts"]
    assert found[0].why == "offers volunteer drivers in Northshire"
    assert found[0].score == OFFER_WEIGHT + AREA_WEIGHT  # the offer, and serving the area
    assert found[0].in_partnership is False


def test_a_listed_organisation_is_suggested_only_from_the_directory(world):
    listed = OrganisationFactory(name="Listed", listed_in_directory=True)
    OfferFactory(organisation=listed, category="premises")
    unlisted = OrganisationFactory(name="Unlisted", listed_in_directory=False)
    OfferFactory(organisation=unlisted, category="premises")

    assert suggestions(world.partnership, category="premises") == []
    assert _names(suggestions(world.partnership, category="premises", directory=True)) == ["Listed"]


def test_a_partner_organisation_that_offers_the_category_is_suggested_in_the_partnership(world):
    OfferFactory(organisation=world.core_org, category="premises", description="A meeting room")

    found = suggestions(world.partnership, category="premises")

    assert _names(found) == ["Core Org"]
    assert found[0].in_partnership and found[0].user is None
    assert found[0].why == "offers a meeting room"


def test_an_organisation_knows_a_topic_by_its_normalised_key_and_the_area_adds(world):
    assessments = TopicFactory(name="Carers' assessments", key="carer assessment")
    Expertise.objects.create(organisation=world.core_org, topic="carers assessment")
    Expertise.objects.create(organisation=world.observer_org, topic="Assessments of need")

    found = suggestions(world.partnership, topics=[assessments], area="Northshire")

    assert _names(found) == ["Core Org"]
    assert found[0].reasons == ["knows Carers' assessments", "serves Northshire"]
    assert found[0].score == TOPIC_WEIGHT + AREA_WEIGHT


def test_endorsements_and_evidence_rank_people_with_the_same_topic(world, monkeypatch):
    consent = TopicFactory(name="Consent")
    plain, endorsed, proven = (world.users[k] for k in ("convener_admin", "partner_admin", "partner_member"))
    for user in (plain, endorsed, proven):
        PersonExpertiseFactory(partnership=world.partnership, user=user, topic=consent, note="")
    row = endorsed.expertise.get()
    for _ in range(2):
        ExpertiseEndorsementFactory(expertise=row, organisation=world.convener_org)

    @evidence.evidence_provider
    def answered(partnership, user_ids, topic_ids):
        return {proven.pk: evidence.Evidence(weight=3, reason="answered 3 questions on consent")}

    found = suggestions(world.partnership, topics=[consent])

    assert [s.user for s in found] == [proven, endorsed, plain]
    assert found[0].why == "knows Consent; answered 3 questions on consent"
    assert found[1].why == "knows Consent; endorsed by 2 colleagues"
    assert found[1].organisation == world.core_org


def test_evidence_alone_brings_in_a_member_but_never_an_outsider(world):
    member, outsider = world.users["participant"], world.users["outsider"]

    @evidence.evidence_provider
    def answered(partnership, user_ids, topic_ids):
        assert outsider.pk not in user_ids
        return {
            u: evidence.Evidence(weight=2, reason="answered 2 questions on transport")
            for u in (member.pk, outsider.pk)
        }

    found = suggestions(world.partnership, text="transport")

    assert [s.user for s in found] == [member]
    assert found[0].organisation is None  # an individual participant


def test_ties_are_broken_by_name_people_and_organisations_alike(world):
    consent = TopicFactory(name="Consent")
    PersonExpertiseFactory(partnership=world.partnership, user=world.users["partner_member"], topic=consent)
    PersonExpertiseFactory(partnership=world.partnership, user=world.users["convener_admin"], topic=consent)
    Expertise.objects.create(organisation=world.core_org, topic="consent")

    found = suggestions(world.partnership, topics=[consent])

    assert _names(found) == ["Cora Convener", "Core Org", "Max Member"]


def test_the_limit_keeps_the_best(world):
    consent = TopicFactory(name="Consent")
    for i in range(4):
        user = UserFactory(name=f"Person {i}")
        MembershipFactory(organisation=world.core_org, user=user)
        PersonExpertiseFactory(partnership=world.partnership, user=user, topic=consent)

    assert _names(suggestions(world.partnership, topics=[consent], limit=2)) == ["Person 0", "Person 1"]


# --- text relevance (full text, both databases) -------------------------------------


def test_text_relevance_finds_the_note_that_mentions_a_word_of_the_question(world):
    member, admin = world.users["partner_member"], world.users["partner_admin"]
    PersonExpertiseFactory(
        partnership=world.partnership,
        user=member,
        topic=TopicFactory(name="Information governance"),
        note="I wrote our **consent** forms for carers.",
    )
    PersonExpertiseFactory(
        partnership=world.partnership, user=admin, topic=TopicFactory(name="Gardening"), note="Allotments."
    )
    index_rebuild()

    found = suggestions(world.partnership, text="How do we record consent for carers' assessments?")

    people = [s for s in found if s.user]
    assert [s.user for s in people] == [member]
    assert "mentions 'consent' and 'carers' in their expertise note" in people[0].reasons


def test_a_topic_named_in_the_text_counts_as_knowing_it(world):
    member = world.users["partner_member"]
    PersonExpertiseFactory(
        partnership=world.partnership, user=member, topic=TopicFactory(name="Safeguarding"), note=""
    )
    index_rebuild()

    found = suggestions(world.partnership, text="Who can advise on safeguarding adults?")

    assert found[0].user == member
    assert found[0].why == "knows Safeguarding"


def test_a_closer_text_ranks_higher_the_same_on_both_databases(world):
    both, one = world.users["partner_member"], world.users["convener_admin"]
    PersonExpertiseFactory(
        partnership=world.partnership,
        user=both,
        topic=TopicFactory(name="Transport"),
        note="Volunteer drivers for hospital appointments.",
    )
    PersonExpertiseFactory(
        partnership=world.partnership,
        user=one,
        topic=TopicFactory(name="Events"),
        note="Volunteer coordination for fun runs and fairs, with many other things besides.",
    )
    index_rebuild()

    found = suggestions(world.partnership, text="volunteer drivers to hospital")

    assert [s.user for s in found if s.user] == [both, one]
    assert found[0].score > found[1].score


def test_organisation_text_matches_its_description_and_offers(world):
    travel = OrganisationFactory(
        name="Wheels", description="Community transport for older people.", listed_in_directory=True
    )
    OfferFactory(organisation=travel, category="premises", description="A minibus")
    OrganisationFactory(name="Quiet", description="Knitting circle.", listed_in_directory=True)
    index_rebuild()

    assert suggestions(world.partnership, text="minibus transport") == []  # not a partner
    found = suggestions(world.partnership, text="minibus transport", directory=True)

    assert _names(found) == ["Wheels"]
    assert found[0].why.startswith("mentions 'transport'") or found[0].why.startswith("mentions 'minibus'")


def test_stop_words_alone_find_nothing(world):
    PersonExpertiseFactory(
        partnership=world.partnership, user=world.users["partner_member"], note="The and of"
    )
    index_rebuild()

    assert suggestions(world.partnership, text="the and of who") == []


# --- privacy -----------------------------------------------------------------------


def test_expertise_kept_to_another_partnership_is_never_suggested(world):
    consent = TopicFactory(name="Consent")
    elsewhere = PartnershipFactory()
    stranger = UserFactory(name="Stranger")
    MembershipFactory(user=stranger, organisation=OrganisationFactory(listed_in_directory=True))
    PersonExpertiseFactory(
        partnership=elsewhere, user=stranger, topic=consent, note="consent forms", visibility="partnership"
    )
    index_rebuild()

    for directory in (False, True):
        assert suggestions(world.partnership, topics=[consent], directory=directory) == []
        assert suggestions(world.partnership, text="consent forms", directory=directory) == []


def test_the_directory_shows_only_what_people_chose_to_show_there(world):
    consent, private = TopicFactory(name="Consent"), TopicFactory(name="Secret topic")
    elsewhere = PartnershipFactory()
    listed = OrganisationFactory(name="Open Org", listed_in_directory=True)
    stranger = UserFactory(name="Stranger")
    MembershipFactory(user=stranger, organisation=listed)
    MembershipFactory(user=stranger, organisation=OrganisationFactory(name="Hidden Org"))
    PersonExpertiseFactory(
        partnership=elsewhere, user=stranger, topic=consent, note="consent forms", visibility="directory"
    )
    PersonExpertiseFactory(
        partnership=elsewhere, user=stranger, topic=private, note="hush", visibility="partnership"
    )
    index_rebuild()

    assert suggestions(world.partnership, topics=[consent, private]) == []
    found = suggestions(world.partnership, topics=[consent, private], directory=True)
    assert [s.user for s in found] == [stranger]
    assert found[0].why == "knows Consent"
    assert found[0].organisation == listed and found[0].in_partnership is False
    assert suggestions(world.partnership, text="hush", directory=True) == []
    assert [s.user for s in suggestions(world.partnership, text="consent", directory=True)] == [stranger]


def test_people_who_left_or_never_joined_are_not_members(world):
    consent = TopicFactory(name="Consent")
    left = UserFactory(name="Left")
    PersonExpertiseFactory(partnership=world.partnership, user=left, topic=consent)  # no membership now
    PersonExpertiseFactory(partnership=world.partnership, user=world.users["outsider"], topic=consent)

    assert suggestions(world.partnership, topics=[consent]) == []


def test_an_organisation_that_left_the_partnership_is_not_a_partner(world):
    OfferFactory(organisation=world.core_org, category="premises")
    world.core_partner.left_at = world.core_partner.created_at
    world.core_partner.save()
    world.partnership.__dict__.pop("_active_partners", None)

    assert suggestions(world.partnership, category="premises") == []


# --- needs ---------------------------------------------------------------------------


def test_each_need_gets_its_own_suggestions(world):
    from consortia.core.factories import NeedFactory

    rooms = NeedFactory(partnership=world.partnership, category="premises", description="A room")
    hours = NeedFactory(partnership=world.partnership, category="volunteer_time", unit="hours")
    OfferFactory(organisation=world.core_org, category="premises", description="A hall")
    other = PartnerFactory(partnership=world.partnership, organisation=OrganisationFactory(name="Helpers"))
    OfferFactory(organisation=other.organisation, category="volunteer_time", description="Befrienders")
    world.partnership.__dict__.pop("_active_partners", None)

    found = need_suggestions(world.partnership, [rooms, hours], area="")

    assert _names(found[rooms.pk]) == ["Core Org"]
    assert _names(found[hours.pk]) == ["Helpers"]
    assert found[hours.pk][0].why == "offers befrienders"
