"""Two admins of one organisation writing its first profile at once, proved with real
threads on real connections: one profile, both saves succeed (the second updates what
the first wrote), never a 500."""

import pytest

from consortia.accounts.models import User
from consortia.core.factories import MembershipFactory
from consortia.core.testing import run_at_once
from consortia.organisations.models import Organisation
from consortia.workingprofiles.models import WorkingProfile
from consortia.workingprofiles.services import profile_save

from .test_services import fields

pytestmark = pytest.mark.django_db(transaction=True)


def saving(organisation_pk: int, user_pk: int, hours: str):
    def prepare():
        organisation = Organisation.objects.get(pk=organisation_pk)
        user = User.objects.get(pk=user_pk)
        return lambda: profile_save(actor=user, organisation=organisation, **fields(working_hours=hours))

    return prepare


def test_two_admins_writing_the_first_profile_at_once_leave_one_profile(world):
    second_admin = MembershipFactory(organisation=world.core_org, role="admin").user
    first_admin = world.users["partner_admin"]

    results = run_at_once(
        saving(world.core_org.pk, first_admin.pk, "9 to 5"),
        saving(world.core_org.pk, second_admin.pk, "10 to 4"),
    )

    assert all(isinstance(result, WorkingProfile) for result in results), results
    assert WorkingProfile.objects.filter(organisation=world.core_org).count() == 1
    assert WorkingProfile.objects.get(organisation=world.core_org).working_hours in {"9 to 5", "10 to 4"}
