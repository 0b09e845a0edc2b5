"""The @mention syntax (consortia/threads/mentions.py): bracketed names exactly,
bare names longest-first, an @ inside a word never a mention, and whatever is typed
either resolves, is refused with a message on the body, or is plain text."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from consortia.core.errors import ServiceError
from consortia.core.factories import OrganisationFactory, PartnerFactory
from consortia.threads.mentions import mentions_resolve

pytestmark = pytest.mark.django_db


def test_it_matches_the_longest_name_first(world):
    longer = OrganisationFactory(name="Core Org Trading")
    partner = PartnerFactory(partnership=world.partnership, organisation=longer, role="associate")

    found = mentions_resolve(world.partnership, "Thanks @Core Org Trading!")

    assert found.partners == [partner]


def test_it_is_case_blind_and_reads_a_bracketed_email(world):
    found = mentions_resolve(world.partnership, "@carol carer and @[CORE-MEMBER@example.org]")

    assert found.users == [world.users["participant"], world.users["partner_member"]]


def test_an_email_address_in_the_text_is_not_a_mention(world):
    found = mentions_resolve(world.partnership, "Write to outsider@example.org or carer@example.org")

    assert found.users == [] and found.partners == []


def test_it_does_not_take_a_longer_word_for_a_name(world):
    found = mentions_resolve(world.partnership, "@Carol Carers meet on Fridays")

    assert found.users == []


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(
        st.one_of(
            st.sampled_from(
                ["@", "@[", "]", " ", "Carol Carer", "Otto", "Core Org", "\n", "@@", "x@y.z", "["]
            ),
            st.text(max_size=6),
        ),
        max_size=20,
    ).map("".join)
)
def test_whatever_is_typed_resolves_or_is_refused_on_the_body(world, text):
    try:
        mentions_resolve(world.partnership, text)
    except ServiceError as refused:
        assert refused.field == "body"
