"""The demo partnership's people list their expertise (issue 13), some of it in the
directory, and colleagues from other partners endorse it; the map shows it."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from consortia.expertise.models import Endorsement, PersonExpertise

pytestmark = pytest.mark.django_db


def test_several_demo_people_list_expertise_with_endorsements(client):
    call_command("demo")

    people = PersonExpertise.objects.values_list("user_id", flat=True).distinct()
    assert people.count() >= 4
    assert PersonExpertise.objects.filter(visibility="directory").exists()
    assert Endorsement.objects.count() == 3

    listed = PersonExpertise.objects.select_related("partnership", "user").first()
    client.force_login(listed.user)
    page = client.get(reverse("expertise:map", args=[listed.partnership.uuid])).content.decode()
    assert "Social prescribing" in page and "Carer&#x27;s assessments" in page
