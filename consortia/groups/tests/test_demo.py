"""The demo partnership has its two working groups."""

import pytest
from django.core.management import call_command

from consortia.groups.models import WorkingGroup
from consortia.groups.selectors import group_members

pytestmark = pytest.mark.django_db


def test_it_gives_the_demo_partnership_two_working_groups():
    call_command("demo")

    referral = WorkingGroup.objects.select_related("partnership").get(name="Referral pathway")
    training = WorkingGroup.objects.get(name="Training")
    organisations = {o.name for m in group_members(referral) for o in m.organisations}
    assert {"Riverside Medical Practice", "Northshire Carers Centre"} <= organisations
    assert any(m.is_participant for m in group_members(referral))
    assert (referral.is_open, training.is_open) == (True, False)
