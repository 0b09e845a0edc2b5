"""The convener's list of invitations waiting for a reply shows only those that can
still be answered, each with the date its link stops working (as the organisation
page does): an expired invitation is not waiting for anything."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from consortia.core.testing import partnership_invitation, signed_in, text


def test_it_lists_an_open_invitation_with_the_date_its_link_expires(world):
    invitation, _ = partnership_invitation(world.partnership, "open@example.org")

    page = text(
        signed_in(world.users["convener_admin"]).get(
            reverse("partnerships:detail", args=[world.partnership.uuid])
        )
    )

    assert "open@example.org" in page
    assert f"until {timezone.localtime(invitation.expires_at):%-d %B %Y}" in page


def test_it_leaves_out_an_expired_invitation(world):
    partnership_invitation(world.partnership, "open@example.org")
    partnership_invitation(world.partnership, "lapsed@example.org", expires_in=timedelta(seconds=-1))

    page = text(
        signed_in(world.users["convener_admin"]).get(
            reverse("partnerships:detail", args=[world.partnership.uuid])
        )
    )

    assert "open@example.org" in page
    assert "lapsed@example.org" not in page
