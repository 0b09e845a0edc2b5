from consortia.core.factories import MembershipFactory, OrganisationFactory, UserFactory
from consortia.organisations.selectors import member_list


def test_it_lists_the_admins_first_then_everyone_by_name(db):
    organisation = OrganisationFactory()
    for name, role in [("Ann Member", "member"), ("Zoe Admin", "admin"), ("Bob Member", "member")]:
        MembershipFactory(organisation=organisation, user=UserFactory(name=name), role=role)

    assert [m.user.name for m in member_list(organisation)] == ["Zoe Admin", "Ann Member", "Bob Member"]
