"""What matching puts in the search index (matching/search.py): people's expertise,
found by the partnership's members on the search page too, and organisations'
directory-wide profiles, which follow their offers and topics and which no
partnership's search ever returns."""

import pytest

from consortia.core.factories import OfferFactory, OrganisationFactory, PersonExpertiseFactory, TopicFactory
from consortia.organisations.models import Expertise
from consortia.search import testing
from consortia.search.engines import engine_rank
from consortia.search.index import index_rebuild
from consortia.search.models import SearchDocument
from consortia.search.query import any_words
from consortia.search.testing import found

pytestmark = pytest.mark.django_db


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    return testing.committed(django_capture_on_commit_callbacks)


def _org_ids(words):
    return [r.object_id for r in engine_rank(any_words(words), kinds=["organisation"], partnership_ids=None)]


def test_expertise_is_found_in_its_partnership_by_topic_and_note(world, committed):
    row = committed(
        lambda: PersonExpertiseFactory(
            partnership=world.partnership, topic=TopicFactory(name="Safeguarding"), note="Ran **DBS** checks"
        )
    )

    assert found(world.partnership, "safeguarding", kind="expertise") == 1
    assert found(world.partnership, "dbs") == 1
    committed(row.delete)
    assert found(world.partnership, "safeguarding") == 0


def test_an_organisation_profile_follows_its_offers_and_topics(world, committed):
    org = committed(lambda: OrganisationFactory(name="Wheels", description="Lifts"))
    offer = committed(lambda: OfferFactory(organisation=org, description="A minibus"))
    committed(lambda: Expertise.objects.create(organisation=org, topic="Dementia care"))

    assert _org_ids("minibus") == [org.pk]
    assert _org_ids("dementia") == [org.pk]
    committed(offer.delete)
    assert _org_ids("minibus") == []


def test_an_organisation_profile_is_never_a_partnership_search_result(world, client_for):
    OrganisationFactory(name="Wheels", description="Community transport")
    index_rebuild()

    assert SearchDocument.objects.filter(kind="organisation", partnership__isnull=True).exists()
    assert found(world.partnership, "transport") == 0
    response = client_for("partner_member").get("/search/", {"q": "transport"})
    assert "Wheels" not in response.content.decode()
