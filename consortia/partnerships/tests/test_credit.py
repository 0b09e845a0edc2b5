"""The one rule for the organisation an action is credited to, shown on a person who
belongs to two partner organisations."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from consortia.core.factories import (
    MembershipFactory,
    OrganisationFactory,
    ParticipantFactory,
    PartnerFactory,
    PartnershipFactory,
    UserFactory,
)
from consortia.partnerships.credit import (
    CONTRIBUTING_ROLES,
    CORE_ROLES,
    EVERY_ROLE,
    credited_organisation,
)
from consortia.partnerships.models import Partner

pytestmark = pytest.mark.django_db


def _partner(partnership, role: str, user, *, name: str, joined_days_ago: int = 0):
    """A partner organisation in `partnership` with `user` as a member, that joined
    `joined_days_ago` days ago."""
    organisation = OrganisationFactory(name=name)
    MembershipFactory(organisation=organisation, user=user)
    partner = PartnerFactory(partnership=partnership, organisation=organisation, role=role)
    Partner.objects.filter(pk=partner.pk).update(joined_at=timezone.now() - timedelta(days=joined_days_ago))
    return organisation


def _credited(user, partnership, roles):
    # Fresh objects, as in a new request: nothing cached from setting up.
    user = type(user).objects.get(pk=user.pk)
    partnership = type(partnership).objects.get(pk=partnership.pk)
    return credited_organisation(user, partnership, roles=roles)


def test_it_credits_the_organisation_whose_role_permits_the_action():
    partnership, user = PartnershipFactory(), UserFactory()
    PartnerFactory(partnership=partnership, role="convener")  # someone else convenes
    core = _partner(partnership, "core", user, name="Core Org")
    associate = _partner(partnership, "associate", user, name="Associate Org")

    assert _credited(user, partnership, CORE_ROLES) == core
    assert _credited(user, partnership, ("associate",)) == associate
    assert _credited(user, partnership, ("convener",)) is None


def test_it_credits_the_highest_role_when_both_organisations_may_act():
    partnership, user = PartnershipFactory(), UserFactory()
    # The associate joined first: the higher role still wins.
    _partner(partnership, "associate", user, name="Associate Org", joined_days_ago=30)
    convener = _partner(partnership, "convener", user, name="Convener Org", joined_days_ago=1)

    assert _credited(user, partnership, CONTRIBUTING_ROLES) == convener
    assert _credited(user, partnership, EVERY_ROLE) == convener


def test_it_credits_the_earliest_to_join_when_both_have_the_same_role():
    partnership, user = PartnershipFactory(), UserFactory()
    PartnerFactory(partnership=partnership, role="convener")
    # Created first but joined later: the join date decides, not the row's order.
    later = _partner(partnership, "core", user, name="Joined Later", joined_days_ago=2)
    earlier = _partner(partnership, "core", user, name="Joined Earlier", joined_days_ago=10)

    assert _credited(user, partnership, CORE_ROLES) == earlier
    Partner.objects.filter(organisation=earlier).update(left_at=timezone.now())
    assert _credited(user, partnership, CORE_ROLES) == later  # a partner that left credits nothing


def test_it_credits_no_organisation_for_an_individual_participant():
    partnership = PartnershipFactory()
    PartnerFactory(partnership=partnership, role="convener")
    participant = ParticipantFactory(partnership=partnership).user

    assert _credited(participant, partnership, EVERY_ROLE) is None


def test_it_credits_no_organisation_without_a_signed_in_actor():
    partnership = PartnershipFactory()
    PartnerFactory(partnership=partnership, role="convener")

    assert credited_organisation(None, partnership, roles=EVERY_ROLE) is None
    assert credited_organisation(AnonymousUser(), partnership, roles=EVERY_ROLE) is None
