"""The demo's "how we work" profiles: three partners have written theirs, two have not."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from consortia.partnerships.models import Partnership
from consortia.workingprofiles.models import WorkingProfile

pytestmark = pytest.mark.django_db


def test_the_demo_has_profiles_for_three_partners_and_not_yet_for_two(client):
    call_command("demo")

    assert WorkingProfile.objects.count() == 3
    partnership = Partnership.objects.get(
        partners__organisation__working_profile__shown_in_directory=True, partners__role="convener"
    )
    admin = partnership.partners.get(role="convener").organisation.memberships.get(role="admin").user
    client.force_login(admin)
    page = client.get(reverse("workingprofiles:partners", args=[partnership.uuid]))
    html = page.content.decode()
    assert page.status_code == 200
    assert html.count("Not written yet") == 2 and html.count("Update yours") == 1
