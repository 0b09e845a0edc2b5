"""The organisation's page lists its partnerships through partnerships' template tag,
because organisations sits below partnerships and cannot ask for them itself."""

from django.urls import reverse
from django.utils import timezone

from consortia.core.factories import PartnerFactory, PartnershipFactory
from consortia.core.testing import text
from consortia.partnerships.templatetags.partnerships import partnerships_of


def test_it_lists_the_partnerships_the_organisation_is_in_now(world):
    former = PartnershipFactory(name="A Former Partnership")
    PartnerFactory(partnership=former, organisation=world.core_org, role="associate", left_at=timezone.now())

    assert list(partnerships_of(world.core_org)) == [world.partnership]


def test_the_organisation_page_shows_its_partnerships_to_members_only(world, client_for):
    world.core_org.listed_in_directory = True  # so the outsider sees the page too
    world.core_org.save()
    url = reverse("organisations:detail", args=[world.core_org.uuid])

    member_sees = client_for("partner_member").get(url)
    outsider_sees = client_for("outsider").get(url)

    assert member_sees.status_code == outsider_sees.status_code == 200
    member_sees, outsider_sees = text(member_sees), text(outsider_sees)

    assert "Carers Advice Partnership" in member_sees
    assert "Carers Advice Partnership" not in outsider_sees
