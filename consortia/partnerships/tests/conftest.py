import pytest

from consortia.core.factories import MembershipFactory, OrganisationFactory, UserFactory


@pytest.fixture
def newcomer(world):
    """(user, organisation): the admin of an organisation not yet in the partnership."""
    user = UserFactory(email="newcomer@example.org", name="Nina Newcomer")
    organisation = OrganisationFactory(name="Newcomer Org")
    MembershipFactory(organisation=organisation, user=user, role="admin")
    return user, organisation
