"""The suggestions contract: people who know a question's topics, best first, with the
reasons, never the asker, and the track record other apps register (evidence.py)."""

import pytest

from consortia.core.factories import PersonExpertiseFactory, TopicFactory
from consortia.matching import evidence
from consortia.matching.selectors import suggestions

pytestmark = pytest.mark.django_db


def test_people_who_know_more_of_the_topics_come_first_with_their_reasons(world):
    consent, assessments = TopicFactory(name="Consent"), TopicFactory(name="Carers' assessments")
    one, both = world.users["partner_member"], world.users["partner_admin"]
    PersonExpertiseFactory(partnership=world.partnership, user=one, topic=consent)
    PersonExpertiseFactory(partnership=world.partnership, user=both, topic=consent)
    PersonExpertiseFactory(partnership=world.partnership, user=both, topic=assessments)

    found = suggestions(world.partnership, topics=[consent, assessments])

    assert [s.user for s in found] == [both, one]
    assert found[0].why == "knows Carers' assessments; knows Consent"


def test_the_asker_is_never_suggested(world):
    consent = TopicFactory(name="Consent")
    asker = world.users["partner_member"]
    PersonExpertiseFactory(partnership=world.partnership, user=asker, topic=consent)

    assert suggestions(world.partnership, topics=[consent], exclude_users=[asker.pk]) == []


def test_a_registered_track_record_adds_to_the_score_and_the_reasons(world, monkeypatch):
    consent = TopicFactory(name="Consent")
    first, second = world.users["partner_member"], world.users["partner_admin"]
    for user in (first, second):
        PersonExpertiseFactory(partnership=world.partnership, user=user, topic=consent)
    monkeypatch.setattr(evidence, "_providers", [])

    @evidence.evidence_provider
    def answered(partnership, user_ids, topic_ids):
        return {second.pk: evidence.Evidence(weight=3, reason="answered 3 questions on consent")}

    found = suggestions(world.partnership, topics=[consent])

    assert found[0].user == second
    assert found[0].reasons[-1] == "answered 3 questions on consent"
